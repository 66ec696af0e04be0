/**
 * Exercise 6.1: an add-wins set, the observed-remove set (OR-Set), as a state-based CRDT.
 *
 * Replicas of a shopping list add and remove items without asking anyone and exchange whole states;
 * any two states can be merged, in any order, any number of times. Every add carries a unique tag
 * (the id of the client write that made it). Read README.md beside this file first.
 *
 * The meaning of a state: an element is in the set while some add of it has a tag that is not in
 * `removed`. States come in two forms, and you are given both: with every add kept, or with the adds
 * whose tag is in `removed` left out. So `{ adds: [milk c1-1], removed: [c1-1] }` holds no milk.
 *
 * What is checked, on fixed and generated states (reachable ones, in both forms):
 * - orMerge is commutative, associative and idempotent, and gives the least state containing both:
 *   everything either replica has seen, nothing else;
 * - an update only moves the state up, so merging an older copy never undoes it;
 * - an add that a concurrent remove had not seen wins, and a removed element can be added again;
 * - no result lists an (element, tag) or a removed tag twice;
 * - no function changes a set it is given (they arrive frozen);
 * - states are compared by meaning: either form and any order pass;
 * - in cluster runs (replicas gossiping whole states over a lossy, duplicating, partitioned
 *   network), every state and element list a replica gets from you shows exactly the adds and
 *   removes it has seen, and every replica ends with the same set.
 */
import type { ORSet, TaggedAdd } from 'ddia-workbook/exercise';

/** `set` with one more add of `element`; `tag` is fresh: no state anywhere has seen it. */
export function orAdd(set: ORSet, element: string, tag: string): ORSet {
  return { adds: [...set.adds, { element, tag }], removed: set.removed };
}

/** Removes `element` as this replica sees it: every add of it in `set` is removed; adds `set` has not seen are not. */
export function orRemove(set: ORSet, element: string): ORSet {
  const observed = set.adds.filter((x) => x.element === element).map((x) => x.tag);
  return { adds: set.adds.filter((x) => x.element !== element), removed: [...new Set([...set.removed, ...observed])] };
}

/** Two replicas' sets merged: everything either has seen, nothing else. */
export function orMerge(a: ORSet, b: ORSet): ORSet {
  const removed = [...new Set([...a.removed, ...b.removed])];
  const gone = new Set(removed);
  const adds = new Map<string, TaggedAdd>();
  for (const x of [...a.adds, ...b.adds]) if (!gone.has(x.tag)) adds.set(x.tag, x);
  return { adds: [...adds.values()], removed };
}

/** The elements in the set, each once, any order. */
export function orElements(set: ORSet): string[] {
  const removed = new Set(set.removed);
  return [...new Set(set.adds.filter((x) => !removed.has(x.tag)).map((x) => x.element))];
}
