import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedOutcomes, applyTextOp, applyTextOps, authoredOutcomes, referenceTransform, sameAuthored, showAnswers, showAuthored, textOpProblem } from '../../../harness/checkers/index.ts';
import type { TextOp } from '../../../harness/exercise/index.ts';
import { opPair } from '../../../harness/curriculum/operational-transform/op-arbitraries.ts';

/** The design's cyclic tie: site i goes first against site j iff (i < j) XOR (i + j odd); antisymmetric, not transitive. */
function cyclicTransform(op: TextOp, applied: TextOp): TextOp[] {
  if (op.kind === 'insert' && applied.kind === 'insert' && op.pos === applied.pos) {
    const [i, j] = [Number(applied.site.slice(1)), Number(op.site.slice(1))];
    return [(i < j) !== ((i + j) % 2 === 1) ? { ...op, pos: op.pos + applied.text.length } : op];
  }
  return referenceTransform(op, applied);
}

describe('text edits by effect', () => {
  it('the intended outcomes: both orders for a tie, the insert inside a delete kept where the range was', () => {
    expect(allowedOutcomes('ab', { kind: 'insert', pos: 1, text: 'x', site: 'c1' }, { kind: 'insert', pos: 1, text: 'y', site: 'c2' }).sort()).toEqual(['axyb', 'ayxb']);
    expect(allowedOutcomes('abcd', { kind: 'delete', pos: 1, length: 2, site: 'c1' }, { kind: 'insert', pos: 2, text: 'X', site: 'c2' })).toEqual(['aXd']);
    expect(allowedOutcomes('abcdef', { kind: 'delete', pos: 1, length: 3, site: 'c1' }, { kind: 'delete', pos: 2, length: 3, site: 'c2' })).toEqual(['af']);
  });

  it('names invalid ops', () => {
    expect(textOpProblem({ kind: 'delete', pos: 1, length: 0, site: 'c1' }, 'abc', 'c1')).toMatch(/at least one character/);
    expect(textOpProblem({ kind: 'insert', pos: 4, text: 'x', site: 'c1' }, 'abc', 'c1')).toMatch(/last position is 3/);
    expect(textOpProblem({ kind: 'insert', pos: 0, text: 'x', site: 'c2' }, 'abc', 'c1')).toMatch(/keep op.site/);
    expect(applyTextOps('abc', 'nope', 'c1').ok).toBe(false);
  });

  it('tells equal texts apart by author: a tie decided by the text alone answers both calls alike', () => {
    const a: TextOp = { kind: 'insert', pos: 1, text: 'x', site: 'c1' };
    const b: TextOp = { kind: 'insert', pos: 1, text: 'x', site: 'c2' };
    const alike = authoredOutcomes('ab', a, b, [[{ ...a, pos: 2 }], [{ ...b, pos: 2 }]]);
    expect(alike.ok && alike.sides[0].text === alike.sides[1].text).toBe(true);
    expect(alike.ok && sameAuthored(...alike.sides)).toBe(false);
    expect(alike.ok && alike.sides.map(showAuthored)).toEqual([`"a", c2's "x", c1's "x", "b"`, `"a", c1's "x", c2's "x", "b"`]);
    const opposite = authoredOutcomes('ab', a, b, [[a], [{ ...b, pos: 2 }]]);
    expect(opposite.ok && sameAuthored(...opposite.sides)).toBe(true);
    const bad = authoredOutcomes('ab', a, b, [[a], [{ ...b, pos: 9 }]]);
    expect(bad.ok ? null : bad.which).toBe(1);
  });

  it('shows sites only when two answers would otherwise read alike', () => {
    const d = (site: string): TextOp => ({ kind: 'delete', pos: 1, length: 1, site });
    expect(showAnswers([[d('c1')]], [[d('c1')]])).toEqual(['[delete 1 at 1]']);
    expect(showAnswers([[d('c2')]], [[d('c1')]])).toEqual(['[delete 1 at 1 by c2]']);
  });

  it.each([
    ['the reference', referenceTransform],
    ['a cyclic tie rule', cyclicTransform],
  ] as const)('%s satisfies TP1 and the intended effect on 3,000 generated pairs', (_, transform) => {
    fc.assert(
      fc.property(opPair, ({ base, a, b }) => {
        const one = applyTextOps(applyTextOp(base, b), transform(a, b), a.site);
        const two = applyTextOps(applyTextOp(base, a), transform(b, a), b.site);
        expect(one.ok && two.ok).toBe(true);
        const [t1, t2] = [(one as { text: string }).text, (two as { text: string }).text];
        expect(t1).toBe(t2);
        expect(allowedOutcomes(base, a, b)).toContain(t1);
        const r = authoredOutcomes(base, a, b, [transform(a, b), transform(b, a)]);
        expect(r.ok && sameAuthored(...r.sides)).toBe(true);
      }),
      { numRuns: 3000, seed: 15 },
    );
  });
});
