/**
 * The result of a pair whose grading failed inside the harness: every check an internal error, zero
 * points, flagged so it is never cached and is graded again on the next run.
 */
import { findExercise } from '../../curriculum/index.ts';
import type { GradedCheck, PairResult, PairUsage } from './pair-result.ts';
import type { PairJob } from './grade-pair.ts';

export function gradePairFailure(job: PairJob, reason: string): { result: PairResult; usage: PairUsage } {
  const exercise = findExercise(job.exercise);
  const problem = `internal error (harness bug) while grading: ${reason.split('\n')[0]}`;
  const hidden = job.config.hidden[job.exercise];
  const groups = exercise?.groups ?? [];
  const failed = (tier: 'public' | 'hidden'): GradedCheck[] =>
    groups
      .filter((g) => (g.tiers ?? ['public']).includes(tier))
      .flatMap((g) => g.checks.map((c): GradedCheck => ({ ...c, status: 'harness-bug', message: problem, details: [], tier })));
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
      outcome: 'internal-error',
      submitted: 'main' in sub ? sub.main : null,
      submissionHash: sub.hash,
      problem,
      typeErrors: [],
      checks,
      score: 0,
      maxScore: checks.reduce((s, c) => s + c.weight, 0),
    },
    usage: { wallMs: 0, childCpuMs: 0, harnessCpuMs: 0, peakRssMb: 0, childStarts: 0, cached: false },
  };
}
