/**
 * The input of the linearizability checker: a history of operations on read/write/compare-and-set
 * registers, one register per key, with invocation and completion times taken from one clock.
 */

/** One client operation on the register `key`. */
export interface RegisterOp {
  readonly client: string;
  readonly key: string;
  readonly op: 'read' | 'write' | 'cas';
  /** The value written (`write`), or written on success (`cas`). */
  readonly value?: unknown;
  /** `cas` only: the value the register must hold for the swap to happen. */
  readonly expected?: unknown;
  /**
   * `read`: the value returned. `cas`: `true` if it swapped, `false` if it did not, absent when the
   * client never learned (the operation may or may not have happened). Ignored for `write`.
   */
  readonly output?: unknown;
  /** When the client invoked the operation. */
  readonly call: number;
  /**
   * When the client learned the outcome. Absent (or `Infinity`) for an operation that never completed:
   * it may have taken effect at any time after `call`, or never. A read that never completed tells
   * nothing and is ignored.
   */
  readonly return?: number;
}

/** Options of `checkLinearizability`. */
export interface LinearizabilityOptions {
  /**
   * The most search states to explore, over all keys, before giving up with `unknown`. A count, never
   * wall time, so the same history always gets the same verdict. Default 1,000,000.
   */
  readonly budget?: number;
  /** The value every register holds before the first write. Default `undefined` (never written). */
  readonly initial?: unknown;
}

/** Where a non-linearizable key's search got furthest. */
export interface LinearizabilityCounterexample {
  readonly key: string;
  /** Indices (into the history given) of the operations placed in order before the search was stuck. */
  readonly linearized: readonly number[];
  /** The register's value after them. */
  readonly state: unknown;
  /**
   * Operations that had to take effect next (each completed before some other pending one was invoked)
   * and could not: indices into the history.
   */
  readonly stuck: readonly number[];
}

/**
 * What the checker found. `unknown` means the budget ran out first: it is never a pass. Each outcome
 * explains itself in plain words.
 */
export type LinearizabilityVerdict =
  | { readonly outcome: 'linearizable'; readonly explanation: string; readonly explored: number; readonly keys: number }
  | {
      readonly outcome: 'not-linearizable';
      readonly explanation: string;
      readonly explored: number;
      readonly keys: number;
      readonly counterexample: LinearizabilityCounterexample;
    }
  | { readonly outcome: 'unknown'; readonly explanation: string; readonly explored: number; readonly keys: number; readonly budget: number };
