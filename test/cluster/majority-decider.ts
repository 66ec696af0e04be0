/** A failover decider for cluster tests that must not depend on an exercise's solution file. */
import type { FailoverDecider } from '../../harness/cluster/index.ts';
import type { Election, FailoverView, SafetyVerdict } from '../../harness/exercise/index.ts';

/** A plain majority decider: enough to drive failovers, and independent of any exercise file. */
export const majorityDecider: FailoverDecider = {
  validateSafeFailover: async (view: FailoverView) => {
    const leader = view.members.find((m) => m.id === view.suspectedLeader);
    const reachable = view.members.filter((m) => m.reachable).length;
    const verdict: SafetyVerdict = leader?.reachable ? { safe: false, reason: 'leader answers' } : reachable * 2 <= view.members.length ? { safe: false, reason: 'no majority' } : { safe: true };
    return { ok: true, value: verdict };
  },
  electNewLeader: async (view: FailoverView) => {
    const candidates = view.members.filter((m) => m.reachable && m.id !== view.suspectedLeader);
    const best = candidates.reduce((a, m) => (m.lastEpoch > a.lastEpoch || (m.lastEpoch === a.lastEpoch && m.lastLsn > a.lastLsn) ? m : a));
    const epoch = Math.max(view.epoch, ...view.members.filter((m) => m.reachable).map((m) => m.epoch)) + 1;
    const election: Election = { leader: best.id, epoch };
    return { ok: true, value: election };
  },
};
