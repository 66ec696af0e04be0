/**
 * Budgets per key under a total cap: an expensive key must not hide a trivial violation on another
 * key, running out is `unknown` (never a pass), and no search goes past the total cap.
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizability, type RegisterOp } from '../../../harness/checkers/linearizability/index.ts';
import { expensiveKey, linearizableHistory } from './register-histories.ts';

/** A stale read on `key`: the write completed before the read began, yet the read saw nothing. */
const staleOn = (key: string): RegisterOp[] => [
  { client: 'c1', key, op: 'write', value: 1, call: 0, return: 10 },
  { client: 'c2', key, op: 'read', call: 12, return: 15 },
];

describe('checkLinearizability: a budget per key, under a total cap', () => {
  it('the expensive key is a real violation, decided when the budget suffices', () => {
    const v = checkLinearizability(expensiveKey('a', 10));
    expect(v.outcome).toBe('not-linearizable');
    expect(v.explored).toBeGreaterThan(5_000);
  });

  it('the expensive key alone exhausts its budget: unknown, naming the key, never a pass', () => {
    const v = checkLinearizability(expensiveKey('a', 20), { budget: 50_000 });
    expect(v.outcome).toBe('unknown');
    if (v.outcome !== 'unknown') return;
    expect(v.undecided).toEqual(['a']);
    expect(v.explored).toBe(50_000);
    expect(v.explanation).toMatch(/^unknown: .* on key "a"; this is not a pass$/);
  });

  it('finds a trivial violation on a later key although an earlier key exhausts the budget', () => {
    const history = [...expensiveKey('a', 20), ...staleOn('b')];
    const v = checkLinearizability(history, { budget: 50_000 });
    expect(v.outcome).toBe('not-linearizable');
    if (v.outcome !== 'not-linearizable') return;
    expect(v.counterexample.key).toBe('b');
    expect(v.counterexample.stuck[0]).toBe(history.length - 1);
    // Found in the first round: the expensive key got one slice, not the whole budget.
    expect(v.explored).toBeLessThan(2_000);
  });

  it('finds it with the default budget too, and whatever the order of the keys', () => {
    for (const [expensive, trivial] of [['a', 'b'], ['b', 'a'], ['m', 'z']] as const) {
      const v = checkLinearizability([...staleOn(trivial), ...expensiveKey(expensive, 22)]);
      expect(v.outcome).toBe('not-linearizable');
      if (v.outcome === 'not-linearizable') expect(v.counterexample.key).toBe(trivial);
    }
  });

  it('a key out of budget makes the verdict unknown even when every other key is linearizable', () => {
    const fine = linearizableHistory({ ops: 200, keys: 3, clients: 4, seed: 3 });
    const v = checkLinearizability([...fine, ...expensiveKey('zz', 20)], { budget: 200_000, keyBudget: 20_000 });
    expect(v.outcome).toBe('unknown');
    if (v.outcome !== 'unknown') return;
    expect(v.undecided).toEqual(['zz']);
    expect(v.explored).toBeLessThan(200_000);
    expect(v.explanation).toContain('the other 3 keys are linearizable');
    // With budget to spare the same keys are decided: the expensive key was the only obstacle.
    expect(checkLinearizability(fine, { keyBudget: 20_000 }).outcome).toBe('linearizable');
  });

  it('never explores more than the total cap, however many keys each have their own budget', () => {
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const v = checkLinearizability(keys.flatMap((k) => expensiveKey(k, 18)), { budget: 30_000, keyBudget: 25_000 });
    expect(v.outcome).toBe('unknown');
    expect(v.explored).toBeLessThanOrEqual(30_000);
    if (v.outcome === 'unknown') expect(v.undecided).toEqual(keys);
  });

  it('gives the same verdict, explanation and state count on every run', () => {
    const history = [...expensiveKey('a', 16), ...linearizableHistory({ ops: 300, keys: 4, clients: 4, seed: 5 })];
    const first = checkLinearizability(history, { budget: 100_000 });
    expect(checkLinearizability(history, { budget: 100_000 })).toEqual(first);
  });

  it('refuses a negative per-key budget with a stable code', () => {
    expect(() => checkLinearizability(staleOn('a'), { keyBudget: -1 })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTION' }));
  });
});
