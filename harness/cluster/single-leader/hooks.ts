/**
 * The decisions of the single-leader cluster that an exercise may take over, one interface per role.
 * The cluster runs the reference ones (`reference-hooks.ts`) unless a run is given others, as the
 * leaderless store does with its policies.
 *
 * Hooks are synchronous and see a read-only view built for the call: simulated time stands still
 * while they run, and what they return is all they can change (the follower's log interface is the
 * one exception, as log matching edits the log in place). A hook backed by learner code in another
 * thread goes through the node's task machinery, as the coordinator's decider does, behind the same
 * interface.
 */
import type { Entry } from './messages.ts';

/** What a follower holds, as the leader knows it from the follower's replies. */
export interface FollowerPosition {
  readonly id: string;
  /** The highest log position known to match the leader's log (0: nothing known). */
  readonly match: number;
}

/** The leader's view when it decides how far it may commit. */
export interface CommitView {
  readonly epoch: number;
  /** The current commit index: a rule never moves it back. */
  readonly commit: number;
  readonly lastLsn: number;
  /** The epoch of the entry at `lsn` (1 ≤ lsn ≤ lastLsn). */
  entryEpoch(lsn: number): number;
  /** Every other voting member, in member order. */
  readonly followers: readonly FollowerPosition[];
  /** Voting members, the leader included. */
  readonly voters: number;
}

export interface LeaderHooks {
  /**
   * The highest log position the leader may commit, and so acknowledge, now. Asked whenever what is
   * held changes: a write was appended, a follower replied. An answer at or below `commit` changes
   * nothing.
   */
  commitPosition(view: CommitView): number;
}

/** An append that passed the epoch and freeze checks, as the follower's log-matching rule sees it. */
export interface AppendBatch {
  readonly prevLsn: number;
  readonly prevEpoch: number;
  readonly entries: readonly Entry[];
}

/** A follower's log as its log-matching rule may change it. */
export interface FollowerLog {
  readonly lastLsn: number;
  /** The entry at `lsn`, if held. */
  entry(lsn: number): Entry | undefined;
  /** Drops the entry at `lsn` and every later one (noted in the trace; the commit index follows). */
  truncateFrom(lsn: number): void;
  /** Appends an entry at `lastLsn + 1`. */
  push(entry: Entry): void;
}

/** What a follower answers an append with: whether it matched, and up to where its log matches. */
export interface AppendResult {
  readonly ok: boolean;
  /** On success the last position taken; on failure the highest position worth retrying from. */
  readonly matchLsn: number;
}

export interface FollowerHooks {
  /**
   * Takes an append's entries into the log if the log holds the entry before them, and says how far
   * the log now matches the leader's. The follower then advances its commit index to the smaller of
   * the leader's and that position.
   */
  acceptAppend(log: FollowerLog, append: AppendBatch): AppendResult;
}

/** Every hook of the cluster, by role. */
export interface SingleLeaderHooks {
  readonly leader: LeaderHooks;
  readonly follower: FollowerHooks;
}
