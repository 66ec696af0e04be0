/**
 * Grades one module (a learner's file, the reference solution, or any other file) for one exercise:
 * compile it, type-check it beside the run, load it into a worker, run every check group through the
 * request/answer interface, and return the results as data. Nothing here prints.
 */
import { relative, isAbsolute } from 'node:path';
import { decodeReplayToken, type CheckContext, type CheckResult, type CheckStatus, type ExerciseEntry, type LearnerAnswer } from '../curriculum/index.ts';
import type { AnswerBudgets } from './answer-budget.ts';
import type { LoadProblem } from './learner-port.ts';
import { transpileLearnerFile } from './transpile.ts';
import { typecheckLearnerFile, type TypeDiagnostic } from './typecheck.ts';
import { createWorkerPort } from './worker-port.ts';

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
  /** Answer budgets by export name (the exercise's manifest entry); `grade` applies the same ones. */
  readonly answerBudgets?: AnswerBudgets;
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

  const compiled = await transpileLearnerFile(req.file);
  timings.transpileMs = clock() - t0;
  if (!compiled.ok) {
    const problem = describeLoadProblem(compiled.problem);
    return finish(base, failAll(req.exercise, 'failed', problem), await typecheck, timings, problem);
  }
  const port = createWorkerPort({ code: compiled.code, filename: shown, callTimeoutMs: req.callTimeoutMs ?? 1000, ...(req.answerBudgets !== undefined ? { answerBudgets: req.answerBudgets } : {}) });
  try {
    const loaded = await port.load(req.exercise.exports);
    timings.loadMs = clock() - t0;
    if (!loaded.ok) {
      const problem = describeLoadProblem(loaded.problem);
      const status: CheckStatus = loaded.problem.kind === 'timed-out' ? 'timed-out' : loaded.problem.kind === 'crashed' ? 'crashed' : 'failed';
      return finish(base, failAll(req.exercise, status, problem), await typecheck, timings, problem);
    }
    const checks: CheckResult[] = [];
    for (const [i, group] of req.exercise.groups.entries()) {
      const started = clock();
      const budget = req.groupBudgetMs ?? 60_000;
      const ctx: CheckContext = {
        call: async (fn, args, callCtx, options): Promise<LearnerAnswer> => {
          if (clock() - started > budget) return { kind: 'timed-out', limitMs: budget };
          try {
            return await port.call(fn, args, callCtx, options);
          } catch (error) {
            // The port refuses calls once the module could not be loaded again: a learner outcome.
            return { kind: 'crashed', reason: `your module could not be loaded again (${(error as Error).message})` };
          }
        },
        reload: async () => (await port.load(req.exercise.exports)).ok,
        seed: req.exercise.seed,
        schedules: req.schedules ?? req.exercise.schedules,
        // Capped by runs only: a wall-clock cap would make the shrunk scenario (and --json output)
        // depend on how busy the machine is.
        shrink: { maxRuns: 300, maxMs: Number.POSITIVE_INFINITY },
        wallClockMs: clock,
        hostYield: () => new Promise<void>((resolve) => setImmediate(resolve)),
        ...(replay !== undefined ? { replay } : {}),
      };
      // A replay concerns the cluster scenario only; decision checks are not part of it.
      if (replay !== undefined && !group.checks.some((c) => c.id.startsWith('cluster-'))) continue;
      checks.push(...(await group.run(ctx)));
      timings[`group${i}Ms`] = clock() - started;
    }
    const result = finish(base, checks, await typecheck, timings);
    return replay !== undefined ? { ...result, replayed: true } : result;
  } finally {
    await port.close();
    timings.totalMs = clock() - t0;
  }
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

/** A load problem in plain words, with `file:line` where known. */
export function describeLoadProblem(p: LoadProblem): string {
  switch (p.kind) {
    case 'syntax-error':
      return `your file does not compile${p.location ? ` (${p.location})` : ''}: ${p.message}`;
    case 'threw-at-import':
      return `your file threw while loading${p.error.location ? ` (${p.error.location})` : ''}: ${p.error.name}: ${p.error.message}`;
    case 'missing-export':
      return `your file does not export a function named ${p.name} (it exports: ${p.exports.length > 0 ? p.exports.join(', ') : 'nothing'})`;
    case 'timed-out':
      return `timed out: infinite loop or livelock? loading your file did not finish within ${p.limitMs} ms`;
    case 'crashed':
      return `the learner process stopped while loading your file: ${p.reason}`;
  }
}

function displayPath(root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
