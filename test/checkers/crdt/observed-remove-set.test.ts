import { describe, expect, it } from 'vitest';
import { duplicateEntries, expectedElements, liveElements, OR_REFERENCE, orAtMost, orSetDifference, orSetProblem, prunedORSet, sameORSet, showORSet } from '../../../harness/checkers/index.ts';
import type { ORSet } from '../../../harness/exercise/index.ts';

const milk = (tag: string) => ({ element: 'milk', tag });
const s = (adds: ORSet['adds'], removed: string[] = []): ORSet => ({ adds, removed });

describe('OR-Sets by meaning', () => {
  it('the kept and the pruned form of a state are one state, in any order', () => {
    expect(sameORSet(s([milk('c1-1')], ['c1-1']), s([], ['c1-1']))).toBe(true);
    expect(sameORSet(s([milk('c1-1'), milk('c2-1')]), s([milk('c2-1'), milk('c1-1')]))).toBe(true);
    // Same elements, different meaning: the tombstone is part of the state.
    expect(sameORSet(s([], ['c1-1']), s([]))).toBe(false);
    expect(liveElements(s([milk('c1-1')], ['c1-1']))).toEqual([]);
  });

  it('says what makes two states differ in meaning, and nothing for two forms of one state', () => {
    // Both show {milk}: only the live add c2-1 and the tombstone c0-1 tell them apart.
    expect(orSetDifference(s([milk('c1-1'), milk('c2-1')]), s([milk('c1-1')], ['c0-1']), 'n1', 'n2')).toBe(
      'n1 has the live add milk c2-1 and n2 has not; n2 has the tombstone c0-1 and n1 has not',
    );
    expect(orSetDifference(s([milk('c1-1')], ['c1-1']), s([], ['c1-1']), 'n1', 'n2')).toBe('');
  });

  it('names what is not an OR-Set', () => {
    expect(orSetProblem({ adds: [] })).toMatch(/"removed"/);
    expect(orSetProblem({ adds: [{ element: 'milk' }], removed: [] })).toMatch(/element, tag/);
    expect(orSetProblem({ adds: [], removed: [3] })).toMatch(/not a tag/);
    expect(orSetProblem(s([milk('c1-1')]))).toBeNull();
  });

  it('the order: a remove moves the state up, dropping the add without a tombstone does not', () => {
    const before = s([milk('c1-1')]);
    expect(orAtMost(before, OR_REFERENCE.remove(before, 'milk'))).toBe(true);
    expect(orAtMost(before, s([]))).toBe(false);
    expect(orAtMost(OR_REFERENCE.remove(before, 'milk'), before)).toBe(false);
  });

  it('add wins: a remove keeps the adds it had not seen', () => {
    const shared = s([milk('c1-1')]);
    const merged = OR_REFERENCE.merge(OR_REFERENCE.remove(shared, 'milk'), OR_REFERENCE.add(shared, 'milk', 'c2-1'));
    expect(liveElements(merged)).toEqual(['milk']);
    expect(showORSet(merged)).toBe('adds {milk c2-1} removed {c1-1}');
    expect(
      expectedElements([
        { kind: 'add', element: 'milk', tag: 'c1-1' },
        { kind: 'remove', element: 'milk', observed: ['c1-1'] },
        { kind: 'add', element: 'milk', tag: 'c2-1' },
        { kind: 'add', element: 'tea', tag: 'c2-2' },
        { kind: 'remove', element: 'tea', observed: ['c2-2'] },
      ]),
    ).toEqual(['milk']);
  });

  it('finds entries listed twice, and pruning lists each once', () => {
    const doubled = s([milk('c1-1'), milk('c1-1')], ['c0-1', 'c0-1']);
    expect(duplicateEntries(doubled)).toEqual(['milk c1-1', 'tag c0-1 in removed']);
    expect(duplicateEntries(prunedORSet(doubled))).toEqual([]);
  });
});
