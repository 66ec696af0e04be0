/**
 * The gradebook as JSON: everything, per check, in the instructor's view (hidden scenarios, replay
 * tokens and console output included). Deterministic: no timings, no paths of the grading machine.
 */
import type { RosterEntry, StudentGrade } from '../grading/index.ts';

export interface GradebookMeta {
  readonly harnessVersion: string;
  /** SHA-256 of the harness that graded (`harnessHash()`): the version that tells two builds apart. */
  readonly harnessHash: string;
  /** Per exercise id, SHA-256 of its own content (`exerciseHash()`). */
  readonly exerciseHashes: Readonly<Record<string, string>>;
  readonly nodeVersion: string;
  readonly configHash: string;
  readonly exercises: readonly string[];
  /** With a roster: its rows without a submission. */
  readonly missing?: readonly RosterEntry[];
}

export function renderGradebookJson(students: readonly StudentGrade[], meta: GradebookMeta): string {
  return JSON.stringify({ ...meta, students }, null, 2) + '\n';
}
