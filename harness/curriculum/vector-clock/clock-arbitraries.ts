/**
 * Generated vector clocks. Node ids match /^n[0-9]{1,2}$/, mostly from a small pool so that two clocks
 * share entries; counters are small and include explicit zeros (a zero entry equals a missing one).
 */
import fc from 'fast-check';
import type { VectorClock } from '../../exercise/index.ts';

export const nodeId: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('n1', 'n2', 'n3', 'n4') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }).map((i) => `n${i}`) },
);

export const clock: fc.Arbitrary<VectorClock> = fc.dictionary(nodeId, fc.integer({ min: 0, max: 4 }), { maxKeys: 4 });
