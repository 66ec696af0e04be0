/**
 * Exercise 6.2: vector clocks, the three operations everything else is built on.
 *
 * A clock maps node ids to counters; an id that is missing counts as 0. The harness checks the
 * properties named below on generated clocks, and that no function changes a clock it is given.
 * Read README.md beside this file first.
 */
import type { Ordering, VectorClock } from 'ddia-workbook/exercise';

/**
 * The clock of `node`'s next event after `clock`. Checked: it is after `clock`, and only `node`'s own
 * count of events changed, by one.
 */
export function increment(clock: VectorClock, node: string): VectorClock {
  return { ...clock, [node]: (clock[node] ?? 0) + 1 };
}

/**
 * The smallest clock that is at or after both `a` and `b` (their least upper bound). Checked: it is
 * commutative, associative and idempotent, and `compare(a, merge(a, b))` is `before` or `equal`.
 */
export function merge(a: VectorClock, b: VectorClock): VectorClock {
  const out: Record<string, number> = { ...a };
  for (const [node, count] of Object.entries(b)) out[node] = Math.max(out[node] ?? 0, count);
  return out;
}

/**
 * How `a` relates to `b`: `before` (b has seen everything a has, and more), `after` (the mirror),
 * `equal`, or `concurrent` (each has seen something the other has not). Checked on generated pairs
 * against the definition in the chapter guide, and antisymmetric: `compare(b, a)` is the mirror.
 */
export function compare(a: VectorClock, b: VectorClock): Ordering {
  let aAhead = false;
  let bAhead = false;
  for (const node of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[node] ?? 0;
    const y = b[node] ?? 0;
    if (x > y) aAhead = true;
    if (y > x) bAhead = true;
  }
  if (aAhead && bAhead) return 'concurrent';
  if (aAhead) return 'after';
  if (bAhead) return 'before';
  return 'equal';
}
