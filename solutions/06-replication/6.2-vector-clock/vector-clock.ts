/**
 * Exercise 06-replication/06: vector clocks, the three operations everything else is built on.
 *
 * A clock maps node ids to counters; an id that is missing counts as 0. Treat clocks as values:
 * never change the clock you are given, return a new one. Read README.md beside this file first.
 */
import type { Ordering, VectorClock } from 'ddia-workbook/exercise';

/**
 * The clock of `node`'s next event after `clock`: a new clock equal to `clock` except that
 * `node`'s entry is one higher.
 */
export function increment(clock: VectorClock, node: string): VectorClock {
  return { ...clock, [node]: (clock[node] ?? 0) + 1 };
}

/**
 * The smallest clock that is at or after both `a` and `b`: the entry-wise maximum.
 * Pairs with `compare`: `compare(a, merge(a, b))` is `before` or `equal`.
 */
export function merge(a: VectorClock, b: VectorClock): VectorClock {
  const out: Record<string, number> = { ...a };
  for (const [node, count] of Object.entries(b)) out[node] = Math.max(out[node] ?? 0, count);
  return out;
}

/**
 * How `a` relates to `b`: `before` if `a` ≤ `b` entry by entry and differs, `after` for the mirror,
 * `equal` if every entry matches (missing entries count as 0), otherwise `concurrent`.
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
