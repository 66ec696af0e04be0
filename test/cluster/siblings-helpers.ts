/** Trace comparison for the siblings store tests. */
import { firstDivergence, type TraceLike } from '../../harness/sim/index.ts';

export function firstDiverging(a: TraceLike, b: TraceLike): string | undefined {
  return firstDivergence(a, b)?.explanation;
}
