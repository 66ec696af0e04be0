/**
 * The statement check itself (stated-expectation.ts) finds what it should; exercise-sweep.ts applies it
 * to every buggy fixture's result, graded once there as a learner's file is.
 */
import { describe, expect, it } from 'vitest';
import { EXERCISES, statedBy, statementProblem, type CheckResult } from '../../harness/curriculum/index.ts';
import { COMPARE_ANSWERS } from '../../harness/curriculum/vector-clock/clock-acceptable.ts';
import { acceptableSetsOf, problemOf } from './stated-expectation.ts';

describe('statementProblem', () => {
  it('finds a stated answer outside its set, a blamed answer inside it, and an unknown set', () => {
    // The message the antisymmetry law once printed: compare({}, {n1:1}) "should be" 'equal'.
    expect(statementProblem(statedBy(COMPARE_ANSWERS, [{ n1: 1 }, {}], 'after', ['equal']), [COMPARE_ANSWERS])).toMatch(/does not accept/);
    expect(statementProblem(statedBy(COMPARE_ANSWERS, [{}, { n1: 1 }], 'before', ['before']), [COMPARE_ANSWERS])).toMatch(/blames/);
    expect(statementProblem(statedBy(COMPARE_ANSWERS, [{}, { n1: 1 }], 'equal', ['before']), [])).toMatch(/no acceptable set/);
    expect(statementProblem(statedBy(COMPARE_ANSWERS, [{}, { n1: 1 }], 'equal', ['before']), [COMPARE_ANSWERS])).toBeNull();
  });
});

describe('problemOf', () => {
  const failure = (c: Partial<CheckResult>): CheckResult => ({ id: 'x', status: 'failed', message: '', details: [], ...c }) as CheckResult;
  it('asks a stated expectation of the sets, and blames one named in words only', () => {
    expect(problemOf(failure({ expected: statedBy(COMPARE_ANSWERS, [{ n1: 1 }, {}], 'after', ['equal']) }), [COMPARE_ANSWERS])).toMatch(/does not accept/);
    expect(problemOf(failure({ expected: statedBy(COMPARE_ANSWERS, [{}, { n1: 1 }], 'equal', ['before']) }), [COMPARE_ANSWERS])).toBeNull();
    expect(problemOf(failure({ cause: 'property', message: 'compare({}, {n1:1}) should be "before"' }), [COMPARE_ANSWERS])).toMatch(/in words only/);
    expect(problemOf(failure({ cause: 'property', message: 'two leaders in epoch 3' }), [COMPARE_ANSWERS])).toBeNull();
  });
});

describe.each(EXERCISES.map((e) => [e.id, e] as const))('%s: its acceptable sets', (_, exercise) => {
  it('exist and have distinct names', () => {
    const sets = acceptableSetsOf(exercise);
    expect(sets.length).toBeGreaterThan(0);
    expect(new Set(sets.map((s) => s.name)).size).toBe(sets.length);
  });
});
