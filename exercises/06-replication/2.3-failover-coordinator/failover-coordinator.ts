/**
 * Exercise 2.3: the failover coordinator's two decisions.
 *
 * The cluster already fences: a probe freezes every member that answers, and a member refuses any
 * leader whose epoch is older than the newest it accepted. Your job is the decision itself, which
 * must be safe given that fencing. Read README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { Election, FailoverView, SafetyVerdict } from 'ddia-workbook/exercise';

/**
 * Decides whether failing over now is safe: `{ safe: true }`, or `{ safe: false, reason }` with the
 * reason in words. The harness checks that you never fail over while the suspected leader answers,
 * never when an acknowledged write could sit only on members you did not hear from, and that you do
 * fail over when it is safe (the cluster has to recover).
 */
export function validateSafeFailover(view: FailoverView): SafetyVerdict {
  // TODO(human): decide from the view alone. Stuck? `./workbook hint failover-coordinator`.
  throw new NotImplementedError('validateSafeFailover');
}

/**
 * Picks the new leader and its epoch: `{ leader, epoch }`. Called only after `validateSafeFailover`
 * said safe. The harness checks that the leader answered, is not the suspected leader and holds every
 * acknowledged write (some views hold a longer log that is the wrong choice), and that no member in
 * sight has accepted the new epoch already.
 */
export function electNewLeader(view: FailoverView): Election {
  // TODO(human): return { leader, epoch } for this view.
  throw new NotImplementedError('electNewLeader');
}
