/** A value kept by a replica, with the version vector of the write that produced it. */
import type { VectorClock } from './vector-clock.ts';

/**
 * One of the values a replica holds for a key. Several siblings mean concurrent writes that no later
 * write has overwritten yet; each carries the version vector of the write that produced it.
 */
export interface Sibling<V> {
  value: V;
  clock: VectorClock;
}
