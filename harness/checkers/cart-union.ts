/**
 * Whether a merged shopping cart is exactly the union of its siblings' items: nothing lost, nothing
 * twice, nothing added. Linear in the sizes of both lists (sets, not `includes` per item), so a
 * learner's million-item answer costs milliseconds; the wording is the cart check's own.
 */
import { firstDuplicate } from './first-duplicate.ts';

/** An item as the message names it: bare, unless bare it would not read as one item ('', ' tea', 'a, b'). */
const item = (x: string): string => (x === '' || /^\s|\s$|,/.test(x) ? JSON.stringify(x) : x);

/** Why `result` is not the union `expected` (every item once), or null when it is. */
export function cartUnionProblem(result: unknown, expected: readonly string[]): string | null {
  if (!Array.isArray(result) || !result.every((x) => typeof x === 'string')) return 'not an array of items';
  const items = result as readonly string[];
  const held = new Set(items);
  const missing = expected.filter((x) => !held.has(x));
  if (missing.length > 0) return `it lost ${missing.map(item).join(', ')}, which a sibling holds (a lost item is a lost write)`;
  const twice = firstDuplicate(items);
  if (twice !== undefined) return `it holds ${item(twice)} twice`;
  const wanted = new Set(expected);
  const extra = items.filter((x) => !wanted.has(x));
  if (extra.length > 0) return `it added ${extra.map(item).join(', ')}, which no sibling holds`;
  return null;
}
