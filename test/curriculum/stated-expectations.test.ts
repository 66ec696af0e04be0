/**
 * Every expectation a failure states lies in the acceptable set its check uses: each buggy fixture of
 * every exercise in the manifest is graded as a learner's file is, and each failure's `expected`
 * (what its message or first wrong decision names as acceptable) is asked of its group's own
 * acceptable sets: every stated answer must be accepted and the blamed answer must not. A failure
 * that names an expectation without saying it as data fails too, so a new exercise built with the kit
 * is covered as soon as it has fixtures.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXERCISES, statedBy, statementProblem, type AcceptableSet, type CheckResult } from '../../harness/curriculum/index.ts';
import { checkExercise, packageRoot } from '../../harness/grading/index.ts';
import { COMPARE_ANSWERS } from '../../harness/curriculum/vector-clock/clock-acceptable.ts';

const root = packageRoot();
/** Words by which a case or law failure names what would have been acceptable. */
const NAMES_AN_EXPECTATION = /acceptable|should|must (be|return)|the answer is|; it is |expected/;

/** Why a failed result's statement is wrong or missing, or null. */
function problemOf(c: CheckResult, sets: readonly AcceptableSet[]): string | null {
  // A scenario message that names what was acceptable names the first wrong decision's statement, which `expected` holds.
  const named = c.scenario !== undefined ? /acceptable: (.*?)\.?$/.exec(c.message)?.[1] : undefined;
  if (named !== undefined && c.firstBadDecision?.endsWith(`acceptable: ${named}`) !== true) return `its message names "${named}", which is not its first wrong decision's statement`;
  if (c.expected !== undefined) return statementProblem(c.expected, sets);
  // A scenario check states an expectation only in its first wrong decision; its message is a property's.
  const states = c.scenario !== undefined ? c.firstBadDecision !== undefined : c.cause === 'property' && NAMES_AN_EXPECTATION.test([c.message, ...c.details].join('\n'));
  return states ? 'names an acceptable answer in words only (no `expected`)' : null;
}

describe('statementProblem', () => {
  it('finds a stated answer outside its set, a blamed answer inside it, and an unknown set', () => {
    // The message the antisymmetry law once printed: compare({}, {n1:1}) "should be" 'equal'.
    expect(statementProblem(statedBy(COMPARE_ANSWERS, [{ n1: 1 }, {}], 'after', ['equal']), [COMPARE_ANSWERS])).toMatch(/does not accept/);
    expect(statementProblem(statedBy(COMPARE_ANSWERS, [{}, { n1: 1 }], 'before', ['before']), [COMPARE_ANSWERS])).toMatch(/blames/);
    expect(statementProblem(statedBy(COMPARE_ANSWERS, [{}, { n1: 1 }], 'equal', ['before']), [])).toMatch(/no acceptable set/);
    expect(statementProblem(statedBy(COMPARE_ANSWERS, [{}, { n1: 1 }], 'equal', ['before']), [COMPARE_ANSWERS])).toBeNull();
  });
});

for (const exercise of EXERCISES) {
  const dir = join(root, 'test', 'fixtures', 'buggy', exercise.id);
  const fixtures = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  // Groups may share a set (a judge used by decision cases and by cluster runs alike).
  const sets = [...new Set(exercise.groups.flatMap((g) => g.acceptableSets ?? []))];

  let statements = 0;
  describe(`${exercise.id}: every stated expectation is in its check's acceptable set`, () => {
    it('has acceptable sets with distinct names', () => {
      expect(sets.length).toBeGreaterThan(0);
      expect(new Set(sets.map((s) => s.name)).size).toBe(sets.length);
    });
    for (const fixture of fixtures) {
      it(fixture, async () => {
        const r = await checkExercise({ root, exercise, file: join(dir, fixture) });
        const failed = r.checks.filter((c) => c.status === 'failed');
        expect(failed.length, 'a buggy fixture fails some check').toBeGreaterThan(0);
        statements += failed.filter((c) => c.expected !== undefined).length;
        const problems = failed.map((c) => [c.id, problemOf(c, sets)] as const).filter(([, p]) => p !== null);
        expect(problems, failed.map((c) => `${c.id}: ${c.message}\n  ${c.firstBadDecision ?? ''}`).join('\n')).toEqual([]);
      });
    }
    it('states some expectation as data across its fixtures (the test above is not vacuous)', () => {
      expect(statements).toBeGreaterThanOrEqual(fixtures.length / 2);
    });
  });
}
