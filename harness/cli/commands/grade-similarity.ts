/**
 * The similarity pass of `workbook grade` and its `--export-for-moss` layout: per exercise, the
 * submissions with files compared against each other with the starter code as the base (see
 * grading/grade/similarity.ts).
 */
import { join } from 'node:path';
import { findExercise } from '../../curriculum/index.ts';
import { exportForMoss, packageRoot, similarPairs, writeFileAtomic, type GradeRunResult, type MossExercise, type SimilarPair } from '../../grading/index.ts';
import { csvRows } from '../../render/index.ts';
import { pristineStub } from './reset.ts';

export interface ExerciseSimilarity {
  readonly exercise: string;
  readonly pairs: readonly SimilarPair[];
}

function exerciseInputs(run: GradeRunResult, ids: readonly string[]): MossExercise[] {
  return ids.map((id) => {
    const exercise = findExercise(id)!;
    const stub = pristineStub(packageRoot(), exercise);
    const submissions = run.students.flatMap((s) => {
      const found = run.submitted.get(`${s.student}/${id}`);
      return found === undefined ? [] : [{ student: s.student, ...(s.name !== undefined ? { name: s.name } : {}), files: found.files, main: found.main }];
    });
    return { id, file: exercise.file, ...(stub.ok ? { stub: stub.text } : {}), submissions };
  });
}

/** Pairs at or above `threshold` (0–1) per exercise. */
export function similarityPass(run: GradeRunResult, ids: readonly string[], threshold: number): ExerciseSimilarity[] {
  return exerciseInputs(run, ids).map((ex) => ({
    exercise: ex.id,
    pairs: similarPairs(ex.submissions, ex.stub !== undefined ? [{ path: ex.file, content: ex.stub }] : [], threshold),
  }));
}

/** `--export-for-moss <dir>`: the layout, and `names.csv` from folder to the name as submitted. */
export function writeMossExport(dir: string, run: GradeRunResult, ids: readonly string[]): void {
  const exercises = exerciseInputs(run, ids);
  exportForMoss(dir, exercises);
  const names = new Map<string, string>();
  for (const ex of exercises) for (const s of ex.submissions) names.set(s.student, s.name ?? s.student);
  writeFileAtomic(join(dir, 'names.csv'), csvRows([['folder', 'name'], ...[...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]));
}

/** `similarity.csv`: a row per pair above the threshold, most similar first within each exercise. */
export function renderSimilarityCsv(similar: readonly ExerciseSimilarity[]): string {
  const rows: string[][] = [['exercise', 'student_a', 'name_a', 'student_b', 'name_b', 'similarity_percent', 'shared_windows']];
  for (const { exercise, pairs } of similar) {
    for (const p of pairs) rows.push([exercise, p.a.student, p.a.name ?? p.a.student, p.b.student, p.b.name ?? p.b.student, String(Math.round(p.similarity * 100)), String(p.shared)]);
  }
  return csvRows(rows);
}
