/**
 * `workbook calibrate`: per exercise, the smallest hidden-tier schedule count whose verdicts do not
 * depend on the seed. fast-check draws a pass's i-th scenario from the seed and i alone, so the pass
 * at N schedules is a prefix of the pass at a higher count under the same seed: each buggy fixture of
 * the exercise (the known bugs, test/fixtures/buggy/<id>/) is graded once per seed at a stage's top,
 * and where each check first failed (first-runs.ts) gives its verdict at every rung up to it. The
 * first stage's top is the middle rung (120 of the default ladder); only if no rung up to it is sound
 * is everything graded again at the ladder's top, so an exercise settled early costs a fifth.
 * The rule that picks the count (calibration-rule.ts) asks more than agreement among the seeds tried:
 * every check that fails under any seed must fail under any seed with high probability. Fewer
 * schedules let the same bug score differently for two classes by luck of the seed; more cost every
 * student time. The counts are then bounded so one student's whole workbook grades in `budgetMs` on
 * Gradescope's 0.5 vCPU (twice its CPU): the worst public pair of each exercise plus its hidden tier,
 * interpolated per rung between measured pairs at 1 schedule and at the top, by stepping the
 * costliest exercises down a rung. Grading is the real thing: the grader pool, locked-down learner
 * children, the configured limits (only the type check, which no verdict reads, is left out).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckTier } from '../../curriculum/check.ts';
import { findExercise, type ExerciseEntry } from '../../curriculum/index.ts';
import { packageRoot } from '../package-root.ts';
import { hasHiddenTier, parseGradeConfig, type GradeLimits } from './grade-config.ts';
import { createGraderPool, type GraderPool } from './grader-pool.ts';
import type { GradedPair, PairJob } from './grade-pair.ts';
import type { PairUsage } from './pair-result.ts';
import { chanceChecks, checkAt, settledAt, type CalibratedCheck, type ChanceCheck } from './calibration-rule.ts';
import { hashFiles } from './submission-files.ts';
import type { ExerciseRecord, HiddenDefaultsFile } from './hidden-defaults.ts';

export const DEFAULT_LADDER: readonly number[] = [30, 60, 120, 240, 400, 600];
/** One grading per seed at the top rung covers every rung: six seeds cost what four did at one rung in two. */
export const DEFAULT_SEEDS = 6;
/** One student's whole workbook on Gradescope's default 0.5 vCPU. */
export const DEFAULT_BUDGET_MS = 180_000;
/** Half a CPU: a pair takes about twice its CPU time. */
export const GRADESCOPE_SLOWDOWN = 2;

export interface CalibrateOptions {
  readonly exercises: readonly string[];
  readonly ladder?: readonly number[];
  readonly seeds?: number;
  readonly limits: GradeLimits;
  readonly jobs: number;
  readonly budgetMs?: number;
  /** CPU of exercises calibrated before and not now (their recorded cost), counted against the budget. */
  readonly otherCpuMs?: number;
  readonly onProgress?: (line: string) => void;
}

export interface CalibrationRung {
  readonly schedules: number;
  /** Fixtures whose verdicts depend on the seed at this count (or may, by the estimate: calibration-rule.ts). */
  readonly unstable: readonly string[];
  /** The costliest hidden tier at this count (CPU of the grading process and the learner's), interpolated. */
  readonly hiddenCpuMs: number;
}

/** A fixture a check of which fails under some seed only, or not reliably by the chosen count. */
export interface UnsettledFixture {
  readonly fixture: string;
  readonly checks: readonly ChanceCheck[];
}

export interface ExerciseCalibration {
  readonly exercise: string;
  /** The count chosen; undefined: the exercise has no hidden tier (its public tier still counts). */
  readonly schedules?: number;
  /** `stable`: the smallest sound rung; `unstable`: no rung was (the top is taken); `bounded`: lowered for time. */
  readonly why?: 'stable' | 'unstable' | 'bounded';
  readonly rungs: readonly CalibrationRung[];
  readonly publicCpuMs: number;
  readonly fixtures: number;
  /** The fixtures not settled at the chosen count, with each chance check's estimate. */
  readonly unsettled?: readonly UnsettledFixture[];
}

