/**
 * Exercise 06-replication/04: a quorum read in a Dynamo-style store.
 *
 * The store already does the writing: a write goes to the key's n home replicas and succeeds once w
 * of them acknowledged it, and a replica only ever keeps a version higher than the one it holds.
 * Your job is the reading side. Read README.md beside this file first.
 */
import { NotImplementedError, QuorumError } from 'ddia-workbook/exercise';
import type { ConfigVerdict, QuorumConfig, ReplicaSet, ReplicaValue } from 'ddia-workbook/exercise';

/**
 * Says whether n, w and r make sense together, and whether reads and writes must overlap.
 * Valid: whole numbers with n ≥ 1, 1 ≤ w ≤ n and 1 ≤ r ≤ n. Overlapping: r + w > n.
 */
export function checkQuorumConfig(config: QuorumConfig): ConfigVerdict {
  // TODO(human): return { ok: false, reason } for an impossible config, else { ok: true, overlapping }.
  throw new NotImplementedError('checkQuorumConfig');
}

/**
 * Reads the key from a quorum of its home replicas.
 * Asks all n at once; resolves at the r-th reply with the highest version among the replies, after
 * sending read repair to every replier that had an older version; rejects with QuorumError as soon
 * as so many replicas failed that r replies are impossible.
 */
export function quorumRead<V>(replicas: ReplicaSet<V>, config: QuorumConfig): Promise<ReplicaValue<V>> {
  // TODO(human): call replicas.read(id) for every id in replicas.ids, count replies and failures as
  // they settle, and settle your promise exactly once. QuorumError is imported above for you.
  throw new NotImplementedError('quorumRead');
}

/**
 * Optional and unweighted: a quorum read that is linearizable under strict quorums. It reads like
 * `quorumRead`, then, before resolving, writes the chosen value back until at least w distinct home
 * replicas are known to hold its version or a newer one (repliers that showed such a version count;
 * every other home replica is sent `repair`). Once it resolved, every later read meets one of them.
 * Rejects with QuorumError when r replies, or w such replicas, can no longer be had.
 */
export function quorumReadLinearizable<V>(replicas: ReplicaSet<V>, config: QuorumConfig): Promise<ReplicaValue<V>> {
  // TODO(human): optional. Collect r replies as in quorumRead and pick the newest; then count the
  // replicas known to hold it (repliers with that version) and repair the others, resolving once w
  // hold it. Delete this function if you skip it: nothing else depends on it.
  throw new NotImplementedError('quorumReadLinearizable');
}
