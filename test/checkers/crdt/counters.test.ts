import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedCount, gCounterProblem, PN_REFERENCE, pnAtMost, pnCounterProblem, samePNCounter, showPNCounter } from '../../../harness/checkers/index.ts';
import type { GCounter, PNCounter } from '../../../harness/exercise/index.ts';

const g: fc.Arbitrary<GCounter> = fc.dictionary(fc.constantFrom('n1', 'n2', 'n3'), fc.integer({ min: 0, max: 4 }), { maxKeys: 3 });
const pn: fc.Arbitrary<PNCounter> = fc.record({ inc: g, dec: g });

describe('PN-Counters by meaning', () => {
  it('a zero entry is a missing one, and key order does not matter', () => {
    expect(samePNCounter({ inc: { n1: 0, n2: 1 }, dec: {} }, { inc: { n2: 1 }, dec: { n3: 0 } })).toBe(true);
    expect(samePNCounter({ inc: { n1: 1 }, dec: {} }, { inc: {}, dec: { n1: 1 } })).toBe(false);
  });

  it('names what is not a counter', () => {
    expect(gCounterProblem({ n2: -1 })).toMatch(/entry for n2 is -1/);
    expect(gCounterProblem({ n1: 1.5 })).toMatch(/not a whole number/);
    expect(pnCounterProblem({ inc: {} })).toMatch(/without "dec"/);
    expect(pnCounterProblem([1])).toMatch(/not a PN-Counter/);
    expect(pnCounterProblem({ inc: { n1: 2 }, dec: {} })).toBeNull();
  });

  it("the reference merge is the least upper bound in the order, and the reference updates inflate", () => {
    fc.assert(
      fc.property(pn, pn, pn, fc.constantFrom('n1', 'n4'), (a, b, c, r) => {
        const m = PN_REFERENCE.merge(a, b);
        expect(pnAtMost(a, m) && pnAtMost(b, m)).toBe(true);
        // Any upper bound of both is above the merge.
        const upper = PN_REFERENCE.merge(m, c);
        expect(pnAtMost(m, upper)).toBe(true);
        expect(samePNCounter(PN_REFERENCE.merge(b, a), m)).toBe(true);
        expect(samePNCounter(PN_REFERENCE.merge(a, a), a)).toBe(true);
        for (const up of [PN_REFERENCE.increment(a, r), PN_REFERENCE.decrement(a, r)]) {
          expect(pnAtMost(a, up) && !pnAtMost(up, a)).toBe(true);
          expect(samePNCounter(PN_REFERENCE.merge(a, up), up)).toBe(true);
        }
        expect(PN_REFERENCE.value(PN_REFERENCE.decrement(a, r))).toBe(PN_REFERENCE.value(a) - 1);
      }),
    );
  });

  it('a merge that adds is above the least upper bound; a state moved down is not above the old one', () => {
    const s: PNCounter = { inc: { n1: 1 }, dec: {} };
    const summed: PNCounter = { inc: { n1: 2 }, dec: {} };
    expect(samePNCounter(PN_REFERENCE.merge(s, s), summed)).toBe(false);
    expect(pnAtMost(s, { inc: { n1: 0 }, dec: {} })).toBe(false);
  });

  it('the expected value of what a replica has seen, and a counter in words', () => {
    expect(expectedCount([{ id: 'c1-1', kind: 'increment' }, { id: 'c2-1', kind: 'decrement' }, { id: 'c2-2', kind: 'decrement' }])).toBe(-1);
    expect(showPNCounter({ inc: { n2: 1, n1: 0 }, dec: {} })).toBe('inc {n1: 0, n2: 1} dec {}');
  });
});
