/**
 * Grades one module (a learner's file, the reference solution, or any other file) for one exercise:
 * compile it, type-check it beside the run, load it into a worker, run every check group through the
 * request/answer interface, and return the results as data. Nothing here prints.
 */
import { relative, isAbsolute } from 'node:path';
import { decodeReplayToken, type CheckResult, type CheckStatus, type ExerciseEntry } from '../curriculum/index.ts';
import { withLearnerModule } from './learner-module.ts';
import { typecheckLearnerFile, type TypeDiagnostic } from './typecheck.ts';

export { describeLoadProblem } from './learner-module.ts';

export interface CheckRequest {
  /** The workbook root; paths in results are shown relative to it. */
  readonly root: string;
  readonly exercise: ExerciseEntry;
  /** Absolute path of the module under test. */
  readonly file: string;
  /** Run only the scenario of this replay token. */
  readonly replay?: string;
  /** Overrides the manifest's number of generated schedules (tests, benchmarks). */
  readonly schedules?: number;
  readonly typecheck?: boolean;
  /** Wall-clock budget for one check group before it counts as a livelock. */
  readonly groupBudgetMs?: number;
  /**
   * Wall-clock limit for one call into learner code. The reference solution answers in well under a
   * millisecond, so a second is a generous multiple that still keeps a hung file's report quick.
   */
  readonly callTimeoutMs?: number;
}

export interface ExerciseResult {
  readonly exercise: string;
  readonly title: string;
  /** The module graded, relative to the workbook root when inside it. */
  readonly file: string;
  readonly passed: boolean;
  readonly score: number;
  readonly maxScore: number;
  /** Why the module could not be run at all (then every check failed with it). */
  readonly loadProblem?: string;
  readonly typeErrors: readonly TypeDiagnostic[];
  readonly checks: readonly CheckResult[];
  /** Present when a replay token was given. */
  readonly replayed?: boolean;
  readonly timings?: Readonly<Record<string, number>>;
}

/** Grades `req.file` against every check of `req.exercise`. Never throws for anything the learner did. */
export async function checkExercise(req: CheckRequest): Promise<ExerciseResult> {
  const clock = (): number => performance.now();
  const t0 = clock();
  const timings: Record<string, number> = {};
  const shown = displayPath(req.root, req.file);
  const typecheck = req.typecheck === false ? Promise.resolve([]) : typecheckLearnerFile(req.file);
  const base = { exercise: req.exercise.id, title: req.exercise.title, file: shown };

  let replay: unknown;
  if (req.replay !== undefined) {
    const decoded = decodeReplayToken(req.replay);
    if (!decoded.ok) return finish(base, failAll(req.exercise, 'failed', decoded.problem), await typecheck, timings, `--replay: ${decoded.problem}`);
    if (decoded.payload.exercise !== req.exercise.id)
      return finish(base, failAll(req.exercise, 'failed', 'wrong exercise'), await typecheck, timings, `--replay: this token is for the exercise "${decoded.payload.exercise}", not "${req.exercise.id}"`);
    replay = decoded.payload.scenario;
  }

  const ran = await withLearnerModule(
    {
      exercise: req.exercise,
      file: req.file,
      shown,
      callTimeoutMs: req.callTimeoutMs ?? 1000,
      ...(req.schedules !== undefined ? { schedules: req.schedules } : {}),
      onStep: (step) => {
        timings[step === 'transpiled' ? 'transpileMs' : 'loadMs'] = clock() - t0;
      },
    },
    async (module) => {
      const checks: CheckResult[] = [];
      for (const [i, group] of req.exercise.groups.entries()) {
        // A replay concerns the cluster scenario only; decision checks are not part of it.
        if (replay !== undefined && !group.checks.some((c) => c.id.startsWith('cluster-'))) continue;
        const started = clock();
        checks.push(...(await group.run(module.context(req.groupBudgetMs ?? 60_000, replay))));
        timings[`group${i}Ms`] = clock() - started;
      }
      return checks;
    },
  );
  timings.totalMs = clock() - t0;
  if (!ran.ok) return finish(base, failAll(req.exercise, ran.status, ran.problem), await typecheck, timings, ran.problem);
  const result = finish(base, ran.value, await typecheck, timings);
  return replay !== undefined ? { ...result, replayed: true } : result;
}

function finish(
  base: { exercise: string; title: string; file: string },
  checks: CheckResult[],
  typeErrors: readonly TypeDiagnostic[],
  timings: Record<string, number>,
  loadProblem?: string,
): ExerciseResult {
  const maxScore = checks.reduce((s, c) => s + c.weight, 0);
  const score = checks.reduce((s, c) => s + (c.status === 'passed' ? c.weight : 0), 0);
  return {
    ...base,
    // Unweighted (optional) checks are reported but never stand between a learner and "done".
    passed: checks.length > 0 && checks.every((c) => c.status === 'passed' || c.weight === 0) && typeErrors.length === 0 && loadProblem === undefined,
    score,
    maxScore,
    ...(loadProblem !== undefined ? { loadProblem } : {}),
    typeErrors,
    checks,
    timings,
  };
}

/** Every check of the exercise, failed for one reason (the module could not run). */
function failAll(exercise: ExerciseEntry, status: CheckStatus, message: string): CheckResult[] {
  return exercise.groups.flatMap((g) => g.checks.map((c) => ({ ...c, status, message, details: [] })));
}

/** `file` relative to the workbook root when inside it. */
export function displayPath(root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
