/**
 * `regrade-diff.csv`: what a run changed against the gradebook it replaces, a row per (student,
 * exercise) whose score moved, with the checks that flipped (`passes now: a; fails now: b`),
 * for answering appeals and checking a harness or configuration change before publishing it.
 */
import type { StudentGrade } from '../grading/index.ts';
import { csvRows } from './csv-cell.ts';

/** The previous gradebook's students, as read back from its gradebook.json. */
export type PreviousGrades = readonly Pick<StudentGrade, 'student' | 'name' | 'pairs'>[];

export function renderRegradeDiff(previous: PreviousGrades, current: readonly StudentGrade[]): string {
  const rows: string[][] = [['student', 'name', 'exercise', 'old', 'new', 'change', 'checks']];
  const before = new Map<string, PreviousGrades[number]['pairs'][number]>(previous.flatMap((s) => s.pairs.map((p) => [`${s.student}/${p.exercise}`, p] as const)));
  const seen = new Set<string>();
  for (const s of current) {
    for (const p of s.pairs) {
      const key = `${s.student}/${p.exercise}`;
      seen.add(key);
      const old = before.get(key);
      if (old !== undefined && old.score === p.score && old.maxScore === p.maxScore) continue;
      const was = new Map((old?.checks ?? []).map((c) => [c.id, c.status === 'passed']));
      const nowPasses = p.checks.filter((c) => was.get(c.id) === false && c.status === 'passed').map((c) => c.id);
      const nowFails = p.checks.filter((c) => was.get(c.id) === true && c.status !== 'passed').map((c) => c.id);
      const flips = [...(nowPasses.length > 0 ? [`passes now: ${nowPasses.join(', ')}`] : []), ...(nowFails.length > 0 ? [`fails now: ${nowFails.join(', ')}`] : [])];
      const change = old === undefined ? 'new' : String(Math.round((p.score - old.score) * 100) / 100);
      rows.push([s.student, s.name ?? s.student, p.exercise, old === undefined ? '' : String(old.score), String(p.score), change, flips.join('; ')]);
    }
  }
  for (const s of previous) for (const p of s.pairs) if (!seen.has(`${s.student}/${p.exercise}`)) rows.push([s.student, s.name ?? s.student, p.exercise, String(p.score), '', 'gone', '']);
  return csvRows(rows);
}
