/**
 * The gradebook as CSV: a row per student, a column per exercise, then the total, the maximum, the
 * percentage and notes. A `name` column follows when some submission's name is not its id (a
 * Unicode or hostile name; the id is what file names use), and `lms_id` with a roster, which also
 * adds a row for each roster student without a submission. Cells are quoted and defused
 * (csv-cell.ts).
 */
import { describeLate, type RosterEntry, type StudentGrade } from '../grading/index.ts';
import { csvRows } from './csv-cell.ts';

export interface GradebookCsvOptions {
  /** With a roster: its rows that no submission belongs to. */
  readonly roster?: { readonly missing: readonly RosterEntry[] };
}

export function renderGradebookCsv(students: readonly StudentGrade[], exercises: readonly string[], options: GradebookCsvOptions = {}): string {
  const withName = options.roster !== undefined || students.some((s) => s.name !== undefined && s.name !== s.student);
  const withLms = options.roster !== undefined;
  const extra = (name: string, lms: string): string[] => [...(withName ? [name] : []), ...(withLms ? [lms] : [])];
  const rows: string[][] = [['student', ...exercises, 'total', 'max', 'percent', 'notes', ...extra('name', 'lms_id')]];
  for (const s of students) {
    const notes = s.pairs.filter((p) => p.outcome !== 'graded').map((p) => `${p.exercise}: ${p.outcome}`);
    if (withLms && s.lmsId === undefined) notes.push('not on the roster');
    const late = describeLate(s.late);
    if (late !== undefined) notes.push(late);
    rows.push([
      s.student,
      ...exercises.map((id) => String(s.pairs.find((p) => p.exercise === id)?.score ?? '')),
      String(s.score),
      String(s.maxScore),
      String(s.percent),
      notes.join('; '),
      ...extra(s.name ?? s.student, s.lmsId ?? ''),
    ]);
  }
  const max = students[0]?.maxScore;
  for (const r of options.roster?.missing ?? []) {
    rows.push(['', ...exercises.map(() => '0'), '0', max !== undefined ? String(max) : '', '0', 'no submission', ...extra(r.name ?? r.folder ?? r.github ?? '', r.lmsId)]);
  }
  return csvRows(rows);
}

/**
 * For an LMS import: one row per roster student (and per unmatched submission), keyed by LMS id, with
 * the total, the maximum and the percentage.
 */
export function renderLmsCsv(students: readonly StudentGrade[], missing: readonly RosterEntry[]): string {
  const rows: string[][] = [['lms_id', 'name', 'student', 'score', 'max_score', 'percent', 'status']];
  const max = students[0]?.maxScore;
  for (const s of students) {
    const late = describeLate(s.late);
    const status = s.lmsId === undefined ? 'not on the roster' : s.pairs.some((p) => p.outcome === 'internal-error') ? 'incomplete: internal error, grade again' : late !== undefined ? `graded, ${late}` : 'graded';
    rows.push([s.lmsId ?? '', s.name ?? s.student, s.student, String(s.score), String(s.maxScore), String(s.percent), status]);
  }
  for (const r of missing) rows.push([r.lmsId, r.name ?? r.folder ?? r.github ?? '', '', '0', max !== undefined ? String(max) : '', '0', 'no submission']);
  return csvRows(rows);
}
