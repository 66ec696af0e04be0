/**
 * What the linearizability checker checks a history against: a sequential specification given as
 * data (porcupine's `Model`). The search knows nothing of registers or key-value stores; a model says
 * how one operation changes the state, how to compare and hash states, and how to say both in words.
 */

/**
 * One client operation of a history, in the model's own terms. `output` is whatever the model makes
 * of the result, including "the client never learned" for an operation that did not complete.
 */
export interface Operation<I, O> {
  readonly client: string;
  readonly input: I;
  readonly output: O;
  /** When the client invoked the operation. */
  readonly call: number;
  /** When the client learned the outcome; absent (or `Infinity`) if it never did. */
  readonly return?: number;
}

/**
 * A sequential specification. `step` may allow several next states (a nondeterministic object) or
 * none (the operation could not have returned `output` in `state`). States are values: `equal` and
 * `hash` must agree (equal states, equal hashes); the memo compares with `equal`, so a colliding
 * `hash` costs time, never a verdict.
 */
export interface Model<I, O, S> {
  /** What one instance is called in explanations: "register", "key-value store". */
  readonly name: string;
  /**
   * The independent part of the state an operation touches (a key). Linearizability is compositional,
   * so each part is checked on its own; absent: the whole history is one part.
   */
  readonly partition?: (input: I) => string;
  /** The state before any operation (of each part). */
  readonly init: () => S;
  readonly step: (state: S, input: I, output: O) => readonly S[];
  readonly equal: (a: S, b: S) => boolean;
  /** A 32-bit hash of a state; collisions are allowed. */
  readonly hash: (state: S) => number;
  /** An operation in a few words, without client or times, e.g. `read → 3`, `append "x"`. */
  readonly describeOperation: (input: I, output: O) => string;
  /** A state in a few words, as the end of "with …", e.g. `the register holding 3`. */
  readonly describeState: (state: S) => string;
  /** True for an operation that constrains nothing (a read that never completed): the search skips it. */
  readonly ignores?: (op: Operation<I, O>) => boolean;
  /**
   * A refutation that needs no search (a read of a value nobody had begun to write), for one part's
   * operations: the position of the culprit in `ops` and why, in words that follow its description.
   */
  readonly refuteWithoutSearch?: (ops: readonly Operation<I, O>[]) => { readonly op: number; readonly why: string } | undefined;
}

/** FNV-1a over UTF-16 code units: a ready-made `hash` for models whose states are strings. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}
