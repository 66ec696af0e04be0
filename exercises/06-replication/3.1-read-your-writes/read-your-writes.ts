/**
 * Exercise 3.1: read-your-writes, across every device of a user.
 *
 * Users write through a proxy to the leader and read from asynchronously updated followers. The
 * proxy keeps a session for you and asks these four functions what to do; you make sure that a user
 * who was told "saved" never reads the old value afterwards, from any of their devices, while reads
 * still go to followers whenever one can serve them. Read README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { ReadReply, ReplicaStatus, UserSession } from 'ddia-workbook/exercise';

/**
 * The proxy keeps one session per key you return, used by every request of this device. The promise
 * to keep: a user sees their own writes from every one of their devices.
 */
export function sessionKey(user: string, device: string): string {
  // TODO(human): return the key of this device's session. Stuck? `./workbook hint read-your-writes`.
  throw new NotImplementedError('sessionKey');
}

/**
 * A write made under this session (to `key`) was acknowledged at `lsn`; acks can arrive in any order.
 * Return the session the two functions below need to keep the promise. Sessions start as
 * { writtenLsn: 0 }; any plain JSON object you return is stored, and the session passed in is frozen.
 */
export function afterWrite(session: UserSession, write: { key: string; lsn: number }): UserSession {
  // TODO(human): return the session to keep.
  throw new NotImplementedError('afterWrite');
}

/**
 * Where to send this read. `replicas`: every member not yet tried in this read, with hints; the
 * leader, when known, is always among them. Reads should go to a follower whenever one is known to be
 * able to answer. null: wait a moment and ask again.
 */
export function chooseReplica(session: UserSession, key: string, replicas: readonly ReplicaStatus[]): string | null {
  // TODO(human): return an offered replica's id, or null.
  throw new NotImplementedError('chooseReplica');
}

/**
 * Whether `reply` may be shown: it must include every write of this user acknowledged before the
 * read. If not, the proxy asks elsewhere.
 */
export function acceptsReply(session: UserSession, reply: ReadReply): boolean {
  // TODO(human): return true to show the reply, false to ask another replica.
  throw new NotImplementedError('acceptsReply');
}
