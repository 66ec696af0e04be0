/**
 * What a simulated node sees of the world (its context) and what it gives the simulation (its
 * behaviour). A node's behaviour object is its volatile state: a crash throws it away and a restart
 * builds a new one with the same factory, which must recover from `ctx.storage`.
 */

/** Storage that survives crashes. Values are kept by reference: store immutable values. */
export interface DurableStorage {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  keys(): string[];
}

/** How a learner task ended, in simulated time. */
export type TaskResult<T> =
  | { status: 'ok'; value: T }
  | { status: 'threw'; error: unknown }
  /** Still pending at its simulated deadline or when the run ended. */
  | { status: 'never-settled' };

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export interface NodeContext<M = unknown> {
  readonly id: string;
  /** The node's local clock in ms: skewed and drifting, so never compare it across nodes. */
  now(): number;
  /** Sends `msg` to `to` over the simulated network (it may be delayed, lost, duplicated or reordered). */
  send(to: string, msg: M): void;
  /** Fires `onTimer(name, payload)` after `localDelayMs` of this node's clock; returns an id for `cancelTimer`. */
  setTimer(name: string, localDelayMs: number, payload?: unknown): number;
  /** Cancels a timer set with `setTimer`; unknown or fired ids are ignored. */
  cancelTimer(id: number): void;
  /** Durable storage: it survives `crash`/`restart`. */
  readonly storage: DurableStorage;
  /** A float in [0, 1) from this node's own seeded stream. */
  random(): number;
  /** Adds a protocol-level fact to the trace (for checkers and timelines). */
  record(name: string, data?: unknown): void;
  /** Starts a client operation in the history; pair with `complete`. */
  invoke(op: string, input: unknown): number;
  /** Ends a client operation: `ok` happened, `fail` surely did not happen. */
  complete(opId: number, status: 'ok' | 'fail', output?: unknown): void;
  /**
   * Runs possibly-async code (a learner's function) without blocking the simulation. `onSettled` is
   * called when it settles, or with `never-settled` when `deadlineMs` of simulated time pass first or
   * the run ends. Work on promises from `external` pauses simulated time; `deferred` ones do not.
   */
  task<T>(label: string, run: () => Promise<T> | T, options: { deadlineMs: number; onSettled: (result: TaskResult<T>) => void }): void;
  /** Marks a promise that settles in real time (an answer from another thread): the simulation waits for it. */
  external<T>(promise: Promise<T>): Promise<T>;
  /** A promise the node settles itself at some simulated time (e.g. when a reply arrives). */
  deferred<T>(): Deferred<T>;
}

export interface NodeBehaviour<M = unknown> {
  onMessage(from: string, msg: M): void;
  onTimer?(name: string, payload: unknown): void;
}

/** Builds a node's volatile state, at the start and after every restart. */
export type NodeFactory<M = unknown> = (ctx: NodeContext<M>) => NodeBehaviour<M>;

export type NodeStatus = 'up' | 'paused' | 'crashed';
