/**
 * The request/answer interface to learner code, as checks see it: ask a function for an answer in a
 * simulated moment, get back what happened. Checks never learn where the code runs (a worker, a
 * locked-down process); the grading layer provides the implementation.
 */

/** The simulated world a call runs in: seeds `Math.random`/`crypto`, and is what `Date.now` & co report. */
export interface LearnerCallContext {
  /** Seed for every source of randomness learner code can reach during this call. */
  seed: number;
  /** Simulated time in ms, returned by `Date.now()`, `new Date()` and `performance.now()`. */
  now: number;
}

/** An error thrown by learner code, flattened so it can cross a thread or process boundary. */
export interface LearnerError {
  name: string;
  message: string;
  /** `path/to/file.ts:12:5`: where in the learner's TypeScript source it was thrown, when known. */
  location?: string;
  /** The stack with positions mapped back to the TypeScript source and harness frames removed. */
  stack?: string;
}

/** How one call into learner code ended. `timed-out` and `crashed` mean the learner side was replaced. */
export type LearnerAnswer =
  | { kind: 'returned'; value: unknown; console: string }
  | { kind: 'threw'; error: LearnerError; console: string }
  /** Returned a promise still pending once the microtask queue drained; with no real timers it never settles. */
  | { kind: 'never-settled'; console: string }
  /** An infinite loop or livelock: the learner side was killed and is restarted on the next call. */
  | { kind: 'timed-out'; limitMs: number }
  /** The learner side died, e.g. 'out of memory' or 'exited with code 0' (process.exit in learner code). */
  | { kind: 'crashed'; reason: string };

/** Calls one exported learner function. */
export type LearnerCaller = (fn: string, args: readonly unknown[], ctx: LearnerCallContext) => Promise<LearnerAnswer>;
