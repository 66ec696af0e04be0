/**
 * The hidden tier's schedule count per exercise when the configuration names none:
 * `hidden-defaults.json` beside this file, written by `workbook calibrate` (the smallest count whose
 * verdicts over the buggy fixtures do not depend on the seed, bounded by a student's grading time).
 * A missing or unreadable file, or an exercise it does not name, falls back to 120.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.ts';

export const HIDDEN_DEFAULTS_FILE = join('harness', 'grading', 'grade', 'hidden-defaults.json');
export const FALLBACK_HIDDEN_SCHEDULES = 120;
const MAX = 600;

/** What `workbook calibrate` writes. */
export interface HiddenDefaultsFile {
  readonly version: 1;
  readonly note: string;
  /** Exercise id → schedule count. */
  readonly schedules: Readonly<Record<string, number>>;
  /** How each count was chosen (for the record; grading reads `schedules` only). */
  readonly calibration?: CalibrationRecord;
}

/** What a calibration recorded: its seeds and ladder, the bound, and per exercise how the count was found. */
export interface CalibrationRecord {
  readonly seeds: readonly number[];
  readonly ladder: readonly number[];
  readonly budgetMs: number;
  /** One student's whole workbook: Σ over exercises of the worst pair's CPU at the chosen counts. */
  readonly studentCpuMs: number;
  /** `studentCpuMs` on Gradescope's 0.5 vCPU. */
  readonly gradescopeMs: number;
  readonly exercises: Readonly<Record<string, ExerciseRecord>>;
}

/** How one exercise's count was found (calibrate.ts); `why` absent: the exercise has no hidden tier. */
export interface ExerciseRecord {
  readonly why?: 'stable' | 'unstable' | 'bounded';
  readonly fixtures: number;
  /** Its worst pair's CPU at the chosen count: the public tier, and what the hidden tier adds. */
  readonly cpuMs: { readonly public: number; readonly hidden: number };
  /** Per rung, how many fixtures depended on the seed. */
  readonly rungs: readonly { readonly schedules: number; readonly unstable: number }[];
  /** Fixtures not settled at the chosen count: per check, the first failing count under each seed, p̂ and the count it needs. */
  readonly unsettled?: readonly { readonly fixture: string; readonly checks: readonly { readonly check: string; readonly from: readonly (number | null)[]; readonly perSchedule: number; readonly needs: number | null }[] }[];
}

/** The whole file, when it is a version-1 file; undefined otherwise. */
export function loadHiddenDefaultsFile(file: string = join(packageRoot(), HIDDEN_DEFAULTS_FILE)): HiddenDefaultsFile | undefined {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<HiddenDefaultsFile>;
    return raw.version === 1 && typeof raw.schedules === 'object' && raw.schedules !== null ? (raw as HiddenDefaultsFile) : undefined;
  } catch {
    return undefined;
  }
}

/** The counts in `file`; empty when it is missing or not a version-1 file (never trusted half-read). */
export function loadHiddenDefaults(file: string = join(packageRoot(), HIDDEN_DEFAULTS_FILE)): Readonly<Record<string, number>> {
  const raw = loadHiddenDefaultsFile(file);
  if (raw === undefined) return {};
  return Object.fromEntries(Object.entries(raw.schedules).filter(([, n]) => Number.isInteger(n) && n >= 1 && n <= MAX));
}

let shipped: Readonly<Record<string, number>> | undefined;

/** The default hidden schedule count of exercise `id`. */
export function hiddenDefaultSchedules(id: string): number {
  shipped ??= loadHiddenDefaults();
  return shipped[id] ?? FALLBACK_HIDDEN_SCHEDULES;
}
