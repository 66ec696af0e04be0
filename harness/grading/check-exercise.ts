/**
 * Grades one module (a learner's file, the reference solution, or any other file) for one exercise:
 * compile it, type-check it beside the run, load it into a worker, run every check group through the
 * request/answer interface, and return the results as data. Nothing here prints.
 */
import { relative, isAbsolute } from 'node:path';
import {
  decodeReplayToken,
  encodeReplayToken,
  InvalidReplayTokenError,
  type CheckGroup,
  type CheckResult,
  type CheckStatus,
  type ExerciseEntry,
  type GroupResult,
  WORKBOOK_COMMAND,
} from '../curriculum/index.ts';
import type { AnswerBudgets } from './answer-budget.ts';
import { withLearnerModule } from './learner-module.ts';
import { resultKey, type ResultCache } from './result-key.ts';
import type { CheckRecords } from './run-records.ts';
import { transpileLearnerFile } from './transpile.ts';
import type { LearnerPortKind } from './worker-port.ts';
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
  /** Answer budgets by export name (the exercise's manifest entry); `grade` applies the same ones. */
  readonly answerBudgets?: AnswerBudgets;
  /** Whole results by content (result-key.ts): a hit answers without running anything. */
  readonly cache?: ResultCache;
  /** Keep a spare learner worker ready for the next check (watch mode). */
  readonly keepSpare?: boolean;
  /** How calls cross to the learner worker (worker-port.ts); the default is by message. */
  readonly port?: LearnerPortKind;
  /** Recorded runs the scenario checks may reuse, and keep this check's runs in (run-records.ts). */
  readonly records?: CheckRecords;
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
  /** For a replay: the checks it did not run (decision checks are not part of a replay), so it judged only `checks`. */
  readonly notRun?: readonly { readonly id: string; readonly title: string }[];
  readonly timings?: Readonly<Record<string, number>>;
}

/**
 * Grades `req.file` against every check of `req.exercise`. Never throws for anything the learner's
 * code did; a replay token that cannot be replayed here throws `InvalidReplayTokenError` (a usage error).
 */
export async function checkExercise(req: CheckRequest): Promise<ExerciseResult> {
  const clock = (): number => performance.now();
  const t0 = clock();
  const timings: Record<string, number> = {};
  const shown = displayPath(req.root, req.file);
  // A token that is not valid is a usage error: refuse it before any type check starts.
  const replays = req.replay !== undefined ? parseReplay(req.exercise, req.replay) : undefined;
  const stopTypecheck = new AbortController();
  const typecheck = req.typecheck === false ? Promise.resolve([]) : typecheckLearnerFile(req.file, { signal: stopTypecheck.signal });
  const base = { exercise: req.exercise.id, title: req.exercise.title, file: shown };
  const callTimeoutMs = req.callTimeoutMs ?? 1000;
  // The manifest's budgets unless the caller overrides them: `grade` applies the same ones.
  const answerBudgets = { ...req.exercise.answerBudgets, ...req.answerBudgets };

  let compiled: Awaited<ReturnType<typeof transpileLearnerFile>> | undefined;
  let key: string | undefined;
  if (req.cache !== undefined) {
    compiled = await transpileLearnerFile(req.file);
    if (compiled.ok) {
      const options = { replay: req.replay ?? null, schedules: req.schedules ?? null, typecheck: req.typecheck !== false, groupBudgetMs: req.groupBudgetMs ?? null, callTimeoutMs, answerBudgets };
      key = resultKey({ exercise: req.exercise, code: compiled.code, inputs: compiled.inputs, shown, options });
      const hit = req.cache.get(key);
      if (hit !== undefined) {
        stopTypecheck.abort();
        await typecheck;
        return { ...hit, timings: { cachedMs: clock() - t0 } };
      }
    }
  }

  const notRun: { id: string; title: string }[] = [];

  const ran = await withLearnerModule(
    {
      exercise: req.exercise,
      file: req.file,
      shown,
      callTimeoutMs,
      answerBudgets,
      ...(req.schedules !== undefined ? { schedules: req.schedules } : {}),
      ...(compiled !== undefined ? { compiled } : {}),
      ...(req.keepSpare === true ? { keepSpare: true } : {}),
      ...(req.port !== undefined ? { port: req.port } : {}),
      onStep: (step) => {
        timings[step === 'transpiled' ? 'transpileMs' : 'loadMs'] = clock() - t0;
      },
    },
    async (module) => {
      const checks: CheckResult[] = [];
      for (const [i, group] of req.exercise.groups.entries()) {
        // A replay concerns the scenario checks only; decision checks are not part of it.
        if (replays !== undefined && !group.replayable) {
          notRun.push(...group.checks.map((c) => ({ id: c.id, title: c.title })));
          continue;
        }
        const started = clock();
        const ctx = module.context(req.groupBudgetMs ?? 60_000, replays?.get(group));
        const reuse = req.records !== undefined && group.replayable ? { reuse: req.records.group(i, ctx) } : {};
        checks.push(...stampReplays(req.exercise, group, await group.run({ ...ctx, ...reuse })));
        timings[`group${i}Ms`] = clock() - started;
      }
      return checks;
    },
  );
  timings.totalMs = clock() - t0;
  if (req.records !== undefined && replays === undefined) {
    timings.reusedSchedules = req.records.counts.reused;
    timings.simulatedSchedules = req.records.counts.simulated;
    req.records.save();
  }
  if (!ran.ok) return finish(base, failAll(req.exercise, ran.status, ran.problem), await typecheck, timings, ran.problem);
  const finished = finish(base, ran.value, await typecheck, timings);
  const result = replays !== undefined ? { ...finished, replayed: true, notRun } : finished;
  // A crash or a time-out depends on the machine as much as on the code: such a result is never kept.
  if (key !== undefined && result.checks.every((c) => c.status !== 'timed-out' && c.status !== 'crashed')) {
    const { timings: _, ...kept } = result;
    req.cache!.put(key, kept);
  }
  return result;
}

