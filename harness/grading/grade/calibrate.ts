/**
 * `workbook calibrate`: per exercise, the smallest hidden-tier schedule count whose verdicts do not
 * depend on the seed. Each rung of a ladder of counts grades every buggy fixture of the exercise
 * (the known bugs, test/fixtures/buggy/<id>/) in its hidden tier under several seeds; the first rung
 * where every fixture gets the same check statuses under every seed is the count. Fewer schedules
 * let the same bug score differently for two students by luck of the seed; more cost every student
 * time. The counts are then bounded so one student's whole workbook grades in `budgetMs` on
 * Gradescope's 0.5 vCPU, estimated as twice the worst pair's measured CPU per exercise (public tier
 * plus hidden), by stepping the costliest exercises down a rung. Grading is the real thing: the
 * grader pool, locked-down learner children, the configured limits.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckTier } from '../../curriculum/check.ts';
import { findExercise, type ExerciseEntry } from '../../curriculum/index.ts';
import { packageRoot } from '../package-root.ts';
import { hasHiddenTier, parseGradeConfig, type GradeLimits } from './grade-config.ts';
import { createGraderPool, type GraderPool } from './grader-pool.ts';
import type { PairJob } from './grade-pair.ts';
import type { PairResult, PairUsage } from './pair-result.ts';
import { hashFiles } from './submission-files.ts';

export const DEFAULT_LADDER: readonly number[] = [30, 60, 120, 240, 400, 600];
export const DEFAULT_SEEDS = 4;
/** One student's whole workbook on Gradescope's default 0.5 vCPU. */
export const DEFAULT_BUDGET_MS = 180_000;
/** Half a CPU: a pair takes about twice its CPU time. */
const GRADESCOPE_SLOWDOWN = 2;

export interface CalibrateOptions {
  readonly exercises: readonly string[];
  readonly ladder?: readonly number[];
  readonly seeds?: number;
  readonly limits: GradeLimits;
  readonly jobs: number;
  readonly budgetMs?: number;
  readonly onProgress?: (line: string) => void;
}

export interface CalibrationRung {
  readonly schedules: number;
  /** Fixtures whose verdicts changed with the seed at this count. */
  readonly unstable: readonly string[];
  /** The costliest hidden-tier pair (CPU of the grading process and the learner's). */
  readonly hiddenCpuMs: number;
}

export interface ExerciseCalibration {
  readonly exercise: string;
  /** The count chosen; undefined: the exercise has no hidden tier (its public tier still counts). */
  readonly schedules?: number;
  /** `stable`: the smallest seed-independent rung; `unstable`: no rung was; `bounded`: lowered for time. */
  readonly why?: 'stable' | 'unstable' | 'bounded';
  readonly rungs: readonly CalibrationRung[];
  readonly publicCpuMs: number;
  readonly fixtures: number;
}

export interface Calibration {
  readonly exercises: readonly ExerciseCalibration[];
  /** Σ over exercises of the worst pair's CPU (public + hidden at the chosen count). */
  readonly studentCpuMs: number;
  /** `studentCpuMs` × 2: a student's workbook on 0.5 vCPU. */
  readonly gradescopeMs: number;
  readonly budgetMs: number;
  readonly ladder: readonly number[];
  readonly seeds: readonly number[];
}

/** Calibration cannot run here (no fixtures, an unknown exercise, a harness failure). */
export class CalibrationError extends Error {
  override readonly name = 'CalibrationError';
}

interface Fixture {
  readonly name: string;
  readonly job: Pick<PairJob, 'student' | 'exercise' | 'submission'>;
}

