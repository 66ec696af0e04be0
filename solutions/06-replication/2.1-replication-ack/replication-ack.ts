/**
 * Replication acknowledgements (DDIA chapter 6, "Synchronous Versus Asynchronous Replication"):
 * decide how far the leader may acknowledge under a commit policy, and choose the policy a
 * deployment's needs call for. Read README.md first.
 */
import type { AckPolicy, AckView, Deployment, Needs, StandbyProgress } from 'ddia-workbook/exercise';

/**
 * The highest position the leader may acknowledge now: every write at or below it is on the
 * standbys `policy` makes synchronous at this moment, at the stage `policy.level` names (README:
 * "What a policy means"), and no higher position is. A policy that waits for no standby: the
 * leader's own position. A policy that cannot be met right now: 0.
 */
export function ackPosition(policy: AckPolicy, view: AckView): number {
  const { level, sync } = policy;
  if (level === 'local' || sync.names.length === 0) return view.leaderLsn;
  const position = (s: StandbyProgress): number => (level === 'remote_write' ? s.received : level === 'remote_flush' ? s.flushed : s.applied);
  // Candidates in priority order: named, streaming followers only.
  const candidates = sync.names.flatMap((id) => view.standbys.filter((s) => s.id === id && s.streaming));
  if (candidates.length < sync.count) return 0;
  const positions = sync.method === 'first' ? candidates.slice(0, sync.count).map(position) : candidates.map(position).sort((a, b) => b - a).slice(0, sync.count);
  return Math.min(...positions);
}

/** A policy for `deployment` that meets every one of `needs`, and makes writes wait no more than they require (no later stage, no more confirmations). */
export function choosePolicy(deployment: Deployment, needs: Needs): AckPolicy {
  const leaderSite = deployment.members.find((m) => m.id === deployment.leader)!.site;
  const followers = deployment.members.filter((m) => m.id !== deployment.leader);
  const local = followers.filter((m) => m.site === leaderSite).map((m) => m.id);
  const remote = followers.filter((m) => m.site !== leaderSite).map((m) => m.id);
  if (needs.readsSeeAcked) return { level: 'remote_apply', sync: { method: 'first', count: followers.length, names: followers.map((m) => m.id) } };
  if (needs.survive === 'nothing') return { level: 'local', sync: { method: 'first', count: 1, names: [] } };
  // Followers in the leader's site first, so 'first' confirms in the site while they are up.
  const names = [...local, ...remote];
  const count = needs.survive === 'leader-site' ? local.length + 1 : 1;
  return { level: 'remote_flush', sync: { method: 'first', count, names } };
}
