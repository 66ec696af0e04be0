/**
 * What grading one (submission, exercise) pair produces, and the one scoring model every output uses:
 * a pair's score is the weight of its passed checks, public and hidden; a student's total is the sum
 * over exercises. Type errors are shown, never scored: checks judge behaviour.
 */
import type { CheckResult, CheckTier } from '../../curriculum/check.ts';
import type { TypeDiagnostic } from '../typecheck.ts';
import type { LateResult } from './late-policy.ts';

/** A check result with the tier it ran in. Hidden results are complete: this is the instructor's view. */
export type GradedCheck = CheckResult & { readonly tier: CheckTier };

/**
 * How grading a pair went: `graded` (checks ran, whatever they found), `missing` (no file for the
 * exercise), `rejected` (the submission itself was refused, e.g. an unsafe zip), `internal-error` (the
 * harness failed: not the student's fault, never cached, regraded on the next run).
 */
export type PairOutcome = 'graded' | 'missing' | 'rejected' | 'internal-error';

/** The deterministic record of one pair: byte-identical for the same submission, configuration and harness. */
export interface PairResult {
  readonly student: string;
  readonly exercise: string;
  readonly title: string;
  readonly outcome: PairOutcome;
  /** The exercise file as found in the submission (relative to it), or null. */
  readonly submitted: string | null;
  /** SHA-256 of the files graded (the exercise's folder), or of the reason there were none. */
  readonly submissionHash: string;
  /** Why nothing could run (then every check failed with it). */
  readonly problem?: string;
  readonly typeErrors: readonly TypeDiagnostic[];
  readonly checks: readonly GradedCheck[];
  readonly score: number;
  readonly maxScore: number;
}

/** What a pair cost; varies from run to run, so it goes to run logs only. */
export interface PairUsage {
  readonly wallMs: number;
  /** CPU time of the learner processes. */
  readonly childCpuMs: number;
  /** CPU time of the grading process while it graded the pair (simulator, checks, transpiling). */
  readonly harnessCpuMs: number;
  readonly peakRssMb: number;
  readonly childStarts: number;
  readonly cached: boolean;
  /** With recorded runs: the first-pass schedules that reused one and those simulated. */
  readonly runs?: { readonly reused: number; readonly simulated: number };
  /** What the pool had to do to grade the pair (a retry after a watchdog or a lost grading process). */
  readonly notes?: readonly string[];
  /** `student/exercise` of the identical submission whose grading this pair copied (and whose cost this is). */
  readonly sameAs?: string;
}

/** Sums a pair's score from its checks. */
export function scoreChecks(checks: readonly GradedCheck[]): { score: number; maxScore: number } {
  let score = 0;
  let maxScore = 0;
  for (const c of checks) {
    maxScore += c.weight;
    if (c.status === 'passed') score += c.weight;
  }
  return { score: round(score), maxScore: round(maxScore) };
}

/** One student's grades, pairs in workbook order. */
export interface StudentGrade {
  /** The safe id (file names); `name` is what the submission was called. */
  readonly student: string;
  readonly name?: string;
  /** The student's id in the course's LMS, from the roster. */
  readonly lmsId?: string;
  /** What reading the submission skipped or opened, by name (see open-submission.ts). */
  readonly intakeWarnings?: readonly string[];
  /** The late policy's effect on `score`, when one applied (late-policy.ts). */
  readonly late?: LateResult;
  readonly pairs: readonly PairResult[];
  readonly score: number;
  readonly maxScore: number;
  /** score / maxScore × 100, two decimals. */
  readonly percent: number;
}

/** Totals a student's pairs. */
export function studentGrade(student: string, pairs: readonly PairResult[], identity: { name?: string; intakeWarnings?: readonly string[] } = {}): StudentGrade {
  const score = round(pairs.reduce((s, p) => s + p.score, 0));
  const maxScore = round(pairs.reduce((s, p) => s + p.maxScore, 0));
  const warnings = identity.intakeWarnings !== undefined && identity.intakeWarnings.length > 0 ? { intakeWarnings: identity.intakeWarnings } : {};
  return { student, ...(identity.name !== undefined ? { name: identity.name } : {}), ...warnings, pairs, score, maxScore, percent: maxScore === 0 ? 0 : round((score / maxScore) * 100) };
}

/** The name to show for a student: as submitted, else the id. */
export function displayName(grade: Pick<StudentGrade, 'student' | 'name'>): string {
  return grade.name ?? grade.student;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
