/**
 * The options and the verdict of the linearizability checker, the same for every model.
 */

/** Options of the checker. Budgets count search states, never wall time: same history, same verdict. */
export interface LinearizabilityOptions {
  /** The most states to explore over all keys together before giving up with `unknown`. Default 1,000,000. */
  readonly budget?: number;
  /**
   * The most states any one key may use. Default: `budget`. Keys take turns with growing slices,
   * so an expensive key cannot starve the others of their share of the total.
   */
  readonly keyBudget?: number;
  /** Register model only: the value every register holds before the first write. Default `undefined` (never written). */
  readonly initial?: unknown;
}

/** Where a non-linearizable key's search got furthest. */
export interface LinearizabilityCounterexample {
  readonly key: string;
  /** Indices (into the history given) of the operations placed in order before the search was stuck. */
  readonly linearized: readonly number[];
  /** The model's state after them (for the register: its value). */
  readonly state: unknown;
  /**
   * Operations that had to take effect next and could not: first the one whose return the search could
   * not get past, then the unplaced operations overlapping it. Indices into the history.
   */
  readonly stuck: readonly number[];
  /** Every operation overlapping the first of `stuck`, placed or not, in history order. Indices into the history. */
  readonly overlapping: readonly number[];
}

/**
 * What the checker found. `unknown` means a budget ran out first: it is never a pass. Each outcome
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
  | {
      readonly outcome: 'unknown';
      readonly explanation: string;
      readonly explored: number;
      readonly keys: number;
      /** The total budget. */
      readonly budget: number;
      /** The keys left without a verdict, in order. */
      readonly undecided: readonly string[];
    };
