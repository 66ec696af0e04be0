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
  readonly calibration?: Readonly<Record<string, unknown>>;
}

/** The counts in `file`; empty when it is missing or not a version-1 file (never trusted half-read). */
export function loadHiddenDefaults(file: string = join(packageRoot(), HIDDEN_DEFAULTS_FILE)): Readonly<Record<string, number>> {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<HiddenDefaultsFile>;
    if (raw.version !== 1 || typeof raw.schedules !== 'object' || raw.schedules === null) return {};
    return Object.fromEntries(Object.entries(raw.schedules).filter(([, n]) => Number.isInteger(n) && n >= 1 && n <= MAX));
  } catch {
    return {};
  }
}

let shipped: Readonly<Record<string, number>> | undefined;

/** The default hidden schedule count of exercise `id`. */
export function hiddenDefaultSchedules(id: string): number {
  shipped ??= loadHiddenDefaults();
  return shipped[id] ?? FALLBACK_HIDDEN_SCHEDULES;
}
