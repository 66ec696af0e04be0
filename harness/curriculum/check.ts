/**
 * What a check is and what it reports. Checks are data producers: they run learner code against the
 * simulator and return results; rendering them is someone else's job.
 */
import type { LearnerAnswer, LearnerCaller } from './learner-call.ts';
import type { PresentedRun } from './presenter.ts';
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
  /** Plain words: what was expected and what happened. Empty when passed. */
  readonly message: string;
  /** Further lines: the view involved, published constants, information. */
  readonly details: readonly string[];
  /** Where in the learner's file, when known (`file:line:col`). */
  readonly location?: string;
  readonly scenario?: FailingScenario;
  /** Pass to `workbook check <exercise> --replay <token>` to run exactly the scenario shown. */
  readonly replay?: string;
  /** The first learner decision in the run outside the acceptable set. */
  readonly firstBadDecision?: string;
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
  /** Replay only this scenario (from a replay token) instead of generating schedules. */
  readonly replay?: unknown;
  /** The tier to run; `public` when absent. `seed` and `schedules` are then the tier's own. */
  readonly tier?: CheckTier;
}

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
  run(ctx: CheckContext): Promise<CheckResult[]>;
  /**
   * Runs the scenario of a replay payload (a token's scenario) again, traced, and returns the whole
   * run for a diagram; undefined when the payload is not one of this group's scenarios.
   */
  trace?(ctx: CheckContext, payload: unknown): Promise<PresentedRun | undefined>;
}

/** The failure a learner answer amounts to, or undefined when it returned normally. */
export function answerFailure(fn: string, answer: LearnerAnswer): { status: CheckStatus; message: string; location?: string } | undefined {
  switch (answer.kind) {
    case 'returned':
      return undefined;
    case 'threw':
      if (answer.error.name === 'NotImplementedError') return { status: 'not-implemented', message: `${fn}: ${answer.error.message}` };
      return {
        status: 'failed',
        message: `${fn} threw ${answer.error.name}: ${answer.error.message}`,
        ...(answer.error.location ? { location: answer.error.location } : {}),
      };
    case 'never-settled':
      return { status: 'failed', message: `${fn} returned a promise that never settled (in simulated time, nothing can resolve it)` };
    case 'timed-out':
      return { status: 'timed-out', message: `timed out: infinite loop or livelock? ${fn} did not answer within ${answer.limitMs} ms` };
    case 'crashed':
      return { status: 'crashed', message: `the learner process stopped while running ${fn}: ${answer.reason}` };
  }
}

/** Keeps at most 2 KB of learner console output per check. */
export function capConsole(text: string): string {
  return text.length <= 2048 ? text : `${text.slice(0, 2048)}…[truncated]`;
}
