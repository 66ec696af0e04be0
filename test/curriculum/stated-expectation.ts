/**
 * Every expectation a failure states lies in the acceptable set its check uses: each failure's
 * `expected` (what its message or first wrong decision names as acceptable) is asked of its group's
 * own acceptable sets: every stated answer must be accepted and the blamed answer must not. A failure
 * that names an expectation without saying it as data is a problem too. exercise-sweep.ts asks this
 * of every buggy fixture's result, so a new exercise built with the kit is covered by its fixtures.
 */
import { statementProblem, type AcceptableSet, type CheckResult, type ExerciseEntry } from '../../harness/curriculum/index.ts';

/** Words by which a case or law failure names what would have been acceptable. */
const NAMES_AN_EXPECTATION = /acceptable|should|must (be|return)|the answer is|; it is |expected/;

/** Why a failed result's statement is wrong or missing, or null. */
export function problemOf(c: CheckResult, sets: readonly AcceptableSet[]): string | null {
  // A scenario message that names what was acceptable names the first wrong decision's statement, which `expected` holds.
  const named = c.scenario !== undefined ? /acceptable: (.*?)\.?$/.exec(c.message)?.[1] : undefined;
  if (named !== undefined && c.firstBadDecision?.endsWith(`acceptable: ${named}`) !== true) return `its message names "${named}", which is not its first wrong decision's statement`;
  if (c.expected !== undefined) return statementProblem(c.expected, sets);
  // A scenario check states an expectation only in its first wrong decision; its message is a property's.
  const states = c.scenario !== undefined ? c.firstBadDecision !== undefined : c.cause === 'property' && NAMES_AN_EXPECTATION.test([c.message, ...c.details].join('\n'));
  return states ? 'names an acceptable answer in words only (no `expected`)' : null;
}

/** The acceptable sets of an exercise's groups, each once (groups may share a set). */
export function acceptableSetsOf(exercise: ExerciseEntry): AcceptableSet[] {
  return [...new Set(exercise.groups.flatMap((g) => g.acceptableSets ?? []))];
}
