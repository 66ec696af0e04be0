/**
 * Exercise 06-replication/03: the failover coordinator's two decisions.
 *
 * The cluster already fences: a probe freezes every member that answers, and a member refuses any
 * leader whose epoch is older than the newest it accepted. Your job is the decision itself, which
 * must be safe given that fencing. Read README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { Election, FailoverView, SafetyVerdict } from 'ddia-workbook/exercise';

/**
 * Decides whether failing over now is safe.
 * Unsafe while the suspected leader still answers, and unless a strict majority of all members answered.
 */
export function validateSafeFailover(view: FailoverView): SafetyVerdict {
  // TODO(human): return { safe: false, reason } when the suspected leader is reachable, or when
  // fewer than a strict majority of view.members answered; otherwise { safe: true }.
  throw new NotImplementedError('validateSafeFailover');
}

/**
 * Picks the new leader and its epoch. Called only after `validateSafeFailover` said safe.
 * The leader: a reachable member, not the suspected leader, with the most up-to-date log, comparing
 * the epoch of the last entry first and its position second. The epoch: above every epoch in sight.
 */
export function electNewLeader(view: FailoverView): Election {
  // TODO(human): choose the leader among the reachable members other than view.suspectedLeader,
  // and an epoch greater than view.epoch and than every reachable member's epoch.
  throw new NotImplementedError('electNewLeader');
}
