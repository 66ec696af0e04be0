/**
 * The wire format of the reference single-leader cluster: members, the external failover coordinator
 * and clients. Every coordinator message carries its round; members ignore rounds older than the
 * newest they have seen, so a delayed message from an abandoned round can do no harm.
 */

/** A client write as it sits in the log; the id makes retries idempotent. */
export interface Write {
  readonly id: string;
  readonly key: string;
  readonly value: string;
}

/** One log entry: `write` is null for the no-op a new leader appends in its own epoch. */
export interface Entry {
  readonly epoch: number;
  readonly lsn: number;
  readonly write: Write | null;
}

export type ClusterMessage =
  // coordinator ↔ members
  /** The leader's heartbeat doubles as a lease request; the coordinator grants it only to its current leader. */
  | { type: 'heartbeat'; seq: number; epoch: number }
  | { type: 'heartbeat-ok'; seq: number; epoch: number }
  | { type: 'probe'; round: number; suspected: string }
  | { type: 'probe-reply'; round: number; epoch: number; lastEpoch: number; lastLsn: number }
  | { type: 'thaw'; round: number }
  | { type: 'thaw-ack'; round: number }
  | { type: 'new-epoch'; round: number; epoch: number; leader: string }
  | { type: 'new-epoch-ack'; round: number; epoch: number }
  // leader ↔ followers
  | { type: 'append'; epoch: number; prevLsn: number; prevEpoch: number; entries: readonly Entry[]; commit: number }
  | { type: 'append-reply'; epoch: number; ok: boolean; frozen: boolean; matchLsn: number }
  // clients ↔ members
  | { type: 'write'; write: Write }
  | { type: 'write-ok'; writeId: string; lsn: number }
  | { type: 'redirect'; writeId: string; leader: string | null }
  | { type: 'write-rejected'; writeId: string; reason: string };

/** How the leader decides a write is safe to acknowledge. */
export type ReplicationMode =
  /** Once an entry of the leader's own epoch at or after the write is durable on a majority. */
  | 'majority'
  /** As soon as it is in the leader's own log (fast, loses writes on failover). */
  | 'async'
  /** Once the leader and at least one follower hold it. */
  | 'semi-sync';
