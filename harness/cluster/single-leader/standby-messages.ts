/**
 * The wire format and constants of the static-leadership cluster with a follower pipeline (n1 leads
 * epoch 1 for good; followers receive, flush and apply in three stages and report each position, as
 * PostgreSQL standbys report write, flush and replay). Client messages are the failover cluster's, so
 * the same client drives both.
 */
import type { ClusterMessage, Entry } from './messages.ts';

/** A follower's status report; the leader keeps the one with the highest (incarnation, seq). */
export interface StandbyStatus {
  readonly incarnation: number;
  readonly seq: number;
  readonly received: number;
  readonly flushed: number;
  readonly applied: number;
}

export type StandbyMessage =
  | Extract<ClusterMessage, { type: 'write' | 'write-ok' | 'redirect' | 'write-rejected' }>
  | { type: 'append'; prevLsn: number; entries: readonly Entry[] }
  /** `receivedLsn`: the leader's next entry for it follows it, so a tail waiting for its flush is not resent. */
  | { type: 'append-reply'; receivedLsn: number; flushedLsn: number }
  | ({ type: 'standby-status' } & StandbyStatus);

/** The published timing of the pipeline cluster, printed with a failing scenario. */
export interface StandbyTiming {
  readonly replicationIntervalMs: number;
  /** The leader decides how far it may acknowledge at most once per tick, while writes wait. */
  readonly ackTickMs: number;
  /** A follower moves received entries to its disk this often (0: on receipt). */
  readonly flushIntervalMs: number;
  readonly applyIntervalMs: number;
  /** Entries applied per apply tick, at most. */
  readonly applyLimit: number;
  /** An entry is applied no sooner than this long after it was flushed (a standby's replay lag). */
  readonly replayDelayMs: number;
  readonly statusIntervalMs: number;
  /** A follower without a status report for this long is not connected. */
  readonly standbyTimeoutMs: number;
  readonly maxLatencyMs: number;
  readonly clientRetryMs: number;
}

export const DEFAULT_STANDBY_TIMING: StandbyTiming = {
  replicationIntervalMs: 25,
  ackTickMs: 20,
  flushIntervalMs: 15,
  applyIntervalMs: 10,
  applyLimit: 64,
  replayDelayMs: 0,
  statusIntervalMs: 20,
  standbyTimeoutMs: 60,
  maxLatencyMs: 10,
  clientRetryMs: 60,
};
