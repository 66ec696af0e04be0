/**
 * Exercise 2.3: the failover coordinator's two decisions.
 *
 * The cluster already fences: a probe freezes every member that answers, and a member refuses any
 * leader whose epoch is older than the newest it accepted. Your job is the decision itself, which
 * must be safe given that fencing. Read README.md beside this file first.
 */
import type { Election, FailoverView, SafetyVerdict } from 'ddia-workbook/exercise';

/**
 * Decides whether failing over now is safe: `{ safe: true }`, or `{ safe: false, reason }` with the
 * reason in words. The harness checks that you never fail over while the suspected leader answers,
 * never when an acknowledged write could sit only on members you did not hear from, and that you do
 * fail over when it is safe (the cluster has to recover).
 */
export function validateSafeFailover(view: FailoverView): SafetyVerdict {
  const leader = view.members.find((m) => m.id === view.suspectedLeader);
  if (leader !== undefined && leader.reachable) {
    return { safe: false, reason: `${view.suspectedLeader} still answers: it is slow, not dead` };
  }
  const reachable = view.members.filter((m) => m.reachable).length;
  if (reachable * 2 <= view.members.length) {
    return { safe: false, reason: `only ${reachable} of ${view.members.length} members answered; a majority is needed` };
  }
  return { safe: true };
}

/**
 * Picks the new leader and its epoch: `{ leader, epoch }`. Called only after `validateSafeFailover`
 * said safe. The harness checks that the leader answered, is not the suspected leader and holds every
 * acknowledged write (some views hold a longer log that is the wrong choice), and that no member in
 * sight has accepted the new epoch already.
 */
export function electNewLeader(view: FailoverView): Election {
  const candidates = view.members.filter((m) => m.reachable && m.id !== view.suspectedLeader);
  let best = candidates[0]!;
  for (const m of candidates) {
    if (m.lastEpoch > best.lastEpoch || (m.lastEpoch === best.lastEpoch && m.lastLsn > best.lastLsn)) best = m;
  }
  let epoch = view.epoch;
  for (const m of view.members) if (m.reachable && m.epoch > epoch) epoch = m.epoch;
  return { leader: best.id, epoch: epoch + 1 };
}
