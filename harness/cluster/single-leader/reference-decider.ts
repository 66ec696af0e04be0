/**
 * The harness's own failover decider (design §1.2), for runs whose exercise is not failover itself
 * (the replication-lag exercises): the failover exercise's rules, written here so that no run depends
 * on a solution file. Fail over only when the suspected leader is silent and a majority answered;
 * elect the answering member with the most advanced log (last epoch, then last position) under an
 * epoch above every one in sight.
 */
import type { Election, FailoverView, SafetyVerdict } from '../../exercise/index.ts';
import type { FailoverDecider } from './coordinator.ts';

export function referenceVerdict(view: FailoverView): SafetyVerdict {
  const leader = view.members.find((m) => m.id === view.suspectedLeader);
  if (leader?.reachable) return { safe: false, reason: `${view.suspectedLeader} still answers` };
  const reachable = view.members.filter((m) => m.reachable).length;
  if (reachable * 2 <= view.members.length) return { safe: false, reason: `only ${reachable} of ${view.members.length} members answered` };
  return { safe: true };
}

export function referenceElection(view: FailoverView): Election {
  const candidates = view.members.filter((m) => m.reachable && m.id !== view.suspectedLeader);
  const best = candidates.reduce((a, m) => (m.lastEpoch > a.lastEpoch || (m.lastEpoch === a.lastEpoch && m.lastLsn > a.lastLsn) ? m : a));
  const epoch = Math.max(view.epoch, ...view.members.filter((m) => m.reachable).map((m) => m.epoch)) + 1;
  return { leader: best.id, epoch };
}

export const referenceFailoverDecider: FailoverDecider = {
  validateSafeFailover: async (view) => ({ ok: true, value: referenceVerdict(view) }),
  electNewLeader: async (view) => ({ ok: true, value: referenceElection(view) }),
};
