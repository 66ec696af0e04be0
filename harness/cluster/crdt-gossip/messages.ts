/**
 * Messages and run parts of the CRDT gossip cluster (`state` delivery): client ops and their acks,
 * and whole states pushed to a linked peer with the sender's knowledge (harness-side, never shown
 * to learner code).
 */

/** A client op: resent with the same id until acked. `op` is a scripted op ("decrement", "add milk"); absent, the dice choose. */
export interface GossipWrite {
  readonly type: 'write';
  readonly write: string;
  readonly op?: string;
  readonly draws: readonly [number, number];
}

/** One op the harness knows a replica has seen: its id (the client write id) and what it did. */
export interface KnownOp<R = unknown> {
  readonly id: string;
  readonly record: R;
}

export type GossipMessage =
  | GossipWrite
  | { readonly type: 'write-ack'; readonly write: string; readonly value: unknown }
  | { readonly type: 'state'; readonly state: unknown; readonly knowledge: readonly KnownOp[] };
