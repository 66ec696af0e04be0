/**
 * The one shape of a learner-replaceable hook, shared by every protocol: a hook is asked in a
 * simulated moment (`HookCall`) and answers with a value or a problem (`HookOutcome`). A protocol
 * exports its hooks and reference implementations of them; the curriculum backs them with learner
 * calls, so a problem (a throw, a timeout) is a value the protocol stops on, never an exception.
 */

/** A hook's answer: its value, or why there is none (in words that name the call). */
export type HookOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** The simulated moment a hook is asked in. */
export interface HookCall {
  /** The node asking. */
  readonly node: string;
  /** Simulated time in ms. */
  readonly now: number;
  /** Lets a hook backed by another thread freeze simulated time while it computes. */
  readonly busy?: (running: Promise<void>) => void;
  /** Aborted when the asker stops waiting (a simulated deadline passed). */
  readonly signal?: AbortSignal;
}
