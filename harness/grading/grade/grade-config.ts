/**
 * The instructor's grading configuration: which exercises, the hidden tier of each (seed, number of
 * schedules, weight), and the resource limits of learner processes. Read from a JSON file that stays
 * with the instructor; it is validated once, with messages that name the option, then frozen.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EXERCISES, type ExerciseEntry } from '../../curriculum/index.ts';
import { MIN_ANSWER_BUDGET_BYTES, type AnswerBudgets } from '../answer-budget.ts';
import { hiddenDefaultSchedules } from './hidden-defaults.ts';
import { parseLatePolicy, type LatePolicy } from './late-policy.ts';

/** The hidden tier of one exercise. */
export interface HiddenTierConfig {
  readonly seed: number;
  /** Generated schedules (at most 600; by default the calibrated count, hidden-defaults.ts). */
  readonly schedules: number;
  /** Multiplies the weight of each hidden check. */
  readonly weight: number;
}

export interface GradeLimits {
  /** CPU time of the learner process for one call (or the module load). */
  readonly cpuMsPerCall: number;
  /** Resident memory of the learner process. */
  readonly memoryMb: number;
  /** CPU time of the learner processes for one (submission, exercise) pair, all calls together. */
  readonly cpuMsPerExercise: number;
}

export interface GradeConfig {
  /** Exercise ids to grade, in workbook order. */
  readonly exercises: readonly string[];
  /** Hidden tier per exercise id; an exercise absent here has no hidden tier. */
  readonly hidden: Readonly<Record<string, HiddenTierConfig>>;
  readonly limits: GradeLimits;
  /** Where the configuration came from (a path, or "built-in defaults"); not part of the hash. */
  readonly source: string;
  /** False when the hidden seeds are the built-in ones, which anyone with the workbook can read. */
  readonly secretSeeds: boolean;
  /**
   * Answer budgets per exercise id, then per export name, in bytes (see answer-budget.ts); exports not
   * named get `DEFAULT_ANSWER_BUDGET_BYTES`. From the config file's "answerBudgets" for now; each
   * exercise's manifest entry is meant to declare its own (the configuration then overrides it).
   */
  readonly answerBudgets: Readonly<Record<string, AnswerBudgets>>;
  /** How the Gradescope output shows hidden checks (not part of the hash: it changes no grade). */
  readonly gradescope: GradescopeOptions;
  /**
   * Per exercise id, what the exercise is worth: its checks' weights are scaled so they sum to it.
   * Applied after grading (points.ts), so changing them regrades nothing.
   */
  readonly points: Readonly<Record<string, number>>;
  /** An optional late policy (late-policy.ts); applied to totals, never to pairs. */
  readonly late?: LatePolicy;
}

/**
 * `hiddenVisibility`: when Gradescope shows hidden checks to the student (after the due date, or once
 * grades are published). `revealHidden`: those tests then carry the hidden scenario itself, not only
 * the property (never the replay token or the console: a token would name the hidden seed).
 */
export interface GradescopeOptions {
  readonly hiddenVisibility: 'after_due_date' | 'after_published';
  readonly revealHidden: boolean;
}

const DEFAULT_GRADESCOPE: GradescopeOptions = { hiddenVisibility: 'after_due_date', revealHidden: false };

export const MAX_HIDDEN_SCHEDULES = 600;
export const DEFAULT_LIMITS: GradeLimits = { cpuMsPerCall: 1000, memoryMb: 384, cpuMsPerExercise: 30_000 };
/** Used without a config file; not secret (see `secretSeeds`). */
const DEFAULT_HIDDEN_SEED = 600_613;

/** Exercises that have a group able to run the hidden tier. */
export function hasHiddenTier(exercise: ExerciseEntry): boolean {
  return exercise.groups.some((g) => g.tiers?.includes('hidden') === true);
}

/** The configuration without a file: every exercise, a hidden tier where one exists, default limits. */
export function defaultGradeConfig(): GradeConfig {
  return freeze({
    exercises: EXERCISES.map((e) => e.id),
    hidden: Object.fromEntries(
      EXERCISES.filter(hasHiddenTier).map((e) => [e.id, { seed: DEFAULT_HIDDEN_SEED, schedules: hiddenDefaultSchedules(e.id), weight: 1 }]),
    ),
    limits: DEFAULT_LIMITS,
    source: 'built-in defaults',
    secretSeeds: false,
    answerBudgets: {},
    gradescope: DEFAULT_GRADESCOPE,
    points: {},
  });
}

