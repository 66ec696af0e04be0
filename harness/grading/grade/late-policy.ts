/**
 * An optional late policy: `"late": { "deadline": ISO time, "penaltyPerDay": percent, "graceDays":
 * n, "maxDaysLate": n }` in grading.json. A submission's time comes from Gradescope's metadata or a
 * CSV (`--times`); each started day after the deadline and the grace days costs `penaltyPerDay` % of
 * the score earned, and past `maxDaysLate` nothing is left. Pairs keep their scores (the cache and
 * regrade-diff.csv see the work, not the clock); the student's total carries the penalty, and every
 * output says so.
 */
import { readFileSync } from 'node:fs';
import type { StudentGrade } from './pair-result.ts';
import { parseCsv, RosterError } from './roster.ts';

export interface LatePolicy {
  readonly deadline: string;
  readonly penaltyPerDay: number;
  readonly graceDays: number;
  readonly maxDaysLate?: number;
}

/** What the policy did to one student's total. */
export interface LateResult {
  readonly submittedAt: string;
  readonly daysLate: number;
  /** Percent taken off the earned score (0–100). */
  readonly penaltyPercent: number;
  readonly scoreBeforePenalty: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function parseLatePolicy(raw: unknown, fail: (message: string) => never): LatePolicy | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('"late" must be an object { deadline, penaltyPerDay, graceDays, maxDaysLate }');
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!['deadline', 'penaltyPerDay', 'graceDays', 'maxDaysLate'].includes(key)) fail(`"late": unknown option "${key}"`);
  if (typeof r.deadline !== 'string' || !Number.isFinite(Date.parse(r.deadline))) fail('"late.deadline" must be a date and time, e.g. "2026-03-01T23:59:00-08:00"');
  const penalty = r.penaltyPerDay;
  if (typeof penalty !== 'number' || !(penalty >= 0 && penalty <= 100)) fail('"late.penaltyPerDay" must be a percentage from 0 to 100');
  const grace = r.graceDays ?? 0;
  if (!Number.isInteger(grace) || (grace as number) < 0) fail('"late.graceDays" must be a whole number ≥ 0');
  if (r.maxDaysLate !== undefined && (!Number.isInteger(r.maxDaysLate) || (r.maxDaysLate as number) < 0)) fail('"late.maxDaysLate" must be a whole number ≥ 0');
  return Object.freeze({ deadline: r.deadline as string, penaltyPerDay: penalty as number, graceDays: grace as number, ...(r.maxDaysLate !== undefined ? { maxDaysLate: r.maxDaysLate as number } : {}) });
}

/** Whole days after the deadline, each started day counting; 0 on time. */
export function daysLate(policy: LatePolicy, submittedAt: string): number {
  const late = Date.parse(submittedAt) - Date.parse(policy.deadline);
  return Number.isFinite(late) && late > 0 ? Math.ceil(late / DAY_MS) : 0;
}

/** The grade with the policy applied to its total (unchanged when on time or within the grace days). */
export function applyLatePolicy(grade: StudentGrade, policy: LatePolicy, submittedAt: string): StudentGrade {
  const days = daysLate(policy, submittedAt);
  const charged = Math.max(0, days - policy.graceDays);
  const penaltyPercent = policy.maxDaysLate !== undefined && days > policy.maxDaysLate ? 100 : Math.min(100, charged * policy.penaltyPerDay);
  const late: LateResult = { submittedAt, daysLate: days, penaltyPercent, scoreBeforePenalty: grade.score };
  const score = Math.round(grade.score * (1 - penaltyPercent / 100) * 100) / 100;
  return { ...grade, late, score, percent: grade.maxScore === 0 ? 0 : Math.round((score / grade.maxScore) * 10_000) / 100 };
}

/**
 * One line for outputs: "2 days late: −20 % (18 before the penalty)", or undefined when on time.
 * Without the score where the total must not show (Gradescope's visible output: it counts hidden checks).
 */
export function describeLate(late: LateResult | undefined, withScore = true): string | undefined {
  if (late === undefined || late.daysLate === 0) return undefined;
  return `${late.daysLate} day${late.daysLate === 1 ? '' : 's'} late: −${late.penaltyPercent} %${withScore ? ` (${late.scoreBeforePenalty} before the penalty)` : ''}`;
}

/** `--times times.csv`: columns `student` (a submission's name or id, or an LMS id) and `submitted_at`. */
export function loadSubmissionTimes(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RosterError(`${file}: cannot read the submission times (${(error as Error).message})`);
  }
  const rows = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.some((c) => c.trim() !== ''));
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const who = header.indexOf('student');
  const when = header.indexOf('submitted_at');
  if (who < 0 || when < 0) throw new RosterError(`${file}: the submission times need the columns "student" and "submitted_at"`);
  const out = new Map<string, string>();
  rows.slice(1).forEach((r, i) => {
    const time = (r[when] ?? '').trim();
    if (!Number.isFinite(Date.parse(time))) throw new RosterError(`${file}: row ${i + 2}: "${time}" is not a date and time`);
    out.set((r[who] ?? '').trim().normalize('NFC'), time);
  });
  return out;
}
