/**
 * Resolves the exercise a learner named, forgivingly (by id, by number, or by a unique prefix), and
 * says which ones exist when it cannot.
 */
import { EXERCISES, type ExerciseEntry } from '../curriculum/index.ts';
import { UsageError } from './io.ts';

export function resolveExercise(name: string | undefined): ExerciseEntry {
  if (name === undefined) throw new UsageError(`name an exercise: ${EXERCISES.map((e) => e.id).join(', ')}`);
  const exact = EXERCISES.find((e) => e.id === name || e.file.includes(`/${name}-`) || e.file.includes(`/${name}/`));
  if (exact) return exact;
  const prefixed = EXERCISES.filter((e) => e.id.startsWith(name));
  if (prefixed.length === 1) return prefixed[0]!;
  throw new UsageError(`there is no exercise "${name}". Exercises: ${EXERCISES.map((e) => e.id).join(', ')}`);
}
