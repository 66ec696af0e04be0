/**
 * What the manifest knows about one exercise. Each exercise declares its entry once, beside its
 * checks, with `defineExercise` (define-exercise.ts), which derives every path from the id and the
 * chapter section; manifest.ts lists the entries in workbook order.
 */
import type { CheckGroup } from './check.ts';
import type { ExerciseHints } from './hints.ts';

export interface ExerciseEntry {
  /** What learners type: `workbook check failover-coordinator`. */
  readonly id: string;
  readonly title: string;
  readonly chapter: string;
  /** The exercise's folder name, `<section>-<id>` (e.g. `2.3-failover-coordinator`): sorting by name follows the chapter. */
  readonly folder: string;
  /** The learner's file, relative to the workbook root. */
  readonly file: string;
  /** The reference solution: the same path under solutions/. */
  readonly solution: string;
  readonly readme: string;
  /** The chapter guide section that teaches it: its number (`2.3`), its page and the heading the entry links. */
  readonly section: { readonly number: string; readonly file: string; readonly heading: string };
  /**
   * Where the learner's file lived before folders were named `<section>-<id>`, relative to the
   * workbook root; a file found there is moved to `file`. Empty for exercises added since.
   */
  readonly formerFiles: readonly string[];
  /** The folder number it had then (`03`), which `workbook check 03` still accepts. */
  readonly formerNumber?: string;
  /** Functions the module must export. */
  readonly exports: readonly string[];
  /** The exercise's hints (three levels each, a question to the shape of the fix) and the one each check names. */
  readonly hints: ExerciseHints;
  /** Published constants, printed with liveness failures. */
  readonly constants: Readonly<Record<string, number>>;
  readonly groups: readonly CheckGroup[];
  /** Generated schedules per cluster check run, and the seed they come from. */
  readonly schedules: number;
  readonly seed: number;
  /** What the manifest-driven tests should expect of this exercise's fixtures, beyond the rules every exercise meets. */
  readonly fixtures?: FixtureExpectations;
  /**
   * Bytes an export's answer may take, for exports whose answers can be large (at least
   * `MIN_ANSWER_BUDGET_BYTES`); `check` and `grade` apply the same budgets, and exports not named
   * get the default (64 KB, more than 8 × any reference answer today).
   */
  readonly answerBudgets?: Readonly<Record<string, number>>;
  /**
   * Grading only: what the exercise's protocol acts on in an export's returned value (see
   * `ActedUpon`). A correct student's answers then reuse the reference solution's passing runs even
   * when free-text fields (a `reason` in their own words) differ, so distinct correct submissions
   * are not all simulated again.
   */
  readonly actedUpon?: ActedUpon;
}

/**
 * By export: the part of a returned value the simulation and every check of the exercise depend on,
 * or undefined for a value the protocol does not take as it is (it is then matched whole). Two
 * answers with the same part (and the same console output) must make the same run, and a passing
 * run's outcome must never quote what the part leaves out: declare it only where both hold, and
 * list the exercise's fixtures in the grading reuse test that proves it.
 */
export type ActedUpon = Readonly<Record<string, (value: unknown) => unknown>>;

/** The smallest answer budget an export may declare: small answers must never be refused for bookkeeping. */
export const MIN_ANSWER_BUDGET_BYTES = 64 * 1024;

/**
 * Exercise-specific expectations of the fixtures under test/fixtures/{buggy,correct}/<id>/, as data
 * (test/curriculum/exercise-sweep.ts reads them). Every buggy fixture fails the checks its
 * `// targets:` line names in any case; these say which fixtures no scenario check catches, and why.
 */
export interface FixtureExpectations {
  /**
   * Buggy fixtures no scenario run can reveal, by construction, each with the reason: they target no
   * scenario check, and the test fails when a scenario check starts catching one.
   */
  readonly decisionOnly?: Readonly<Record<string, string>>;
  /**
   * Buggy fixtures a scenario check should catch but does not within the default schedules (a gap in
   * the scenario families), each with the reason; tested like `decisionOnly`, so a family that closes
   * the gap makes the test say to add the check to the fixture's targets and drop the entry.
   */
  readonly knownGaps?: Readonly<Record<string, string>>;
  /** Every other buggy fixture targets a scenario check as well as a check without runs: its bug shows in a run. */
  readonly bugsShowInRuns?: boolean;
}
