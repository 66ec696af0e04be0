/**
 * What a check is and what it reports. Checks are data producers: they run learner code against the
 * simulator and return results; rendering them is someone else's job.
 */
import type { LearnerCaller } from './learner-call.ts';
import type { RecordedCallBatch, ScheduleRecords } from './run-record.ts';
import type { PresentedRun } from './presenter.ts';
import type { AcceptableSet, StatedExpectation } from './expectation.ts';
import type { Timeline } from './timeline.ts';

/** How a check ended. Every status but `passed` fails the exercise. */
export type CheckStatus =
  | 'passed'
  | 'failed'
  /** The learner code still throws `NotImplementedError` (an untouched stub). */
  | 'not-implemented'
  /** Learner code ran past its time limit: an infinite loop or a livelock. */
  | 'timed-out'
  /** The learner side died (out of memory, process.exit, …). */
  | 'crashed'
  /** A property broke although every learner decision was acceptable: the harness is wrong, not the learner. */
  | 'harness-bug';

/**
 * Why a check did not pass, as data (so nothing reads it out of the prose): a learner call had no
 * usable answer (threw, timed out, still a stub, could not be loaded), a property or judge found a
 * wrong answer, the code keeps state between calls, or the harness itself is wrong.
 */
export type CheckCause = 'learner-problem' | 'property' | 'stateful' | 'harness-bug';

/** The smallest failing scenario found, and how to run exactly it again. */
export interface FailingScenario {
  readonly family: string;
  /** The generated parameters of the schedule, one line. */
  readonly parameters: string;
  /** The fault schedule, one fault per line. */
  readonly schedule: readonly string[];
  /** How many runs shrinking took, and whether it stopped at its cap. */
  readonly shrinkRuns: number;
  readonly shrinkCapped: boolean;
}

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly weight: number;
  readonly status: CheckStatus;
  /** Why it did not pass; absent when passed. */
  readonly cause?: CheckCause;
  /** Plain words: what was expected and what happened. Empty when passed. */
  readonly message: string;
  /** Further lines: the view involved, published constants, information. */
  readonly details: readonly string[];
  /** Of a failure's `details`, the lines that are information, not part of why it failed (writes not checked, entries dropped meanwhile). */
  readonly info?: readonly string[];
  /** Passed without being judged at all (an optional export is missing, or no run could show it): shown as skipped, not as a pass. */
  readonly skipped?: boolean;
  /** For a passed scenario check: the runs that stopped before its properties could be seen, which count as neither pass nor failure. */
  readonly notJudgedRuns?: { readonly count: number; readonly of: number; readonly why: string };
  /** Where in the learner's file, when known (`file:line:col`). */
  readonly location?: string;
  readonly scenario?: FailingScenario;
  /** Pass to `workbook check <exercise> --replay <token>` to run exactly the scenario shown. */
  readonly replay?: string;
  /**
   * The first learner decision in the run outside the acceptable set, starting `at t=<ms> ms` (the
   * report's diagram marks the decision there, on the lane its words name first).
   */
  readonly firstBadDecision?: string;
  /**
   * What the failure states as acceptable, as data: the message's (a case or law) or the first bad
   * decision's (a scenario check). Absent when it states no acceptable answer.
   */
  readonly expected?: StatedExpectation;
  readonly timeline?: Timeline;
  /** What the learner's code printed during this check (at most 2 KB). */
  readonly console?: string;
}

/**
 * Which set of checks runs: `public`, what learners run and see in full, or `hidden`, the instructor's
 * tier (more and nastier schedules from an instructor seed). A hidden result is complete in the
 * instructor's view; what a student sees of it is reduced to the property violated (grading/grade).
 */
export type CheckTier = 'public' | 'hidden';