/** Reads and validates a configuration file; throws a `ConfigError` naming the option at fault. */
export function loadGradeConfig(file: string): GradeConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the grading configuration (${(error as Error).message})`);
  }
  return parseGradeConfig(raw, file);
}

/** Validates a parsed configuration (see `loadGradeConfig`). */
export function parseGradeConfig(raw: unknown, source: string): GradeConfig {
  const fail = (message: string): never => {
    throw new ConfigError(`${source}: ${message}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('the configuration must be a JSON object');
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!['exercises', 'hidden', 'limits', 'answerBudgets', 'gradescope', 'points', 'late', '$schema', 'comment'].includes(key)) fail(`unknown option "${key}"`);
  const known = new Set(EXERCISES.map((e) => e.id));
  let exercises = EXERCISES.map((e) => e.id);
  if (r.exercises !== undefined) {
    if (!Array.isArray(r.exercises) || r.exercises.length === 0 || !r.exercises.every((x) => typeof x === 'string')) fail('"exercises" must be a non-empty list of exercise ids');
    for (const id of r.exercises as string[]) if (!known.has(id)) fail(`"exercises": no exercise named "${id}" (known: ${[...known].join(', ')})`);
    exercises = EXERCISES.map((e) => e.id).filter((id) => (r.exercises as string[]).includes(id));
  }
  const hidden: Record<string, HiddenTierConfig> = {};
  if (r.hidden !== undefined) {
    if (typeof r.hidden !== 'object' || r.hidden === null || Array.isArray(r.hidden)) fail('"hidden" must be an object keyed by exercise id');
    for (const [id, value] of Object.entries(r.hidden as Record<string, unknown>)) {
      const exercise = EXERCISES.find((e) => e.id === id);
      if (exercise === undefined) fail(`"hidden.${id}": no exercise named "${id}"`);
      if (!hasHiddenTier(exercise!)) fail(`"hidden.${id}": this exercise has no hidden tier`);
      if (value === false || value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) fail(`"hidden.${id}" must be an object { seed, schedules, weight } or false`);
      const v = value as Record<string, unknown>;
      for (const key of Object.keys(v)) if (!['seed', 'schedules', 'weight'].includes(key)) fail(`"hidden.${id}": unknown option "${key}"`);
      if (!Number.isSafeInteger(v.seed)) fail(`"hidden.${id}.seed" must be an integer`);
      const schedules = v.schedules ?? hiddenDefaultSchedules(id);
      if (!Number.isInteger(schedules) || (schedules as number) < 1 || (schedules as number) > MAX_HIDDEN_SCHEDULES)
        fail(`"hidden.${id}.schedules" must be a whole number from 1 to ${MAX_HIDDEN_SCHEDULES}, got ${String(schedules)}`);
      const weight = v.weight ?? 1;
      if (typeof weight !== 'number' || !(weight >= 0) || !Number.isFinite(weight)) fail(`"hidden.${id}.weight" must be a number ≥ 0`);
      hidden[id] = { seed: v.seed as number, schedules: schedules as number, weight: weight as number };
    }
  }
  const limits = { ...DEFAULT_LIMITS };
  if (r.limits !== undefined) {
    if (typeof r.limits !== 'object' || r.limits === null || Array.isArray(r.limits)) fail('"limits" must be an object');
    for (const [key, value] of Object.entries(r.limits as Record<string, unknown>)) {
      if (!(key in DEFAULT_LIMITS)) fail(`"limits": unknown option "${key}" (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`);
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(`"limits.${key}" must be a positive number`);
      (limits as Record<string, number>)[key] = value as number;
    }
  }
  return freeze({ exercises, hidden, limits, source, secretSeeds: true, answerBudgets: parseAnswerBudgets(r.answerBudgets, known, fail), gradescope: parseGradescope(r.gradescope, fail), points: parsePoints(r.points, known, fail), ...lateOption(parseLatePolicy(r.late, fail)) });
}

function lateOption(late: LatePolicy | undefined): { late?: LatePolicy } {
  return late !== undefined ? { late } : {};
}

/** `"points": { "<exercise>": number }`, each above 0. */
function parsePoints(raw: unknown, known: ReadonlySet<string>, fail: (message: string) => never): Record<string, number> {
  return perExercise(raw, 'points', known, fail, (id, value) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(`"points.${id}" must be a number above 0`);
    return value as number;
  });
}

