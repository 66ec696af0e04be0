/**
 * Grades one (submission, exercise) pair: stage the submitted files in a fresh directory, bundle them
 * (confined to their folder), type-check them for the feedback, load them into a locked-down child
 * process, and run the exercise's public checks and then its hidden tier, all in this process. The
 * student's process only answers questions.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckContext, CheckGroup, CheckResult, CheckStatus, CheckTier, FirstRuns } from '../../curriculum/check.ts';
import { findExercise, type ExerciseEntry, type LearnerAnswer } from '../../curriculum/index.ts';
import { harnessError } from '../../errors.ts';
import { describeLoadProblem, stampReplays } from '../check-exercise.ts';
import { createChildPort, type ChildPort } from '../child-port.ts';
import { gradingRecordStore, referenceRecorded, type CheckRecords, type RunRecordStore } from '../run-records.ts';
import { typecheckLearnerFile, type TypeDiagnostic } from '../typecheck.ts';
import { bundlerLost, transpileConfined } from './confined-transpile.ts';
import type { GradeConfig, HiddenTierConfig } from './grade-config.ts';
import { boundPairResult } from './bounded-result.ts';
import { scoreChecks, type GradedCheck, type PairOutcome, type PairResult, type PairUsage } from './pair-result.ts';
import type { SubmittedExercise } from './submission-files.ts';
import { showDiagnostic, stageSubmission } from './typecheck-class.ts';
import { removeAtTeardown } from '../teardown.ts';
import { makeWorkFolderAsync } from './work-folders.ts';

/** Everything needed to grade a pair, as plain data (it crosses to a grading process). */
export interface PairJob {
  readonly student: string;
  readonly exercise: string;
  readonly submission: SubmittedExercise | { readonly outcome: 'missing' | 'rejected'; readonly problem: string; readonly hash: string };
  readonly config: GradeConfig;
  /** The tiers to run (default both); `workbook calibrate` runs one at a time. */
  readonly tiers?: readonly CheckTier[];
  /**
   * Where recorded runs are kept (run-records.ts), so scenarios a submission answers exactly as a
   * recorded run are not simulated again; `as` is `reference` for the reference solution's pair.
   * The child never sees a recorded answer: this process asks each call and compares.
   */
  readonly runs?: { readonly dir: string; readonly as: 'learner' | 'reference' };
  /** The submission's type errors when the class's type check settled them (typecheck-class.ts); else the pair checks. */
  readonly typeErrors?: readonly TypeDiagnostic[];
  /**
   * `workbook calibrate`'s grading: the pair comes back with where each check's outcomes first
   * showed (`firstRuns`, beside the result, never in it), and without the type check it never reads.
   */
  readonly calibrating?: boolean;
}

/** A graded pair; `firstRuns` (check id → first runs, first-runs.ts) only for a calibrating job. */
export interface GradedPair {
  readonly result: PairResult;
  readonly usage: PairUsage;
  readonly firstRuns?: Readonly<Record<string, FirstRuns>>;
}

/** One store per folder and grading process, so pairs graded here share what they recorded. */
const stores = new Map<string, RunRecordStore>();
const storeOf = (dir: string): RunRecordStore => stores.get(dir) ?? stores.set(dir, gradingRecordStore(dir)).get(dir)!;

/**
 * Shrinking is capped by runs only: a wall-clock cap would make grades depend on machine load. The
 * hidden tier does not shrink at all (its first failing run is the one reported, to the instructor
 * only): students never see the scenario, and shrinking is most of a buggy submission's grading time.
 */
const SHRINK: Record<CheckTier, CheckContext['shrink']> = {
  public: { maxRuns: 100, maxMs: Number.POSITIVE_INFINITY },
  hidden: { maxRuns: 1, maxMs: Number.POSITIVE_INFINITY },
};

/** What a grading process learns while a pair runs. */
export interface PairHooks {
  /** A learner child or the pair's type checker started: its process group (the pool's watchdog kills it with the pair). */
  readonly onLearnerStart?: (pid: number) => void;
}

