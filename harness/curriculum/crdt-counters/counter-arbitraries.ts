/**
 * The PN-Counter law examples: counters over replicas n1–n4 with counts 0–5, sometimes 8–120 (explicit zeros included:
 * every such map is reachable, and a zero entry means the same as a missing one), three of them and a
 * replica id from the pool or a fresh one. The fixed examples come first, one per known bug.
 */
import fc from 'fast-check';
import type { GCounter, PNCounter } from '../../exercise/index.ts';

/** One example shared by every law of a group: three counters and the replica that updates. */
export interface CounterExample {
  readonly a: PNCounter;
  readonly b: PNCounter;
  readonly c: PNCounter;
  readonly r: string;
}

// Counts of two digits now and then, so a merge that compares them as text (9 over 10) is drawn too.
const count: fc.Arbitrary<number> = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: fc.integer({ min: 8, max: 120 }) });
const gCounter: fc.Arbitrary<GCounter> = fc.dictionary(fc.constantFrom('n1', 'n2', 'n3', 'n4'), count, { maxKeys: 4 });
const pnCounter: fc.Arbitrary<PNCounter> = fc.record({ inc: gCounter, dec: gCounter });
const replica: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('n1', 'n2', 'n3', 'n4') }, { weight: 1, arbitrary: fc.constant('n7') });

export const counterExample: fc.Arbitrary<CounterExample> = fc.record({ a: pnCounter, b: pnCounter, c: pnCounter, r: replica });

const pn = (inc: GCounter, dec: GCounter = {}): PNCounter => ({ inc, dec });
const one = pn({ n1: 1 });

/** Fixed merges: a state with itself, two disjoint increments, two disjoint decrements (both ways, as commutativity asks), 9 against 10 increments and decrements (larger as a number, smaller as text). */
export const FIXED_MERGES: readonly CounterExample[] = [
  { a: one, b: one, c: one, r: 'n1' },
  { a: pn({ n1: 2 }), b: pn({ n2: 1 }), c: pn({}), r: 'n1' },
  { a: pn({}, { n1: 1 }), b: pn({}, { n2: 1 }), c: pn({ n3: 1 }), r: 'n1' },
  { a: pn({ n1: 9 }), b: pn({ n1: 10 }), c: pn({}), r: 'n1' },
  { a: pn({}, { n1: 9 }), b: pn({}, { n1: 10 }), c: pn({}), r: 'n1' },
];

/** Fixed updates: an increment elsewhere, decrements at a replica with no count and at one with increments, a value with both halves. */
export const FIXED_UPDATES: readonly CounterExample[] = [
  { a: pn({ n1: 1 }), b: one, c: one, r: 'n2' },
  { a: pn({ n1: 2 }), b: one, c: one, r: 'n3' },
  { a: pn({ n2: 3 }), b: one, c: one, r: 'n2' },
  { a: pn({ n1: 3 }, { n1: 1, n2: 1 }), b: one, c: one, r: 'n1' },
];
