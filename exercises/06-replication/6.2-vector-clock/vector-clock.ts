/**
 * Exercise 6.2: vector clocks, the three operations everything else is built on.
 *
 * A clock maps node ids to counters; an id that is missing counts as 0. The harness checks the
 * properties named below on generated clocks, and that no function changes a clock it is given.
 * Read README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { Ordering, VectorClock } from 'ddia-workbook/exercise';

/**
 * The clock of `node`'s next event after `clock`. Checked: it is after `clock`, and only `node`'s own
 * count of events changed, by one.
 */
export function increment(clock: VectorClock, node: string): VectorClock {
  // TODO(human): return the new clock. Stuck? `./workbook hint vector-clock`.
  throw new NotImplementedError('increment');
}

/**
 * The smallest clock that is at or after both `a` and `b` (their least upper bound). Checked: it is
 * commutative, associative and idempotent, and `compare(a, merge(a, b))` is `before` or `equal`.
 */
export function merge(a: VectorClock, b: VectorClock): VectorClock {
  // TODO(human): return the merged clock.
  throw new NotImplementedError('merge');
}

/**
 * How `a` relates to `b`: `before` (b has seen everything a has, and more), `after` (the mirror),
 * `equal`, or `concurrent` (each has seen something the other has not). Checked on generated pairs
 * against the definition in the chapter guide, and antisymmetric: `compare(b, a)` is the mirror.
 */
export function compare(a: VectorClock, b: VectorClock): Ordering {
  // TODO(human): return 'before', 'after', 'equal' or 'concurrent'.
  throw new NotImplementedError('compare');
}
