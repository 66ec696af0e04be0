/**
 * What the gossip cluster needs of one CRDT: the learner's functions by name, how a client op
 * becomes a call (with the harness's record of what the op does), and the harness's own comparison
 * of states. The cluster knows no CRDT; the exercise passes this in, backed by learner calls.
 */
import type { HookCall, HookOutcome } from '../hook.ts';
import type { KnownOp } from './messages.ts';

/** The call a client op makes at a replica, and the harness's record of what it does. */
export interface OpCall<R = unknown> {
  readonly fn: string;
  readonly args: readonly unknown[];
  readonly record: R;
}

export interface GossipCrdt<R = unknown> {
  readonly initial: unknown;
  readonly mergeFn: string;
  readonly valueFn: string;
  /** The call client op `write` makes at `replica`, given the replica's state and knowledge. */
  opCall(write: { readonly id: string; readonly op?: string; readonly draws: readonly [number, number] }, replica: string, state: unknown, knowledge: readonly KnownOp<R>[]): OpCall<R>;
  /** Why `x` is not a state of this CRDT, or null. */
  stateProblem(x: unknown): string | null;
  /** Why `x` is not a value of this CRDT, or null. */
  valueProblem(x: unknown): string | null;
  /** Whether two (valid) states mean the same: the receiver skips the merge then. */
  equivalent(a: unknown, b: unknown): boolean;
  /** How many entries a state holds (a runaway stops the run). */
  size(x: unknown): number;
  /** Asks learner code. */
  call(fn: string, args: readonly unknown[], at: HookCall): Promise<HookOutcome<unknown>>;
}
