/**
 * The result of a pair whose grading did not finish: every check failed for one reason, zero points.
 * Either the harness failed (`internal-error`: never cached, graded again on the next run), or the
 * pair's own processes did (`crashed` / `timed-out`: the student's outcome, cached like any grade).
 */
import type { CheckStatus } from '../../curriculum/check.ts';
import { findExercise } from '../../curriculum/index.ts';
import type { GradedCheck, PairResult, PairUsage } from './pair-result.ts';
import type { PairJob } from './grade-pair.ts';

const NO_USAGE: PairUsage = { wallMs: 0, childCpuMs: 0, harnessCpuMs: 0, peakRssMb: 0, childStarts: 0, cached: false };

/** A pair the harness failed to grade: an internal error, regraded on the next run. */
export function gradePairFailure(job: PairJob, reason: string): { result: PairResult; usage: PairUsage } {
  return unfinishedPair(job, 'harness-bug', `internal error (harness bug) while grading: ${reason.split('\n')[0]}`);
}

/**
 * A pair that ended with every check `status` for `problem`. `harness-bug` makes it an internal
 * error; `crashed` and `timed-out` make it a graded pair (the student's processes failed).
 */
export function unfinishedPair(job: PairJob, status: Extract<CheckStatus, 'harness-bug' | 'crashed' | 'timed-out'>, problem: string, usage: PairUsage = NO_USAGE): { result: PairResult; usage: PairUsage } {
  const exercise = findExercise(job.exercise);
  const hidden = job.config.hidden[job.exercise];
  const groups = exercise?.groups ?? [];
  const failed = (tier: 'public' | 'hidden'): GradedCheck[] =>
    groups
      .filter((g) => (g.tiers ?? ['public']).includes(tier))
      .flatMap((g) => g.checks.map((c): GradedCheck => ({ ...c, status, message: problem, details: [], tier })));
  const checks = [
    ...failed('public'),
    ...(hidden === undefined ? [] : failed('hidden').map((c) => ({ ...c, id: `hidden:${c.id}`, title: `${c.title} (hidden)`, weight: c.weight * hidden.weight }))),
  ];
  const sub = job.submission;
  return {
    result: {
      student: job.student,
      exercise: job.exercise,
      title: exercise?.title ?? job.exercise,
      outcome: status === 'harness-bug' ? 'internal-error' : 'graded',
      submitted: 'main' in sub ? sub.main : null,
      submissionHash: sub.hash,
      problem,
      typeErrors: [],
      checks,
      score: 0,
      maxScore: checks.reduce((s, c) => s + c.weight, 0),
    },
    usage,
  };
}
