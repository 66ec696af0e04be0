/** One change in the log. 'append' adds `value` to the end of the key's string ('' if absent). */
export type Operation =
  | { op: 'set'; key: string; value: string }
  | { op: 'append'; key: string; value: string }
  | { op: 'delete'; key: string };

/** The entry at position `lsn` of the leader's committed log. */
export interface LogEntry {
  lsn: number;
  operation: Operation;
}

/** The leader's whole data as of `lsn`: every entry up to `lsn` applied, none after. */
export interface Snapshot {
  lsn: number;
  data: Readonly<Record<string, string>>;
}

/** A follower's durable state, stored as one record. */
export interface FollowerState {
  appliedLsn: number;
  data: Readonly<Record<string, string>>;
}

export type CatchUpRequest = { kind: 'entries'; fromLsn: number } | { kind: 'snapshot' };
