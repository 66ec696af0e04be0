/**
 * Exercise 3.2: monotonic reads, with a home replica per user.
 *
 * Users read through a proxy that assigns each of them a home follower. You decide where each read
 * goes, whether a reply may be shown, and what the session remembers, so that no user ever sees the
 * data go back in time: not when they switch replicas, and not when their home restarts behind.
 * Read README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { ReadReply, ReadSession, ReplicaStatus } from 'ddia-workbook/exercise';

/**
 * Where this user's next read goes. `home`: the follower the proxy assigned to the user; `replicas`:
 * every member not yet tried in this read, with hints (the leader, when known, always among them).
 * Read from home whenever it can serve the user, elsewhere only when it cannot: then another
 * reachable follower that can, and the leader only when no reachable follower is known to be as far
 * along as everything the user was shown. null: wait and ask again.
 */
export function chooseReplica(session: ReadSession, home: string, replicas: readonly ReplicaStatus[]): string | null {
  // TODO(human): return an offered replica's id, or null. Stuck? `./workbook hint monotonic-reads`.
  throw new NotImplementedError('chooseReplica');
}

/**
 * This reply was shown to the user. Return what the session must remember so that no later read
 * shows an older state. Sessions start as { seenLsn: 0 }; any plain JSON object you return is stored,
 * and the session passed in is frozen.
 */
export function afterRead(session: ReadSession, reply: ReadReply): ReadSession {
  // TODO(human): return the session to keep.
  throw new NotImplementedError('afterRead');
}

/** Whether `reply` may be shown: not older than anything this user has been shown, for any key. */
export function acceptsReply(session: ReadSession, reply: ReadReply): boolean {
  // TODO(human): return true to show the reply, false to ask another replica.
  throw new NotImplementedError('acceptsReply');
}

/**
 * Optional, unweighted (3.4): make the same session read-your-writes too. A write made by this user
 * (to `key`) was acknowledged at `lsn`; acks can arrive in any order. Its check weighs nothing and
 * runs only when this function is exported: delete it to skip it.
 */
export function afterWrite(session: ReadSession, write: { key: string; lsn: number }): ReadSession {
  // TODO(human): optional. Delete this function if you skip it: nothing else depends on it.
  throw new NotImplementedError('afterWrite');
}