/** Grades a pair. Never throws: a harness failure becomes an `internal-error` result. */
export async function gradePair(job: PairJob, hooks: PairHooks = {}): Promise<GradedPair> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const exercise = findExercise(job.exercise);
  let port: ChildPort | undefined;
  let stage: string | undefined;
  let keepStage: (() => void) | undefined;
  let reuse: { readonly reused: number; readonly simulated: number } | undefined;
  const usage = (): PairUsage => {
    const cpu = process.cpuUsage(cpu0);
    const u = port?.usage();
    return {
      ...(reuse !== undefined ? { runs: { ...reuse } } : {}),
      wallMs: Math.round(performance.now() - started),
      childCpuMs: Math.round(u?.cpuMs ?? 0),
      harnessCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      peakRssMb: u?.peakRssMb ?? 0,
      childStarts: u?.starts ?? 0,
      cached: false,
    };
  };
  if (exercise === undefined) throw harnessError('ERR_UNKNOWN_EXERCISE', `no exercise named "${job.exercise}"`);
  const hidden = job.config.hidden[exercise.id];
  const base = { student: job.student, exercise: exercise.id, title: exercise.title };
  const sub = job.submission;
  if ('problem' in sub) {
    const checks = failAll(exercise, hidden, 'failed', sub.problem);
    return { result: { ...base, outcome: sub.outcome, submitted: null, submissionHash: sub.hash, problem: sub.problem, typeErrors: [], checks, ...scoreChecks(checks) }, usage: usage() };
  }
  const wanted = (tier: CheckTier): boolean => job.tiers === undefined || job.tiers.includes(tier);
  const firstRuns: Record<string, FirstRuns> = {};
  const finish = (outcome: PairOutcome, checks: GradedCheck[], typeErrors: readonly TypeDiagnostic[], problem?: string): GradedPair => ({
    result: boundPairResult({ ...base, outcome, submitted: sub.main, submissionHash: sub.hash, ...(problem !== undefined ? { problem } : {}), typeErrors, checks, ...scoreChecks(checks) }),
    usage: usage(),
    ...(job.calibrating === true ? { firstRuns } : {}),
  });
  const tiers = [{ seed: exercise.seed, schedules: exercise.schedules, tier: 'public' as const }, ...(hidden !== undefined ? [{ seed: hidden.seed, schedules: hidden.schedules, tier: 'hidden' as const }] : [])].filter((t) => wanted(t.tier));
  // The reference solution's pair only records runs: recorded already (an earlier run), it has nothing to do.
  if (job.runs?.as === 'reference' && referenceRecorded(storeOf(job.runs.dir), exercise, tiers)) return finish('graded', [], []);
  try {
    stage = await makeWorkFolderAsync('ddia-grade-');
    keepStage = removeAtTeardown(stage);
    const staged = await stageSubmission(stage, sub);
    const { file } = staged;
    const shownFolder = dirname(sub.main);
    const stopTypecheck = new AbortController();
    // Checked already with the class (typecheck-class.ts), or here, beside the run; calibration reads no type errors.
    const typecheck =
      job.calibrating === true
        ? Promise.resolve([])
        : job.typeErrors !== undefined
          ? Promise.resolve([...job.typeErrors])
          : typecheckLearnerFile(file, { confinedTo: dirname(file), signal: stopTypecheck.signal, ...(hooks.onLearnerStart !== undefined ? { onStart: hooks.onLearnerStart } : {}) }).then((ds) =>
              ds.map((d) => showDiagnostic(d, staged, sub.main)),
            );
    const compiled = await transpileConfined(file, dirname(file), shownFolder);
    if (!compiled.ok) {
      const problem = describeLoadProblem(compiled.problem);
      // A file that crashed the bundler can keep the type checker busy for a minute too: not worth it.
      if (bundlerLost()) {
        stopTypecheck.abort();
        return finish('graded', failAll(exercise, hidden, 'failed', problem), [], problem);
      }
      return finish('graded', failAll(exercise, hidden, 'failed', problem), await typecheck, problem);
    }
    const { limits } = job.config;
    port = createChildPort({
      code: compiled.code,
      filename: sub.main,
      limits: { cpuMsPerRequest: limits.cpuMsPerCall, memoryMb: limits.memoryMb, lifetimeCpuSeconds: Math.ceil(limits.cpuMsPerExercise / 1000) + 30 },
      budgetCpuMs: limits.cpuMsPerExercise,
      // The manifest's budgets, which the instructor's configuration may raise per export.
      answerBudgets: { ...exercise.answerBudgets, ...job.config.answerBudgets[exercise.id] },
      ...(hooks.onLearnerStart !== undefined ? { onChildStart: hooks.onLearnerStart } : {}),
    });
    const loaded = await port.load(exercise.exports);
    if (!loaded.ok) {
      const problem = describeLoadProblem(loaded.problem);
      const status: CheckStatus = loaded.problem.kind === 'timed-out' ? 'timed-out' : loaded.problem.kind === 'crashed' ? 'crashed' : 'failed';
      return finish('graded', failAll(exercise, hidden, status, problem), await typecheck, problem);
    }
    const checks: GradedCheck[] = [];
    const runs = job.runs;
    const records = runs === undefined ? undefined : storeOf(runs.dir).forCheck(exercise, runs.as);
    reuse = records?.counts;
    const tierOf = (tier: CheckTier, seed: number, schedules: number) => runTier(port!, exercise, { tier, seed, schedules, records, calibrating: job.calibrating === true });
    // The first runs never stay on a result: whatever is kept or shown is made from these.
    const keep = (results: TierCheck[]): GradedCheck[] =>
      results.map(({ firstRuns: first, ...c }) => {
        if (first !== undefined) firstRuns[c.id] = first;
        return c;
      });
    if (wanted('public')) checks.push(...keep(await tierOf('public', exercise.seed, exercise.schedules)));
    if (hidden !== undefined && wanted('hidden')) {
      // The hidden tier starts from a fresh module, as if graded on its own.
      await port.load(exercise.exports);
      checks.push(...keep((await tierOf('hidden', hidden.seed, hidden.schedules)).map((c) => hiddenCheck(c, hidden))));
    }
    records?.save();
    return finish('graded', checks, await typecheck);
  } catch (error) {
    const problem = `internal error (harness bug) while grading: ${(error as Error).message ?? String(error)}`;
    return finish('internal-error', failAll(exercise, hidden, 'harness-bug', problem), [], problem);
  } finally {
    await port?.close();
    if (stage !== undefined) await rm(stage, { recursive: true, force: true });
    keepStage?.();
  }
}

