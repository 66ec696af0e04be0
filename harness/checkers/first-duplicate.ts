/**
 * The first element of a list that an earlier element equals (by `key`), in one pass with a set: a
 * learner's answer may hold a million items, and `indexOf` per element makes that minutes of work in
 * the trusted process.
 */

/** The first item whose key an earlier item already had, or undefined when all keys differ. O(n). */
export function firstDuplicate<T>(items: readonly T[], key: (item: T) => unknown = (item) => item): T | undefined {
  const seen = new Set<unknown>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) return item;
    seen.add(k);
  }
  return undefined;
}
