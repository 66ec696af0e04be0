/**
 * Exercise 2.2: setting up a new follower, and bringing a restarted one back.
 *
 * A catch-up follower holds a copy of the leader's data and the log position that copy reflects. It
 * asks the leader for the entries after that position, or, when the leader no longer keeps them, for a
 * snapshot of its whole data at one position; batches and snapshots may arrive lost, twice, late or
 * out of order. You write what the follower does with each, and what it asks for next. Read README.md
 * beside this file first.
 */
import type { CatchUpRequest, FollowerState, LogEntry, Operation, Snapshot } from 'ddia-workbook/exercise';

/** One operation applied to data, exactly as the leader applies it (given: use it, do not change it). */
export function applyOperation(data: Readonly<Record<string, string>>, op: Operation): Record<string, string> {
  const next = { ...data };
  if (op.op === 'set') next[op.key] = op.value;
  else if (op.op === 'append') next[op.key] = (next[op.key] ?? '') + op.value;
  else delete next[op.key];
  return next;
}

/**
 * A batch of the committed log arrived: contiguous and increasing, but maybe empty, overlapping what
 * you have, after a gap, a duplicate or late. Return your state after it: `data` exactly the leader's
 * data at the returned `appliedLsn`, never below `state.appliedLsn`, and as far as the batch allows.
 *
 * The checks hold you to: each entry applied exactly once and in order, never past a missing entry,
 * and a stored state whose data is always the leader's data at the position it claims.
 */
export function applyEntries(state: FollowerState, entries: readonly LogEntry[]): FollowerState {
  let s = state;
  for (const e of entries) {
    if (e.lsn <= s.appliedLsn) continue;
    // Something is missing before this entry: change nothing, and let nextRequest ask again.
    if (e.lsn !== s.appliedLsn + 1) break;
    s = { appliedLsn: e.lsn, data: applyOperation(s.data, e.operation) };
  }
  return s;
}

/**
 * A snapshot arrived, maybe an old one, late. Same contract: data matches position; the position
 * never goes back.
 */
export function installSnapshot(state: FollowerState, snapshot: Snapshot): FollowerState {
  // A snapshot is the whole data at its position: it replaces, never merges.
  return snapshot.lsn > state.appliedLsn ? { appliedLsn: snapshot.lsn, data: { ...snapshot.data } } : state;
}

/**
 * What to ask for next, to catch up. A snapshot costs the leader a copy of everything: ask only when
 * it no longer keeps an entry you need. `leaderFirstLsn`: its oldest kept entry as it last told you
 * (undefined: not told since you started).
 *
 * The checks hold you to: every follower catching up with the leader's commit by the end of a run,
 * and no snapshot asked for while the leader still keeps what you need (a brand-new follower, at
 * position 0, may start from either).
 */
export function nextRequest(state: FollowerState, leaderFirstLsn: number | undefined): CatchUpRequest {
  if (leaderFirstLsn !== undefined && leaderFirstLsn > state.appliedLsn + 1) return { kind: 'snapshot' };
  return { kind: 'entries', fromLsn: state.appliedLsn + 1 };
}