/** A graded check as a tier returns it: for a calibrating job, with the check's first runs still on it. */
type TierCheck = GradedCheck & { readonly firstRuns?: FirstRuns };

interface TierRun {
  readonly tier: CheckTier;
  readonly seed: number;
  readonly schedules: number;
  readonly records: CheckRecords | undefined;
  readonly calibrating: boolean;
}

async function runTier(port: ChildPort, exercise: ExerciseEntry, { tier, seed, schedules, records, calibrating }: TierRun): Promise<TierCheck[]> {
  const out: TierCheck[] = [];
  for (const group of groupsOf(exercise, tier)) {
    const index = exercise.groups.indexOf(group);
    const ctx: CheckContext = {
      call: (fn, args, callCtx, options): Promise<LearnerAnswer> => port.call(fn, args, callCtx, options),
      reload: async () => (await port.load(exercise.exports)).ok,
      seed,
      schedules,
      shrink: SHRINK[tier],
      wallClockMs: () => 0,
      hostYield: () => new Promise<void>((resolve) => setImmediate(resolve)),
      tier,
      ...(records !== undefined && group.replayable ? { reuse: records.group(index, { seed, schedules, tier }) } : {}),
      ...(calibrating ? { recordFirstRuns: true } : {}),
    };
    const raw = await group.run(ctx);
    const results: CheckResult[] = stampReplays(exercise, group, raw);
    out.push(...results.map((c, i) => ({ ...c, tier, ...(raw[i]!.firstRuns !== undefined ? { firstRuns: raw[i]!.firstRuns } : {}) })));
  }
  return out;
}

function groupsOf(exercise: ExerciseEntry, tier: CheckTier): CheckGroup[] {
  return exercise.groups.filter((g) => (g.tiers ?? ['public']).includes(tier));
}

/** Hidden checks get their own ids and titles, and the configured weight. */
function hiddenCheck<C extends GradedCheck>(c: C, hidden: HiddenTierConfig): C {
  return { ...c, id: `hidden:${c.id}`, title: `${c.title} (hidden)`, weight: c.weight * hidden.weight, tier: 'hidden' };
}

/** Every check of every tier, failed for one reason (nothing could run). */
function failAll(exercise: ExerciseEntry, hidden: HiddenTierConfig | undefined, status: CheckStatus, message: string): GradedCheck[] {
  const fail = (tier: CheckTier) =>
    groupsOf(exercise, tier).flatMap((g) => g.checks.map((c): GradedCheck => ({ ...c, status, message, details: [], tier })));
  const pub = fail('public');
  return hidden === undefined ? pub : [...pub, ...fail('hidden').map((c) => hiddenCheck(c, hidden))];
}
