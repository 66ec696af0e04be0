/**
 * The memo must compare states and sets of placed operations themselves: with a hash that collides
 * for everything, a memo that trusted the hash would prune live branches and call linearizable
 * histories not linearizable. Verdicts must not change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOperations, keyValueModel, keyValueOperations, registerModel, registerOperations, type Model } from '../../../harness/checkers/linearizability/index.ts';
import { corrupt, linearizableHistory, staleRead } from './register-histories.ts';

/** The same model with a hash that sends every state to one bucket. */
const colliding = <I, O, S>(model: Model<I, O, S>): Model<I, O, S> => ({ ...model, hash: () => 0 });
/** Every operation contributes nothing to the set hash: every set of placed operations collides. */
const noSalt = (): number => 0;

describe('exact memo', () => {
  it('judges linearizable histories linearizable with every hash colliding', () => {
    const model = registerModel(undefined);
    let searched = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const history = registerOperations(linearizableHistory({ ops: 60, keys: 1, clients: 4, seed, pending: 0.1 }));
        const honest = checkOperations(model, history);
        const collided = checkOperations(colliding(model), history, { salt: noSalt });
        expect(honest.outcome).toBe('linearizable');
        expect(collided.outcome).toBe('linearizable');
        // Exactness means the very same search: same states, not merely the same answer.
        expect(collided.explored).toBe(honest.explored);
        if (honest.explored > 60) searched++;
      }),
      { numRuns: 40, seed: 11 },
    );
    // Histories where the search had to backtrack, so a wrongly pruned branch would have mattered.
    expect(searched).toBeGreaterThan(5);
  });

  it('still finds the violations, with the same counterexample', () => {
    const model = registerModel(undefined);
    for (let seed = 0; seed < 20; seed++) {
      const base = linearizableHistory({ ops: 80, keys: 2, clients: 4, seed });
      for (const broken of [corrupt(base, seed), staleRead(base, seed)]) {
        if (broken === undefined) continue;
        const ops = registerOperations(broken);
        const honest = checkOperations(model, ops);
        expect(honest.outcome).toBe('not-linearizable');
        expect(checkOperations(colliding(model), ops, { salt: noSalt })).toEqual(honest);
      }
    }
  });

  it('keeps apart states whose hashes collide but which differ (key-value strings)', () => {
    // Two appends in either order give "ab" or "ba": different states, same (colliding) hash.
    const ops = keyValueOperations([
      { client: 'c1', key: 'k', op: 'append', value: 'a', call: 0, return: 10 },
      { client: 'c2', key: 'k', op: 'append', value: 'b', call: 0, return: 10 },
      { client: 'c3', key: 'k', op: 'get', output: 'ba', call: 11, return: 12 },
    ]);
    expect(checkOperations(colliding(keyValueModel), ops, { salt: noSalt }).outcome).toBe('linearizable');
  });
});
