/**
 * Exercise 5.2: a quorum read in a Dynamo-style store.
 *
 * The store already does the writing: a write goes to the key's n home replicas and succeeds once w
 * of them acknowledged it, and a replica only ever keeps a version higher than the one it holds.
 * Your job is the reading side. Read README.md beside this file first.
 */
import { NotImplementedError, QuorumError } from 'ddia-workbook/exercise';
import type { ConfigVerdict, QuorumConfig, ReplicaSet, ReplicaValue } from 'ddia-workbook/exercise';

/**
 * Says whether n, w and r make sense together (`{ ok: false, reason }` if a store could not run with
 * them), and if they do, whether every read set of r replicas must share a replica with every write
 * set of w: `{ ok: true, overlapping }`. Checked on a dozen configurations.
 */
export function checkQuorumConfig(config: QuorumConfig): ConfigVerdict {
  // TODO(human): return the verdict. Stuck? `./workbook hint quorum-reader`.
  throw new NotImplementedError('checkQuorumConfig');
}

/**
 * Reads the key from a quorum of its n home replicas. The harness checks, in generated fault
 * schedules: no stale read when r + w > n, no invented value (you return a reply a replica gave),
 * the read resolves as soon as r replies are in and rejects with QuorumError exactly when r replies
 * have become impossible, and every replier that showed an older version is repaired.
 */
export function quorumRead<V>(replicas: ReplicaSet<V>, config: QuorumConfig): Promise<ReplicaValue<V>> {
  // TODO(human): return a promise that settles exactly once. QuorumError is imported above for you.
  throw new NotImplementedError('quorumRead');
}

/**
 * Optional and unweighted: a quorum read that is linearizable under strict quorums. Same contract as
 * `quorumRead`, and more: no read may go back in time, that is return an older version than a read
 * that finished before it started. Checked by a linearizability checker over whole histories.
 */
export function quorumReadLinearizable<V>(replicas: ReplicaSet<V>, config: QuorumConfig): Promise<ReplicaValue<V>> {
  // TODO(human): optional. Delete this function if you skip it: nothing else depends on it.
  throw new NotImplementedError('quorumReadLinearizable');
}