/** An option keyed by exercise id: each key known, each value read by `read`. */
function perExercise<T>(raw: unknown, option: string, known: ReadonlySet<string>, fail: (message: string) => never, read: (id: string, value: unknown) => T): Record<string, T> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(`"${option}" must be an object keyed by exercise id`);
  const out: Record<string, T> = {};
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!known.has(id)) fail(`"${option}.${id}": no exercise named "${id}"`);
    out[id] = read(id, value);
  }
  return out;
}

/** `"gradescope": { "hiddenVisibility": "after_due_date" | "after_published", "revealHidden": boolean }`. */
function parseGradescope(raw: unknown, fail: (message: string) => never): GradescopeOptions {
  if (raw === undefined) return DEFAULT_GRADESCOPE;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('"gradescope" must be an object');
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!(key in DEFAULT_GRADESCOPE)) fail(`"gradescope": unknown option "${key}" (known: ${Object.keys(DEFAULT_GRADESCOPE).join(', ')})`);
  const visibility = r.hiddenVisibility ?? DEFAULT_GRADESCOPE.hiddenVisibility;
  if (visibility !== 'after_due_date' && visibility !== 'after_published') fail('"gradescope.hiddenVisibility" must be "after_due_date" or "after_published"');
  const reveal = r.revealHidden ?? DEFAULT_GRADESCOPE.revealHidden;
  if (typeof reveal !== 'boolean') fail('"gradescope.revealHidden" must be true or false');
  return Object.freeze({ hiddenVisibility: visibility as GradescopeOptions['hiddenVisibility'], revealHidden: reveal as boolean });
}

/** `"answerBudgets": { "<exercise>": { "<export>": bytes } }`, each at least `MIN_ANSWER_BUDGET_BYTES`. */
function parseAnswerBudgets(raw: unknown, known: ReadonlySet<string>, fail: (message: string) => never): Record<string, AnswerBudgets> {
  return perExercise(raw, 'answerBudgets', known, fail, (id, perExport) => {
    if (typeof perExport !== 'object' || perExport === null || Array.isArray(perExport)) fail(`"answerBudgets.${id}" must be an object keyed by export name`);
    for (const [name, bytes] of Object.entries(perExport as Record<string, unknown>)) {
      if (!Number.isSafeInteger(bytes) || (bytes as number) < MIN_ANSWER_BUDGET_BYTES) fail(`"answerBudgets.${id}.${name}" must be a whole number of bytes, at least ${MIN_ANSWER_BUDGET_BYTES}`);
    }
    return Object.freeze({ ...(perExport as Record<string, number>) });
  });
}

/**
 * A hash of what in the configuration can change one exercise's grade: its hidden tier, the limits,
 * its answer budgets. Cache keys use it, so editing one exercise's tier regrades that exercise only.
 */
export function exerciseConfigHash(config: GradeConfig, id: string): string {
  const canonical = JSON.stringify({ exercise: id, hidden: config.hidden[id] ?? null, limits: config.limits, answerBudgets: config.answerBudgets[id] ?? null });
  return createHash('sha256').update(canonical).digest('hex');
}

/** A hash of everything in the configuration that can change a grade (not where it came from). */
export function configHash(config: GradeConfig): string {
  const { exercises, hidden, limits, answerBudgets, points, late } = config;
  // Budgets join the hash only when set, so configurations without them keep their cache keys.
  const budgets = Object.keys(answerBudgets).length > 0 ? { answerBudgets: Object.keys(answerBudgets).sort().map((k) => [k, answerBudgets[k]]) } : {};
  const scaled = Object.keys(points).length > 0 ? { points: Object.keys(points).sort().map((k) => [k, points[k]]) } : {};
  const canonical = JSON.stringify({ exercises, hidden: Object.keys(hidden).sort().map((k) => [k, hidden[k]]), limits, ...budgets, ...scaled, ...(late !== undefined ? { late } : {}) });
  return createHash('sha256').update(canonical).digest('hex');
}

/** A configuration mistake, reported as a usage error by the CLI. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'ERR_GRADE_CONFIG';
}

function freeze(config: GradeConfig): GradeConfig {
  return Object.freeze({ ...config, exercises: Object.freeze([...config.exercises]), hidden: Object.freeze({ ...config.hidden }), limits: Object.freeze({ ...config.limits }), answerBudgets: Object.freeze({ ...config.answerBudgets }), points: Object.freeze({ ...config.points }) });
}
