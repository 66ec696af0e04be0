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
  /**
   * Deep-freeze the arguments on the learner side before the call, so learner code that changes an
   * input throws a TypeError (modules are strict) instead of changing it unseen: the harness only
   * ever sees copies, so a change to an input is otherwise invisible to it.
   */
  freezeArgs?: boolean;
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
  /**
   * Returned a promise still pending once the microtask queue drained and no callback it made is
   * outstanding (with no real timers it never settles), or the call was aborted through `signal`.
   */
  | { kind: 'never-settled'; console: string }
  /** An infinite loop or livelock: the learner side was killed and is restarted on the next call. */
  | { kind: 'timed-out'; limitMs: number }
  /** The learner side died, e.g. 'out of memory' or 'exited with code 0' (process.exit in learner code). */
  | { kind: 'crashed'; reason: string };

/**
 * The error name a call answers with (`threw`) when the learner module does not export the function
 * asked for. Checks of an optional export recognise "not attempted" by it; required exports are
 * checked when the module loads, so they never see it.
 */
export const MISSING_EXPORT_ERROR = 'MissingExportError';

/**
 * A callback learner code can call on an argument built with `callbackObject`. It runs on the harness
 * side (typically it asks the simulator something and settles in simulated time). A rejection reaches
 * learner code as an `Error` with the same `name` and `message`.
 */
export type CallbackHandler = (...args: unknown[]) => Promise<unknown>;

/** What a call needs beyond its arguments when learner code calls back into the harness. */
export interface CallOptions {
  /** Handlers by target, `${handle}.${method}` (see `callbackObject`). */
  readonly handlers?: Readonly<Record<string, CallbackHandler>>;
  /**
   * Reported once per period during which learner code runs (the call itself, then every callback
   * result it is handed); the promise settles when that period ends. A simulation passes it to
   * `ctx.external`, so simulated time stands still while learner code runs and moves while it waits.
   */
  readonly busy?: (running: Promise<void>) => void;
  /** Aborting it (e.g. a simulated deadline passed) ends the call: it answers `never-settled`. */
  readonly signal?: AbortSignal;
  /** The simulated time learner code sees (`Date.now()`) when it is handed a callback result. */
  readonly now?: () => number;
}

/** The marker `callbackObject` builds; the learner side turns it into an object with methods. */
export interface CallbackObjectMarker {
  readonly $callbacks: {
    readonly handle: string;
    readonly fields: Readonly<Record<string, unknown>>;
    readonly methods: readonly string[];
    /** Synchronous methods answered on the learner side: each call returns a fresh copy of the value. */
    readonly returns?: Readonly<Record<string, unknown>>;
  };
}

/**
 * An argument that learner code receives as `{ ...fields, [m]: (...args) => Promise }` for every `m` of
 * `methods`. Calling a method runs the call's handler `${handle}.${m}` on the harness side; the promise
 * settles with its outcome. `returns` adds synchronous methods that answer on the learner side with a
 * copy of a fixed value (e.g. a store's `all()`, as it was when the call started). Only top-level
 * arguments are converted.
 */
export function callbackObject(
  handle: string,
  fields: Readonly<Record<string, unknown>>,
  methods: readonly string[],
  returns?: Readonly<Record<string, unknown>>,
): CallbackObjectMarker {
  return { $callbacks: { handle, fields, methods: [...methods], ...(returns !== undefined ? { returns } : {}) } };
}

/** The marker `lookupFunction` builds; the learner side turns it into a synchronous function. */
export interface LookupFunctionMarker {
  readonly $lookup: { readonly table: Readonly<Record<string, unknown>>; readonly otherwise: unknown };
}

/**
 * An argument that learner code receives as a synchronous function `(key) => table[key] ?? otherwise`
 * (a copy), e.g. `reachable(node)`: a pure function given by its values. Only top-level arguments
 * are converted.
 */
export function lookupFunction(table: Readonly<Record<string, unknown>>, otherwise: unknown): LookupFunctionMarker {
  return { $lookup: { table, otherwise } };
}

/** Calls one exported learner function. Pairs with `CallOptions` when learner code calls back. */
export type LearnerCaller = (fn: string, args: readonly unknown[], ctx: LearnerCallContext, options?: CallOptions) => Promise<LearnerAnswer>;