/** The known bugs of an exercise and its reference solution, as submissions at the workbook path. */
function fixturesOf(exercise: ExerciseEntry): { buggy: Fixture[]; solution: Fixture } {
  const root = packageRoot();
  const dir = join(root, 'test', 'fixtures', 'buggy', exercise.id);
  const solutionFile = join(root, exercise.file.replace(/^exercises\//, 'solutions/'));
  if (!existsSync(dir) || !existsSync(solutionFile)) throw new CalibrationError(`calibrating needs the workbook's source checkout: no ${join('test', 'fixtures', 'buggy', exercise.id)} or solution here`);
  const as = (name: string, content: string): Fixture => {
    const files = [{ path: exercise.file, content }];
    return { name, job: { student: name, exercise: exercise.id, submission: { main: exercise.file, files, hash: hashFiles(files) } } };
  };
  const buggy = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => as(f.replace(/\.ts$/, ''), readFileSync(join(dir, f), 'utf8')));
  return { buggy, solution: as('solution', readFileSync(solutionFile, 'utf8')) };
}

function cpuOf(usage: PairUsage): number {
  return usage.childCpuMs + usage.harnessCpuMs;
}

/** The seeds tried: fixed, so two calibrations of the same harness agree. */
function seedList(n: number): number[] {
  return Array.from({ length: n }, (_, i) => 7_919 * (i + 1) + 104_729);
}

export async function calibrate(options: CalibrateOptions): Promise<Calibration> {
  const ladder = [...(options.ladder ?? DEFAULT_LADDER)].sort((a, b) => a - b);
  const seeds = seedList(options.seeds ?? DEFAULT_SEEDS);
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const pool = createGraderPool(Math.max(1, options.jobs));
  const say = options.onProgress ?? (() => undefined);
  const results: ExerciseCalibration[] = [];
  try {
    for (const id of options.exercises) {
      const exercise = findExercise(id);
      if (exercise === undefined) throw new CalibrationError(`no exercise named "${id}"`);
      const { buggy, solution } = fixturesOf(exercise);
      const grade = (f: Fixture, tier: CheckTier, seed: number, schedules: number) => {
        const hidden = tier === 'hidden' ? { [id]: { seed, schedules, weight: 1 } } : {};
        const config = parseGradeConfig({ exercises: [id], hidden, limits: options.limits }, 'workbook calibrate');
        return gradeOrFail(pool, { ...f.job, config, tiers: [tier] });
      };
      const publicRuns = await Promise.all([solution, ...buggy].map((f) => grade(f, 'public', seeds[0]!, 1)));
      const publicCpuMs = Math.max(...publicRuns.map((r) => cpuOf(r.usage)));
      if (!hasHiddenTier(exercise)) {
        results.push({ exercise: id, rungs: [], publicCpuMs, fixtures: buggy.length });
        say(`${id}: no hidden tier; public tier ${publicCpuMs} ms CPU at most`);
        continue;
      }
      const rungs: CalibrationRung[] = [];
      for (const schedules of ladder) {
        const runs = await Promise.all(
          buggy.map(async (f) => ({ f, verdicts: await Promise.all(seeds.map((seed) => grade(f, 'hidden', seed, schedules))) })),
        );
        const ref = await grade(solution, 'hidden', seeds[0]!, schedules);
        const unstable = runs.filter(({ verdicts }) => new Set(verdicts.map((v) => verdict(v.result))).size > 1).map(({ f }) => f.name);
        const hiddenCpuMs = Math.max(cpuOf(ref.usage), ...runs.flatMap(({ verdicts }) => verdicts.map((v) => cpuOf(v.usage))));
        rungs.push({ schedules, unstable, hiddenCpuMs });
        say(`${id}: ${schedules} schedules: ${unstable.length === 0 ? 'every verdict the same under every seed' : `${unstable.length} fixture(s) depend on the seed (${unstable.join(', ')})`}; worst pair ${hiddenCpuMs} ms CPU`);
        if (unstable.length === 0) break;
      }
      const last = rungs[rungs.length - 1]!;
      results.push({ exercise: id, schedules: last.schedules, why: last.unstable.length === 0 ? 'stable' : 'unstable', rungs, publicCpuMs, fixtures: buggy.length });
    }
  } finally {
    await pool.close();
  }
  const bounded = boundToBudget(results, budgetMs);
  const studentCpuMs = totalCpu(bounded);
  return { exercises: bounded, studentCpuMs, gradescopeMs: studentCpuMs * GRADESCOPE_SLOWDOWN, budgetMs, ladder, seeds };
}

/** A pair's hidden verdicts as one string: every check's id and status. */
function verdict(result: PairResult): string {
  return result.checks.map((c) => `${c.id}:${c.status}`).join(' ');
}

async function gradeOrFail(pool: GraderPool, job: PairJob): Promise<{ result: PairResult; usage: PairUsage }> {
  const out = await pool.grade(job);
  // A harness failure says nothing about the seed: calibrating on it would be calibrating on noise.
  if (out.result.outcome === 'internal-error') throw new CalibrationError(`${job.exercise}/${job.student}: the harness failed (${out.result.problem ?? 'internal error'}); fix that first`);
  return out;
}

function costAt(e: ExerciseCalibration): number {
  const rung = e.rungs.find((r) => r.schedules === e.schedules);
  return e.publicCpuMs + (rung?.hiddenCpuMs ?? 0);
}

function totalCpu(exercises: readonly ExerciseCalibration[]): number {
  return exercises.reduce((s, e) => s + costAt(e), 0);
}

/** Steps the exercise whose hidden tier costs most down a measured rung until the workbook fits. */
export function boundToBudget(exercises: readonly ExerciseCalibration[], budgetMs: number): ExerciseCalibration[] {
  const out = [...exercises];
  const hiddenCost = (e: ExerciseCalibration): number => costAt(e) - e.publicCpuMs;
  while (totalCpu(out) * GRADESCOPE_SLOWDOWN > budgetMs) {
    const lowerable = out.map((e, i) => ({ e, i })).filter(({ e }) => e.schedules !== undefined && e.rungs[0]!.schedules < e.schedules);
    // Every exercise at its lowest rung: the bound cannot be met, and the table says so.
    if (lowerable.length === 0) break;
    const { e, i } = lowerable.reduce((a, b) => (hiddenCost(b.e) > hiddenCost(a.e) ? b : a));
    const lower = [...e.rungs].reverse().find((r) => r.schedules < e.schedules!)!;
    out[i] = { ...e, schedules: lower.schedules, why: 'bounded' };
  }
  return out;
}

/** The file grading reads its defaults from (hidden-defaults.ts): the counts, and how each was found. */
export function hiddenDefaultsJson(c: Calibration, previous: Readonly<Record<string, number>>): string {
  const schedules: Record<string, number> = { ...previous };
  const calibration: Record<string, unknown> = {};
  for (const e of c.exercises) {
    if (e.schedules === undefined) continue;
    schedules[e.exercise] = e.schedules;
    calibration[e.exercise] = { why: e.why, fixtures: e.fixtures, rungs: e.rungs.map((r) => ({ schedules: r.schedules, unstable: r.unstable.length })) };
  }
  const file = {
    version: 1,
    note: 'Hidden-tier schedule counts used when grading.json names none. Written by `workbook calibrate`; see docs/instructors.md.',
    schedules,
    calibration: { seeds: c.seeds, ladder: c.ladder, budgetMs: c.budgetMs, ...calibration },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
