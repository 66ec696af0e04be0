/**
 * What a student may see of their results. Public checks are shown in full; a hidden check is reduced
 * to the property it judged and how it ended — no schedule, no replay token, no timeline, no first bad
 * decision, no console output, and no message text (an error message of the student's own code could
 * carry a hidden view out). The instructor's view is the `PairResult` itself.
 */
import type { CheckStatus } from '../../curriculum/check.ts';
import { withoutFirstRuns } from './bounded-result.ts';
import type { GradedCheck, PairResult } from './pair-result.ts';

/** Redacts one check for the student (public checks pass through unchanged). */
export function studentCheck(c: GradedCheck): GradedCheck {
  if (c.tier === 'public') return withoutFirstRuns(c);
  return { id: c.id, title: c.title, weight: c.weight, tier: c.tier, status: c.status, message: hiddenMessage(c), details: [] };
}

/** A pair as the student may see it. */
export function studentPair(p: PairResult): PairResult {
  return { ...p, checks: p.checks.map(studentCheck) };
}

/** The reason words the harness itself puts in a crash message; nothing of the student's text. */
export function crashReason(message: string): string {
  for (const reason of ['out of memory', 'malformed answer', 'exited', 'timeout']) if (message.includes(reason)) return reason;
  return 'crashed';
}

function hiddenMessage(c: GradedCheck): string {
  const status: CheckStatus = c.status;
  switch (status) {
    case 'passed':
      return '';
    case 'failed':
      return 'this property was violated in a hidden scenario (the scenario is not shown)';
    case 'not-implemented':
      return 'not implemented yet';
    case 'timed-out':
      return 'timeout: your code ran past its CPU time limit in a hidden scenario';
    case 'crashed':
      return `${crashReason(c.message)}: the process running your code ended during a hidden scenario`;
    case 'harness-bug':
      return 'internal error (harness bug) in a hidden scenario: not your fault; your instructor has the details';
  }
}
