/**
 * Exercise 06-replication/03: the failover coordinator's two decisions.
 *
 * The cluster already fences: a probe freezes every member that answers, and a member refuses any
 * leader whose epoch is older than the newest it accepted. Your job is the decision itself, which
 * must be safe given that fencing. Read README.md beside this file first.
 */
import type { Election, FailoverView, SafetyVerdict } from 'ddia-workbook/exercise';

/**
 * Decides whether failing over now is safe.
 * Unsafe while the suspected leader still answers, and unless a strict majority of all members answered.
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
 * Picks the new leader and its epoch. Called only after `validateSafeFailover` said safe.
 * The leader: a reachable member, not the suspected leader, with the most up-to-date log, comparing
 * the epoch of the last entry first and its position second. The epoch: above every epoch in sight.
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
