/**
 * The harness's own version-vector operations: the reference the siblings store runs on and that
 * judges learner answers. (Solutions are never imported: they are graded files, not harness code.)
 */
import type { Ordering, VectorClock } from '../../exercise/index.ts';
import { showExact as show, showNumber } from '../show-value.ts';

/** How `a` relates to `b`; a missing entry counts as 0. */
export function compareClocks(a: VectorClock, b: VectorClock): Ordering {
  let aAhead = false;
  let bAhead = false;
  for (const node in a) if ((a[node] ?? 0) > (b[node] ?? 0)) aAhead = true;
  for (const node in b) if ((b[node] ?? 0) > (a[node] ?? 0)) bAhead = true;
  return aAhead && bAhead ? 'concurrent' : aAhead ? 'after' : bAhead ? 'before' : 'equal';
}

/** The entry-wise maximum of `a` and `b`, without zero entries. */
export function mergeClocks(a: VectorClock, b: VectorClock): VectorClock {
  const out: Record<string, number> = {};
  for (const node in a) if ((a[node] ?? 0) > 0) out[node] = a[node]!;
  for (const node in b) if ((b[node] ?? 0) > (out[node] ?? 0)) out[node] = b[node]!;
  return out;
}

/** `clock` with `node`'s entry one higher. */
export function incrementClock(clock: VectorClock, node: string): VectorClock {
  return { ...mergeClocks(clock, {}), [node]: (clock[node] ?? 0) + 1 };
}

/** True when `a` ≤ `b` entry by entry (`before` or `equal`): everything `a` saw, `b` saw. */
export function coveredBy(a: VectorClock, b: VectorClock): boolean {
  const o = compareClocks(a, b);
  return o === 'before' || o === 'equal';
}

/** Why `x` is not a vector clock (an object of non-negative integer counters), or null if it is one. */
export function clockProblem(x: unknown): string | null {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return `${show(x)} is not a vector clock (an object of node id → counter)`;
  for (const [node, n] of Object.entries(x)) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return `${show(x)} is not a vector clock: the entry for ${node} is ${show(n)}, not a counter ≥ 0`;
  }
  return null;
}

/**
 * A clock in a short form, `{n1:2, n3:0}`, with its entries exactly as given: zero entries and key
 * order kept, since a learner who replays a call from a message must get the clock they were given.
 */
export function showClock(c: VectorClock): string {
  return `{${Object.entries(c).map(([k, n]) => `${k}:${typeof n === 'number' ? showNumber(n) : show(n)}`).join(', ')}}`;
}