/** What a check needs from the harness. Wall time is only used to cap shrinking. */
export interface CheckContext {
  readonly call: LearnerCaller;
  /** Loads a fresh copy of the learner module (module-level state reset); false if that failed. */
  readonly reload: () => Promise<boolean>;
  readonly seed: number;
  /** How many generated schedules cluster checks run. */
  readonly schedules: number;
  readonly shrink: { readonly maxRuns: number; readonly maxMs: number };
  readonly wallClockMs: () => number;
  readonly hostYield: () => Promise<void>;
  /** Replay only this scenario (a token's spec, parsed by the group's `parseReplay`) instead of generating schedules. */
  readonly replay?: unknown;
  /** The tier to run; `public` when absent. `seed` and `schedules` are then the tier's own. */
  readonly tier?: CheckTier;
  /** Recorded runs a scenario check group may reuse instead of simulating (run-record.ts); none when absent. */
  readonly reuse?: ScheduleRecords;
  /** Asks recorded calls in one batch (the learner's own check only, never grading); absent: one call at a time. */
  readonly replayCalls?: RecordedCallBatch;
  /** Whether results carry `firstRuns` (first-runs.ts): `workbook calibrate` only. */
  readonly recordFirstRuns?: boolean;
}

/**
 * Where a check's outcomes first showed in a first pass, as schedule counts (first-runs.ts): from
 * `failed` on it fails (`failedRun` is that run's index), and so on. Internal to calibration.
 */
export interface FirstRuns {
  readonly failed?: number;
  readonly failedRun?: number;
  readonly skipped?: number;
  readonly problem?: { readonly from: number; readonly status: CheckStatus };
  readonly harnessBug?: number;
  /** Below `failed`, what the check would report is not known from this pass. */
  readonly belowUnknown?: boolean;
}

/** A check result as a group returns it: `replay` is the spec of the scenario shown, not yet a token. */
export type GroupResult = Omit<CheckResult, 'replay'> & { readonly replay?: unknown; readonly firstRuns?: FirstRuns };

/** Names and weighs one check before it runs (for listings and gradebooks). */
export interface CheckInfo {
  readonly id: string;
  readonly title: string;
  readonly weight: number;
}

/** A set of checks that share their work (e.g. one batch of cluster runs judged by five properties). */
export interface CheckGroup {
  readonly checks: readonly CheckInfo[];
  /** The tiers this group can run; `['public']` when absent. */
  readonly tiers?: readonly CheckTier[];
  /** The acceptable sets its judges state expectations from (what a result's `expected.set` names). */
  readonly acceptableSets?: readonly AcceptableSet[];
  /** Whether a replay token can stand for one run of this group (scenario checks); decision checks are not replayed. */
  readonly replayable: boolean;
  /** The exercise's replay format (a replayable group's tokens carry it; it changes when the scenarios do). */
  readonly replayFormat?: number;
  /** A token's spec, validated and ready for `ctx.replay`, or why it cannot be replayed. */
  readonly parseReplay?: (spec: unknown) => { readonly ok: true; readonly replay: unknown } | { readonly ok: false; readonly problem: string };
  /** Results; a failure's `replay` is its scenario's spec, which grading stamps into a token. */
  run(ctx: CheckContext): Promise<GroupResult[]>;
  /**
   * Runs the scenario of a parsed replay (what `parseReplay` returned) again, traced, and returns the
   * whole run for a diagram; undefined when the group cannot draw it.
   */
  trace?(ctx: CheckContext, replay: unknown): Promise<PresentedRun | undefined>;
  /**
   * The self-check that keeps a learner from being blamed for a harness bug: judges `runs` scenarios
   * of `ctx`'s tier with the module behind `ctx.call` and returns a line for every way correct code
   * was blamed (an answer outside the acceptable set, a broken property, an unusable answer). The
   * manifest-driven tests run it on every correct file; `judged` leaves out runs of skipped checks.
   */
  soundness?(ctx: CheckContext, runs: number): Promise<{ readonly judged: number; readonly problems: readonly string[] }>;
}

/** Keeps at most 2 KB of learner console output per check. */
export function capConsole(text: string): string {
  return text.length <= 2048 ? text : `${text.slice(0, 2048)}…[truncated]`;
}
