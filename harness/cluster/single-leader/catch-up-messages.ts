/**
 * The wire format, timing and data model of the catch-up cluster: static leadership (n1 leads epoch
 * 1 for good, majority commit with voting followers n2, n3) plus non-voting catch-up followers that
 * fetch committed entries from a window the leader keeps, or ask for a snapshot of its whole data at
 * one position. The data is key → string, changed by set / append / delete.
 */
import type { CatchUpRequest, LogEntry, Operation, Snapshot } from '../../exercise/index.ts';

/** A client write as the leader logs it; the id makes a duplicated request harmless. */
export interface LoggedWrite {
  readonly id: string;
  readonly operation: Operation;
}

export type CatchUpMessage =
  | { type: 'write'; write: LoggedWrite }
  // leader ↔ voting followers: the full log, majority commit
  | { type: 'append'; prevLsn: number; entries: readonly LogEntry[] }
  | { type: 'append-ack'; lsn: number }
  // catch-up followers → leader
  | { type: 'fetch'; req: number; fromLsn: number }
  | { type: 'fetch-snapshot'; req: number }
  // leader → catch-up followers; `req` 0 is a push, otherwise the request answered
  | { type: 'entries'; req: number; firstLsn: number; commitLsn: number; entries: readonly LogEntry[] }
  | { type: 'truncated'; req: number; firstLsn: number }
  | { type: 'snapshot'; req: number; firstLsn: number; snapshot: Snapshot; transferMs: number };

/** The published constants of the catch-up cluster (design §B.2), printed with a failing scenario. */
export interface CatchUpTiming {
  /** The leader keeps this many of its last committed entries for fetches. */
  readonly retainEntries: number;
  /** Entries per answer or push, at most. */
  readonly batchMax: number;
  readonly pushIntervalMs: number;
  /** A snapshot arrives this long (at least, at most) after its request reached the leader. */
  readonly transferMinMs: number;
  readonly transferMaxMs: number;
  /** A catch-up follower asks again when an answer takes longer than this. */
  readonly requestTimeoutMs: number;
  /** A caught-up follower asks again this often. */
  readonly pollMs: number;
  /** Clients stop writing this long before the run ends. */
  readonly quietMs: number;
  readonly replicationIntervalMs: number;
  readonly maxLatencyMs: number;
  /** Each client writes every 20–40 ms. */
  readonly writeMinMs: number;
  readonly writeMaxMs: number;
}

export const DEFAULT_CATCH_UP_TIMING: CatchUpTiming = {
  retainEntries: 40,
  batchMax: 16,
  pushIntervalMs: 40,
  transferMinMs: 40,
  transferMaxMs: 250,
  requestTimeoutMs: 120,
  pollMs: 100,
  quietMs: 700,
  replicationIntervalMs: 20,
  maxLatencyMs: 10,
  writeMinMs: 20,
  writeMaxMs: 40,
};

/** One operation applied to data, as the leader applies it (the stub ships the same function). */
export function applyOperation(data: Readonly<Record<string, string>>, op: Operation): Record<string, string> {
  const next = { ...data };
  if (op.op === 'set') next[op.key] = op.value;
  else if (op.op === 'append') next[op.key] = (next[op.key] ?? '') + op.value;
  else delete next[op.key];
  return next;
}

/** The data of the log's first `lsn` entries: what a follower claiming `lsn` must hold. */
export function replayLog(log: readonly LogEntry[], lsn: number): Record<string, string> {
  let data: Record<string, string> = {};
  for (const e of log.slice(0, lsn)) data = applyOperation(data, e.operation);
  return data;
}

/** The first lsn the leader still keeps for fetches at commit `commit`. */
export function windowStart(commit: number, retainEntries: number): number {
  return Math.max(1, commit - retainEntries + 1);
}

/** A request in a few words: `entries from 12`, `snapshot`. */
export function describeRequest(r: CatchUpRequest): string {
  return r.kind === 'snapshot' ? 'snapshot' : `entries from ${r.fromLsn}`;
}
