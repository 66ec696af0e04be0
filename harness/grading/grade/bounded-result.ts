/**
 * A pair result cut to a size every output can carry. Check messages quote learner values; within
 * their answer budgets those are bounded, but a gradebook holds every pair of a class, so each text a
 * result carries is capped once more before it is cached or rendered (a 60-million-character message
 * once made the cache write throw and took the gradebook of the whole class with it).
 */
import { MAX_QUOTED_CHARS, truncateText } from '../bounded-answer.ts';
import type { GradedCheck, PairResult } from './pair-result.ts';

const MAX_DETAIL_LINES = 200;
const MAX_DETAIL_CHARS = 2048;
const MAX_TYPE_ERRORS = 50;

/** `result` with every message, detail, console and problem text within its cap (unchanged if already so). */
export function boundPairResult(result: PairResult): PairResult {
  return {
    ...result,
    ...(result.problem !== undefined ? { problem: truncateText(result.problem) } : {}),
    typeErrors: result.typeErrors.slice(0, MAX_TYPE_ERRORS).map((d) => ({ ...d, file: truncateText(d.file, 300), message: truncateText(d.message) })),
    checks: result.checks.map(boundCheck),
  };
}

function boundCheck(check: GradedCheck): GradedCheck {
  const c = withoutFirstRuns(check);
  return {
    ...c,
    message: truncateText(c.message, MAX_QUOTED_CHARS),
    details: c.details.slice(0, MAX_DETAIL_LINES).map((d) => truncateText(d, MAX_DETAIL_CHARS)),
    ...(c.console !== undefined ? { console: truncateText(c.console) } : {}),
    ...(c.firstBadDecision !== undefined ? { firstBadDecision: truncateText(c.firstBadDecision) } : {}),
  };
}

/**
 * A check without calibration's first runs (first-runs.ts). Grading never leaves them on a result
 * (grade-pair.ts takes them off); this keeps a slip from reaching a cache, a gradebook or a student.
 */
export function withoutFirstRuns<C extends GradedCheck>(c: C): C {
  if (!('firstRuns' in c)) return c;
  const { firstRuns: _, ...rest } = c as C & { firstRuns?: unknown };
  return rest as C;
}