export interface Calibration {
  readonly exercises: readonly ExerciseCalibration[];
  /** Σ over exercises of the worst pair's CPU (public + hidden at the chosen count), with `otherCpuMs`. */
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
  const ladder = [...new Set(options.ladder ?? DEFAULT_LADDER)].sort((a, b) => a - b);
  const top = ladder[ladder.length - 1]!;
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
        return gradeOrFail(pool, { ...f.job, config, tiers: [tier], ...(tier === 'hidden' ? { calibrating: true } : {}) });
      };
      const publicRuns = Promise.all([solution, ...buggy].map((f) => grade(f, 'public', seeds[0]!, 1)));
      if (!hasHiddenTier(exercise)) {
        const publicCpuMs = Math.max(...(await publicRuns).map((r) => cpuOf(r.usage)));
        results.push({ exercise: id, rungs: [], publicCpuMs, fixtures: buggy.length });
        say(`${id}: no hidden tier; public tier ${publicCpuMs} ms CPU at most`);
        continue;
      }
      // A stage grades every fixture under every seed at its top and reads the rungs up to it.
      const stage = async (stageTop: number) => {
        const [tops, solutionTop] = await Promise.all([
          Promise.all(buggy.map((f) => Promise.all(seeds.map((seed) => grade(f, 'hidden', seed, stageTop))))),
          grade(solution, 'hidden', seeds[0]!, stageTop),
        ]);
        const gradings = tops.map((bySeed, i) => bySeed.map((g) => calibratedChecks(`${id}/${buggy[i]!.name}`, g, stageTop)));
        const chances = gradings.map((g) => chanceChecks(g, stageTop));
        const topCpu = [solutionTop, ...tops.map((bySeed) => bySeed.reduce((a, b) => (cpuOf(b.usage) > cpuOf(a.usage) ? b : a)))].map((g) => cpuOf(g.usage));
        return { stageTop, chances, gradings, topCpu };
      };
      // Everything of the exercise at once, so every grading process stays busy.
      const stages = [...new Set([ladder[Math.floor((ladder.length - 1) / 2)]!, top])];
      const [pub, ones, first] = await Promise.all([publicRuns, Promise.all([solution, ...buggy].map((f) => grade(f, 'hidden', seeds[0]!, 1))), stage(stages[0]!)]);
      const publicCpuMs = Math.max(...pub.map((r) => cpuOf(r.usage)));
      const oneCpu = ones.map((g) => cpuOf(g.usage));
      const readRungs = ({ stageTop, chances, gradings, topCpu }: Awaited<ReturnType<typeof stage>>): CalibrationRung[] => {
        // A pair's hidden tier costs a fixed part and a part per schedule: a line through the two measured.
        const costAt = (n: number): number => Math.max(...topCpu.map((t, i) => Math.round(stageTop === 1 ? t : oneCpu[i]! + (Math.max(t, oneCpu[i]!) - oneCpu[i]!) * ((n - 1) / (stageTop - 1)))));
        return ladder
          .filter((n) => n <= stageTop)
          .map((schedules) => ({ schedules, unstable: buggy.filter((_, i) => !settledAt(gradings[i]!, chances[i]!, schedules)).map((f) => f.name), hiddenCpuMs: costAt(schedules) }));
      };
      let found = first;
      let rungs = readRungs(found);
      // Only when no rung up to a stage's top is sound does the next stage grade more.
      for (const next of stages.slice(1)) {
        if (rungs.some((r) => r.unstable.length === 0)) break;
        say(`${id}: no count up to ${found.stageTop} settled every fixture; grading at ${next}`);
        found = await stage(next);
        rungs = readRungs(found);
      }
      const { chances } = found;
      chances.forEach((cs, i) => cs.length > 0 && say(`${id}/${buggy[i]!.name}: ${cs.map(describeChance).join('; ')}`));
      for (const r of rungs) {
        say(`${id}: ${r.schedules} schedules: ${r.unstable.length === 0 ? 'every verdict settled under every seed' : `${r.unstable.length} fixture(s) depend on the seed (${r.unstable.join(', ')})`}; worst pair ${r.hiddenCpuMs} ms CPU (estimated)`);
      }
      const chosen = rungs.find((r) => r.unstable.length === 0) ?? rungs[rungs.length - 1]!;
      const unsettled = buggy
        .map((f, i) => ({ fixture: f.name, checks: chances[i]!.filter((c) => !(c.from.every((x) => x !== null && x <= chosen.schedules) && c.needs <= chosen.schedules)) }))
        .filter((u) => chosen.unstable.includes(u.fixture));
      for (const u of unsettled) say(`${id}: ${u.fixture} at ${chosen.schedules}: ${u.checks.map(describeChance).join('; ') || 'its verdicts differ under the seeds tried'}`);
      results.push({
        exercise: id,
        schedules: chosen.schedules,
        why: chosen.unstable.length === 0 ? 'stable' : 'unstable',
        rungs,
        publicCpuMs,
        fixtures: buggy.length,
        ...(unsettled.length > 0 ? { unsettled } : {}),
      });
    }
  } finally {
    await pool.close();
  }
  const other = options.otherCpuMs ?? 0;
  const bounded = boundToBudget(results, budgetMs, other);
  const studentCpuMs = totalCpu(bounded) + other;
  return { exercises: bounded, studentCpuMs, gradescopeMs: studentCpuMs * GRADESCOPE_SLOWDOWN, budgetMs, ladder, seeds };
}