/**
 * Each replayable group's view of a replay token: its spec, parsed by the group. Throws
 * `InvalidReplayTokenError` when the token is not one of this exercise's, of its current format.
 */
export function parseReplay(exercise: ExerciseEntry, token: string): Map<CheckGroup, unknown> {
  const invalid = (why: string) => new InvalidReplayTokenError(`this replay token is not valid for ${exercise.id}: ${why}`);
  const decoded = decodeReplayToken(token);
  if (!decoded.ok) {
    if (decoded.old) return fail(`this replay token was made by an older version of the workbook, whose scenarios differ; run \`${WORKBOOK_COMMAND} check ${exercise.id}\` again for a new one`);
    throw invalid(decoded.problem);
  }
  const { exercise: id, format, spec } = decoded.token;
  if (id !== exercise.id) throw invalid(`it is a token of the exercise "${id}"`);
  const parsed = new Map<CheckGroup, unknown>();
  for (const group of exercise.groups) {
    if (!group.replayable) continue;
    if (group.replayFormat !== format)
      return fail(`this replay token was made for replay format ${format} of ${exercise.id}; its scenarios have changed since (format ${group.replayFormat}); run \`${WORKBOOK_COMMAND} check ${exercise.id}\` again for a new one`);
    const p = group.parseReplay!(spec);
    if (!p.ok) throw invalid(p.problem);
    parsed.set(group, p.replay);
  }
  return parsed;
}

function fail(message: string): never {
  throw new InvalidReplayTokenError(message);
}

/** A group's results with each failure's spec stamped into a replay token of this exercise. */
export function stampReplays(exercise: ExerciseEntry, group: CheckGroup, results: readonly GroupResult[]): CheckResult[] {
  return results.map((r) => {
    if (r.replay === undefined) return r as CheckResult;
    if (group.replayFormat === undefined) throw new Error(`a check of ${exercise.id} returned a replay spec, but its group has no replay format`);
    return { ...r, replay: encodeReplayToken({ exercise: exercise.id, format: group.replayFormat, spec: r.replay }) };
  });
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
  return exercise.groups.flatMap((g) => g.checks.map((c) => ({ ...c, status, cause: 'learner-problem' as const, message, details: [] })));
}

/** `file` relative to the workbook root when inside it. */
export function displayPath(root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
