/**
 * The boundary between the harness and learner code. The harness only ever asks questions through a
 * `LearnerPort`; the code answering them runs in another thread or process, so everything that crosses
 * is plain data and every way the learner side can go wrong is a value, never a harness exception.
 */

import type { CallOptions, LearnerAnswer, LearnerCallContext, LearnerError } from '../curriculum/learner-call.ts';

export type { CallOptions, LearnerAnswer, LearnerCallContext, LearnerError };

/** Why a learner module could not be loaded. */
export type LoadProblem =
  /** Anything esbuild rejects: syntax errors, unresolvable or disallowed imports. */
  | { kind: 'syntax-error'; message: string; location?: string }
  | { kind: 'threw-at-import'; error: LearnerError }
  /** A required export is absent or not a function; `exports` lists what the module does export. */
  | { kind: 'missing-export'; name: string; exports: string[] }
  | { kind: 'timed-out'; limitMs: number }
  | { kind: 'crashed'; reason: string };

/** The harness's only way to run learner code. Implemented over a worker thread by `createWorkerPort`. */
export interface LearnerPort {
  /** Loads the module (again: a fresh instance, module-level state reset). Checks `required` exports exist and are functions. */
  load(required: readonly string[]): Promise<{ ok: true } | { ok: false; problem: LoadProblem }>;
  /**
   * Calls the exported function `fn` with structured-clonable `args`. Throws (a harness bug, not a learner
   * outcome) if nothing was loaded, the port is closed, or `args` cannot be cloned. Pairs with `load`.
   * With `options.handlers`, learner code may call back into the harness (see `callbackObject`); the
   * time limit then applies only while learner code runs, never while it waits for a callback.
   */
  call(fn: string, args: readonly unknown[], ctx: LearnerCallContext, options?: CallOptions): Promise<LearnerAnswer>;
  /** Stops the learner side for good; later `load`/`call` throw. */
  close(): Promise<void>;
}