/** A chance check in words: under how many seeds it failed, from which count, how often, and what it needs. */
export function describeChance(c: ChanceCheck): string {
  const failed = c.from.filter((f) => f !== null).length;
  const needs = Number.isFinite(c.needs) ? `99 % sure to fail by ${c.needs}` : 'never';
  return `${c.check} failed under ${failed}/${c.from.length} seeds, first at ${c.from.map((f) => f ?? '-').join(', ')} (≈1 in ${Math.round(1 / c.perSchedule)} schedules; ${needs})`;
}

/** A calibrating grading's checks, each with its first runs, checked against the verdict it reports at the top. */
function calibratedChecks(what: string, g: GradedPair, top: number): CalibratedCheck[] {
  return g.result.checks.map((c) => {
    const firstRuns = g.firstRuns?.[c.id];
    const checked: CalibratedCheck = { id: c.id, status: c.status, ...(firstRuns !== undefined ? { firstRuns } : {}) };
    // What the first runs say at the top count is what the grading reported, or they cannot be trusted below it.
    if (checkAt(checked, top) !== c.status) throw new CalibrationError(`${what}: ${c.id} reported ${c.status}, but its first runs say ${checkAt(checked, top)} (a harness bug)`);
    return checked;
  });
}

async function gradeOrFail(pool: GraderPool, job: PairJob): Promise<GradedPair> {
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

/** An exercise's worst pair at its chosen count, as the file records it. */
export function exerciseCpuMs(e: ExerciseCalibration): { readonly public: number; readonly hidden: number } {
  return { public: e.publicCpuMs, hidden: costAt(e) - e.publicCpuMs };
}

/** Steps the exercise whose hidden tier costs most down a measured rung until the workbook fits. */
export function boundToBudget(exercises: readonly ExerciseCalibration[], budgetMs: number, otherCpuMs = 0): ExerciseCalibration[] {
  const out = [...exercises];
  const hiddenCost = (e: ExerciseCalibration): number => costAt(e) - e.publicCpuMs;
  while ((totalCpu(out) + otherCpuMs) * GRADESCOPE_SLOWDOWN > budgetMs) {
    const lowerable = out.map((e, i) => ({ e, i })).filter(({ e }) => e.schedules !== undefined && e.rungs[0]!.schedules < e.schedules);
    // Every exercise at its lowest rung: the bound cannot be met, and the table says so.
    if (lowerable.length === 0) break;
    const { e, i } = lowerable.reduce((a, b) => (hiddenCost(b.e) > hiddenCost(a.e) ? b : a));
    const lower = [...e.rungs].reverse().find((r) => r.schedules < e.schedules!)!;
    out[i] = { ...e, schedules: lower.schedules, why: 'bounded' };
  }
  return out;
}

/** An exercise's recorded worst pair (0 for a record of an older calibration, which kept no cost). */
function cpuOfRecord(e: Partial<ExerciseRecord>): number {
  return (e.cpuMs?.public ?? 0) + (e.cpuMs?.hidden ?? 0);
}

/** The recorded cost of each exercise in a hidden-defaults file, for a later calibration of the others. */
export function recordedCpuMs(previous: HiddenDefaultsFile | undefined, except: readonly string[]): number {
  const entries = Object.entries(previous?.calibration?.exercises ?? {});
  return entries.filter(([id]) => !except.includes(id)).reduce((s, [, e]) => s + cpuOfRecord(e), 0);
}

/**
 * The file grading reads its defaults from (hidden-defaults.ts): the counts, and how each was found.
 * Exercises calibrated before and not now keep their count and record; the totals cover them all.
 */
export function hiddenDefaultsJson(c: Calibration, previous?: HiddenDefaultsFile): string {
  const schedules: Record<string, number> = { ...previous?.schedules };
  const exercises: Record<string, ExerciseRecord> = { ...previous?.calibration?.exercises };
  for (const e of c.exercises) {
    exercises[e.exercise] = {
      ...(e.why !== undefined ? { why: e.why } : {}),
      fixtures: e.fixtures,
      cpuMs: exerciseCpuMs(e),
      rungs: e.rungs.map((r) => ({ schedules: r.schedules, unstable: r.unstable.length })),
      ...(e.unsettled !== undefined
        ? { unsettled: e.unsettled.map((u) => ({ fixture: u.fixture, checks: u.checks.map((k) => ({ check: k.check, from: k.from, perSchedule: Number(k.perSchedule.toPrecision(3)), needs: Number.isFinite(k.needs) ? k.needs : null })) })) }
        : {}),
    };
    if (e.schedules === undefined) delete schedules[e.exercise];
    else schedules[e.exercise] = e.schedules;
  }
  const studentCpuMs = Object.values(exercises).reduce((s, e) => s + cpuOfRecord(e), 0);
  const file: HiddenDefaultsFile = {
    version: 1,
    note: 'Hidden-tier schedule counts used when grading.json names none. Written by `workbook calibrate`; see docs/instructors.md.',
    schedules,
    calibration: { seeds: c.seeds, ladder: c.ladder, budgetMs: c.budgetMs, studentCpuMs, gradescopeMs: studentCpuMs * GRADESCOPE_SLOWDOWN, exercises },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
