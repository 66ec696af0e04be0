/**
 * Per-exercise points: an exercise's checks keep their relative weights, scaled so they sum to the
 * points the configuration gives it. Scaled after grading (and after the cache), from the weights the
 * exercise declares, so every output (gradebook, Gradescope tests, Classroom runners) scales alike.
 */
import type { ExerciseEntry } from '../../curriculum/index.ts';
import type { GradeConfig } from './grade-config.ts';
import { scoreChecks, type PairResult } from './pair-result.ts';

/** The sum of the weights an exercise declares, its hidden tier included when configured. */
export function declaredMaxScore(exercise: ExerciseEntry, config: GradeConfig): number {
  const hidden = config.hidden[exercise.id];
  let max = 0;
  for (const g of exercise.groups) {
    const tiers = g.tiers ?? ['public'];
    for (const c of g.checks) {
      if (tiers.includes('public')) max += c.weight;
      if (hidden !== undefined && tiers.includes('hidden')) max += c.weight * hidden.weight;
    }
  }
  return max;
}

/** What each declared weight of the exercise is multiplied by (1 without `points`). */
export function pointsFactor(exercise: ExerciseEntry, config: GradeConfig): number {
  const points = config.points[exercise.id];
  const max = declaredMaxScore(exercise, config);
  return points === undefined || max === 0 ? 1 : points / max;
}

/** One weight scaled, to four decimals (so sums print cleanly). */
export function scaleWeight(weight: number, factor: number): number {
  return factor === 1 ? weight : Math.round(weight * factor * 10_000) / 10_000;
}

/** The pair with its check weights, score and maximum scaled by `factor`. */
export function scalePair(result: PairResult, factor: number): PairResult {
  if (factor === 1) return result;
  const checks = result.checks.map((c) => ({ ...c, weight: scaleWeight(c.weight, factor) }));
  return { ...result, checks, ...scoreChecks(checks) };
}
