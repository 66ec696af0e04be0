/**
 * The gradebook as CSV: a row per student, a column per exercise, then the total, the maximum and the
 * percentage. RFC 4180 quoting; a cell starting with = + - @ is prefixed with ' so a spreadsheet never
 * runs it as a formula (student ids come from folder names).
 */
import type { StudentGrade } from '../grading/index.ts';

export function renderGradebookCsv(students: readonly StudentGrade[], exercises: readonly string[]): string {
  const rows: string[][] = [['student', ...exercises, 'total', 'max', 'percent', 'notes']];
  for (const s of students) {
    const notes = s.pairs.filter((p) => p.outcome !== 'graded').map((p) => `${p.exercise}: ${p.outcome}`);
    rows.push([
      s.student,
      ...exercises.map((id) => String(s.pairs.find((p) => p.exercise === id)?.score ?? '')),
      String(s.score),
      String(s.maxScore),
      String(s.percent),
      notes.join('; '),
    ]);
  }
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
