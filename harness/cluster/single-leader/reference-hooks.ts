/**
 * The reference single-leader decisions: the three commit rules of `ReplicationMode` and Raft-style
 * log matching. The cluster runs these unless a run is given other hooks.
 */
import type { AppendBatch, AppendResult, CommitView, FollowerLog, LeaderHooks, SingleLeaderHooks } from './hooks.ts';
import type { ReplicationMode } from './messages.ts';

/** How many members (the leader included) hold `lsn`. */
function holders(view: CommitView, lsn: number): number {
  let n = 1;
  for (const f of view.followers) if (f.match >= lsn) n++;
  return n;
}

/** The highest position above `commit` held by at least `needed` members, scanning down from the end; `commit` if none. */
function highestHeldBy(view: CommitView, needed: number, ownEpochOnly: boolean): number {
  for (let lsn = view.lastLsn; lsn > view.commit; lsn--) {
    // Counting replicas proves an older-epoch entry safe only through a newer entry of our own epoch.
    if (ownEpochOnly && view.entryEpoch(lsn) !== view.epoch) break;
    if (holders(view, lsn) >= needed) return lsn;
  }
  return view.commit;
}

/** Majority commit: once an entry of the leader's own epoch, at or after the position, is on a majority. */
export const majorityCommit: LeaderHooks = {
  commitPosition: (view) => highestHeldBy(view, Math.floor(view.voters / 2) + 1, true),
};

/** Semi-synchronous: once the leader and at least one follower hold it. */
export const semiSyncCommit: LeaderHooks = {
  commitPosition: (view) => highestHeldBy(view, 2, false),
};

/** Asynchronous: as soon as it is in the leader's own log (fast, loses writes on failover). */
export const asyncCommit: LeaderHooks = {
  commitPosition: (view) => highestHeldBy(view, 1, false),
};

/**
 * Log matching: the append fits only after the entry at `prevLsn` of epoch `prevEpoch`; an entry that
 * conflicts with one held (same position, other epoch) replaces it and everything after it; entries
 * already held are kept.
 */
export function matchLog(log: FollowerLog, append: AppendBatch): AppendResult {
  if (append.prevLsn > 0) {
    const prev = log.entry(append.prevLsn);
    if (prev === undefined || prev.epoch !== append.prevEpoch) return { ok: false, matchLsn: Math.min(log.lastLsn, append.prevLsn - 1) };
  }
  for (const entry of append.entries) {
    const mine = log.entry(entry.lsn);
    if (mine !== undefined && mine.epoch === entry.epoch) continue;
    if (mine !== undefined) log.truncateFrom(entry.lsn);
    log.push(entry);
  }
  return { ok: true, matchLsn: append.prevLsn + append.entries.length };
}

const COMMIT_RULES: Record<ReplicationMode, LeaderHooks> = { majority: majorityCommit, 'semi-sync': semiSyncCommit, async: asyncCommit };

/** The reference hooks of a replication mode. */
export function referenceSingleLeaderHooks(mode: ReplicationMode): SingleLeaderHooks {
  return { leader: COMMIT_RULES[mode], follower: { acceptAppend: matchLog } };
}
