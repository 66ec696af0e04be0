/**
 * Where in a first pass each outcome of a check first showed, for `workbook calibrate`. fast-check
 * draws the i-th value of a run from the seed and i alone, never from `numRuns` (its Tosser jumps the
 * generator once per value), so the first pass at N schedules is a prefix of the pass at M > N under
 * the same seed: one grading at the top count says what every smaller count would have found.
 *
 * Positions are schedule counts, not run indexes: the smallest `ctx.schedules` whose first pass
 * includes the run, so a group that runs a share of the schedules (or a fixed number more) is read
 * like any other. Recorded only when `ctx.recordFirstRuns` asks; grading takes the field off every
 * result before it is kept or shown (grade-pair.ts), so no student-facing output can carry it.
 */
import type { CheckContext, CheckStatus, FirstRuns } from './check.ts';

export type { FirstRuns } from './check.ts';

/** What a check would report at `schedules`; `unknown` where the top run cannot tell (`belowUnknown`). */
export function statusAt(r: FirstRuns | undefined, schedules: number): CheckStatus | 'unknown' {
  if (r === undefined) return 'passed';
  const by = (from: number | undefined): boolean => from !== undefined && from <= schedules;
  // The order of a first pass's precedence: a skipped check stays skipped, a learner problem ends the
  // pass for every open check, a harness bug is reported over a failure, a failure over a pass.
  if (by(r.skipped)) return 'passed';
  if (r.problem !== undefined && by(r.problem.from)) return r.problem.status;
  if (by(r.harnessBug)) return 'harness-bug';
  if (by(r.failed)) return 'failed';
  return r.belowUnknown === true && r.failed !== undefined ? 'unknown' : 'passed';
}

/** The smallest count from which the check does not pass, or undefined when it passes at the top. */
export function firstNotPassed(r: FirstRuns | undefined): number | undefined {
  if (r === undefined) return undefined;
  const froms = [r.problem?.from, r.harnessBug, r.failed].filter((n): n is number => n !== undefined);
  return froms.length === 0 ? undefined : Math.min(...froms);
}

/** Collects a group's first runs while its first pass goes; a no-op unless `ctx.recordFirstRuns`. */
export interface FirstRunsRecorder {
  failed(check: string, run: number): void;
  skipped(check: string, run: number): void;
  harnessBug(check: string, run: number): void;
  /** A learner problem at `run` ends the pass for `checks` (every open one, for a scenario group). */
  problem(run: number, status: CheckStatus, checks: readonly string[]): void;
  /** Below the recorded failure of `check`, a verdict the top run cannot tell (a law checked across fresh modules would have run). */
  unknownBelow(check: string): void;
  /** The field to spread into `check`'s result: `{ firstRuns }` when recording and something was seen, else nothing. */
  of(check: string): { readonly firstRuns?: FirstRuns };
}

/**
 * `runsAt(n)`: how many runs the group's pass makes at `n` schedules (non-decreasing in n). A run
 * first counts at the smallest n from 1 to `ctx.schedules` whose pass includes it.
 */
export function firstRunsRecorder(ctx: Pick<CheckContext, 'recordFirstRuns' | 'schedules'>, runsAt: (schedules: number) => number): FirstRunsRecorder {
  const on = ctx.recordFirstRuns === true;
  const marks = new Map<string, { -readonly [K in keyof FirstRuns]: FirstRuns[K] }>();
  const mark = (check: string) => marks.get(check) ?? marks.set(check, {}).get(check)!;
  const from = (run: number): number => {
    let lo = 1;
    let hi = Math.max(1, ctx.schedules);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (runsAt(mid) > run) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return {
    failed(check, run) {
      if (!on || mark(check).failed !== undefined) return;
      Object.assign(mark(check), { failed: from(run), failedRun: run });
    },
    skipped(check, run) {
      if (on) mark(check).skipped ??= from(run);
    },
    harnessBug(check, run) {
      if (on) mark(check).harnessBug ??= from(run);
    },
    problem(run, status, checks) {
      if (!on) return;
      for (const check of checks) mark(check).problem ??= { from: from(run), status };
    },
    unknownBelow(check) {
      if (on) mark(check).belowUnknown = true;
    },
    of(check) {
      const m = marks.get(check);
      return m === undefined ? {} : { firstRuns: { ...m } };
    },
  };
}
