/**
 * An exercise result as JSON. Byte-identical across runs of the same code and seed: wall-clock
 * timings appear only on request, and nothing else in a result depends on time, PIDs or temp paths.
 */
import type { ExerciseResult } from '../grading/index.ts';

export function renderResultJson(r: ExerciseResult, options: { timings: boolean }): string {
  const { timings, ...rest } = r;
  return JSON.stringify(options.timings && timings ? { ...rest, timings } : rest, null, 2) + '\n';
}
