/**
 * Exercise 06-replication/06: vector clocks, the three operations everything else is built on.
 *
 * A clock maps node ids to counters; an id that is missing counts as 0. Treat clocks as values:
 * never change the clock you are given, return a new one. Read README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { Ordering, VectorClock } from 'ddia-workbook/exercise';

/**
 * The clock of `node`'s next event after `clock`: a new clock equal to `clock` except that
 * `node`'s entry is one higher.
 */
export function increment(clock: VectorClock, node: string): VectorClock {
  // TODO(human): return a new clock; `node`'s entry goes up by one (a missing entry counts as 0).
  throw new NotImplementedError('increment');
}

/**
 * The smallest clock that is at or after both `a` and `b`: the entry-wise maximum.
 * Pairs with `compare`: `compare(a, merge(a, b))` is `before` or `equal`.
 */
export function merge(a: VectorClock, b: VectorClock): VectorClock {
  // TODO(human): for every node id in either clock, take the larger counter.
  throw new NotImplementedError('merge');
}

/**
 * How `a` relates to `b`: `before` if `a` ≤ `b` entry by entry and differs, `after` for the mirror,
 * `equal` if every entry matches (missing entries count as 0), otherwise `concurrent`.
 */
export function compare(a: VectorClock, b: VectorClock): Ordering {
  // TODO(human): look at every node id in either clock; is a ever ahead of b, is b ever ahead of a?
  throw new NotImplementedError('compare');
}
