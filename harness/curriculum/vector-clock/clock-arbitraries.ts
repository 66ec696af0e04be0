/**
 * Generated vector clocks. Node ids match /^n[0-9]{1,2}$/, mostly from a small pool so that two clocks
 * share entries; counters are mostly small, so that two clocks often share a counter, and include
 * explicit zeros (a zero entry equals a missing one). Some pass 9, where a counter compared as a
 * string ("10" < "9") is ordered wrongly.
 */
import fc from 'fast-check';
import type { VectorClock } from '../../exercise/index.ts';

export const nodeId: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('n1', 'n2', 'n3', 'n4') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }).map((i) => `n${i}`) },
);

// The wide range comes first so that it shrinks to 0 like the narrow one: a failure that needs no large counter shows small ones.
const counter: fc.Arbitrary<number> = fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }) }, { weight: 4, arbitrary: fc.integer({ min: 0, max: 4 }) });

export const clock: fc.Arbitrary<VectorClock> = fc.dictionary(nodeId, counter, { maxKeys: 4 });
