/**
 * The harness's own answers for replication-ack: the reference `ackPosition` (the spec every
 * decision is compared with), the judge of `choosePolicy` (a predicate per need, since many policies
 * meet the same needs), and the acceptable sets both state their expectations from.
 */
import type { AckPolicy, AckView, Deployment, Needs, StandbyProgress } from '../../exercise/index.ts';
import type { AcceptableSet } from '../expectation.ts';

/** The highest position the policy allows acknowledging on this view. */
export function specAckPosition(policy: AckPolicy, view: AckView): number {
  const { level, sync } = policy;
  if (level === 'local' || sync.names.length === 0) return view.leaderLsn;
  const candidates = sync.names.flatMap((id) => view.standbys.filter((s) => s.id === id && s.streaming));
  if (candidates.length < sync.count) return 0;
  const pos = candidates.map((s) => stagePosition(policy, s));
  const chosen = sync.method === 'first' ? pos.slice(0, sync.count) : pos.sort((a, b) => b - a).slice(0, sync.count);
  return Math.min(...chosen);
}

/** The position of the stage a level waits for. */
export function stagePosition(policy: AckPolicy, s: StandbyProgress): number {
  return policy.level === 'remote_write' ? s.received : policy.level === 'remote_flush' ? s.flushed : s.applied;
}

/** One decision: the policy and view asked about, and how far the leader had acknowledged before it. */
export interface AckQuestion {
  readonly policy: AckPolicy;
  readonly view: AckView;
  readonly ackedBefore: number;
}

/**
 * An answer is acceptable when it is no higher than the leader's position and moves the ack point
 * exactly where the spec moves it: any answer at or below the point already reached is as good as
 * the spec's when the spec's is too.
 */
export const ACK_POSITIONS: AcceptableSet<AckQuestion, unknown> = {
  name: 'ack positions',
  accepts: (q, answer) =>
    typeof answer === 'number' && Number.isInteger(answer) && answer >= 0 && answer <= q.view.leaderLsn && Math.max(q.ackedBefore, answer) === Math.max(q.ackedBefore, specAckPosition(q.policy, q.view)),
};

/** A view in a few words: `n2 s 12/10/8` = streaming, received 12, flushed 10, applied 8 (`c` catching up, `d` disconnected). */
export function describeView(view: AckView): string {
  const standbys = view.standbys.map((s) => `${s.id} ${s.streaming ? 's' : s.connected ? 'c' : 'd'} ${s.received}/${s.flushed}/${s.applied}`);
  return `leader at ${view.leaderLsn}; ${standbys.join(', ')}`;
}

export function describePolicy(policy: AckPolicy): string {
  const { level, sync } = policy;
  if (sync.names.length === 0) return `${level}, no synchronous standbys`;
  return `${level} · ${sync.method} ${sync.count} (${sync.names.join(', ')})`;
}

// ——— choosePolicy ———

export type Need = 'durable' | 'fresh' | 'writable' | 'in-site' | 'minimal';

/** A policy question: the deployment and the needs. */
export interface PolicyQuestion {
  readonly deployment: Deployment;
  readonly needs: Needs;
}

const LEVELS = ['local', 'remote_write', 'remote_flush', 'remote_apply'];

/** Why `value` is no policy for this deployment at all, or undefined. */
export function malformedPolicy(q: PolicyQuestion, value: unknown): string | undefined {
  const p = value as Partial<AckPolicy> | null;
  if (typeof p !== 'object' || p === null) return `choosePolicy must return { level, sync }, got ${show(value)}`;
  if (!LEVELS.includes(p.level as string)) return `level must be one of ${LEVELS.join(', ')}, got ${show(p.level)}`;
  const s = p.sync as Partial<AckPolicy['sync']> | undefined;
  if (typeof s !== 'object' || s === null) return `sync must be { method, count, names }, got ${show(s)}`;
  if (s.method !== 'first' && s.method !== 'any') return `sync.method must be 'first' or 'any', got ${show(s.method)}`;
  if (!Array.isArray(s.names)) return `sync.names must be an array of follower ids, got ${show(s.names)}`;
  const followers = followersOf(q.deployment);
  for (const n of s.names) {
    if (n === q.deployment.leader) return `sync.names lists the leader ${n}: only followers can be standbys`;
    if (!followers.includes(n as string)) return `sync.names lists ${show(n)}, which is no follower of this deployment`;
  }
  if (new Set(s.names).size !== s.names.length) return `sync.names lists a follower twice: ${show(s.names)}`;
  if (s.names.length > 0 && (!Number.isInteger(s.count) || (s.count as number) < 1 || (s.count as number) > s.names.length))
    return `sync.count must be a whole number from 1 to ${s.names.length} (the names given), got ${show(s.count)}`;
  return undefined;
}

export function followersOf(d: Deployment): string[] {
  return d.members.filter((m) => m.id !== d.leader).map((m) => m.id);
}

function siteOf(d: Deployment, id: string): string {
  return d.members.find((m) => m.id === id)!.site;
}

/**
 * The first need `policy` does not meet, with the failure that defeats it in words, or undefined.
 * `minimal` is judged only when `withMinimal`.
 */
export function unmetNeed(q: PolicyQuestion, policy: AckPolicy, withMinimal: boolean): { need: Need; why: string } | undefined {
  const { deployment: d, needs } = q;
  const leaderSite = siteOf(d, d.leader);
  const F = followersOf(d);
  const E = F.filter((id) => siteOf(d, id) === leaderSite);
  const N = policy.sync.names;
  const k = policy.sync.count;
  const async = policy.level === 'local' || N.length === 0;
  const inE = N.filter((id) => E.includes(id)).length;
  const shown = describePolicy(policy);
  if (needs.survive !== 'nothing') {
    if (async) return { need: 'durable', why: `lose the leader ${d.leader} while the others lose power: ${shown} acknowledges on the leader's disk alone` };
    if (policy.level === 'remote_write') return { need: 'durable', why: `lose the leader ${d.leader} while the others lose power: ${shown} acknowledges once a standby holds the write in memory, and the power loss wipes that` };
    if (needs.survive === 'leader-site' && k <= inE)
      return { need: 'durable', why: `lose site ${leaderSite} (${[d.leader, ...E].join(', ')}) while the others lose power: ${shown} can acknowledge on followers in ${leaderSite} alone` };
  }
  if (needs.readsSeeAcked && (policy.level !== 'remote_apply' || N.length !== F.length || k !== F.length))
    return { need: 'fresh', why: `a read on a follower right after an acknowledgement: ${shown} does not make every follower apply the write first (that takes remote_apply with every follower named and counted)` };
  if (!async) {
    if (needs.writableWithout === 'one-follower' && N.length - 1 < k) return { need: 'writable', why: `with one named follower down, ${shown} has fewer than ${k} named standbys left to confirm, so writes stop` };
    if (needs.writableWithout === 'one-remote-site') {
      const sites = [...new Set(d.members.map((m) => m.site))].filter((s) => s !== leaderSite);
      const down = sites.find((s) => N.filter((id) => siteOf(d, id) !== s).length < k);
      if (down !== undefined) return { need: 'writable', why: `with site ${down} down, ${shown} has fewer than ${k} named standbys left to confirm, so writes stop` };
    }
    if (needs.ackInSite) {
      const local = policy.sync.method === 'any' ? inE >= k : N.slice(0, k).every((id) => E.includes(id));
      if (!local) return { need: 'in-site', why: `with every member up, ${shown} can wait for a follower outside ${leaderSite}` };
    }
  }
  if (!withMinimal) return undefined;
  const level = needs.readsSeeAcked ? 'remote_apply' : needs.survive !== 'nothing' ? 'remote_flush' : 'async';
  if (level === 'async') return async ? undefined : { need: 'minimal', why: `nothing needs a standby, yet ${shown} makes writes wait for one` };
  if (policy.level !== level) return { need: 'minimal', why: `${shown} waits for ${policy.level}, but ${level} already meets the needs` };
  const smallest = needs.readsSeeAcked ? F.length : needs.survive === 'leader-site' ? inE + 1 : 1;
  if (k > smallest) return { need: 'minimal', why: `${shown} waits for ${k} confirmations, but ${smallest} already meet the needs with these names` };
  return undefined;
}

/** A policy meeting every need with the least waiting, built from the needs (the judge's witness that they can be met). */
export function witnessPolicy(q: PolicyQuestion): AckPolicy {
  const { deployment: d, needs } = q;
  const leaderSite = siteOf(d, d.leader);
  const F = followersOf(d);
  const E = F.filter((id) => siteOf(d, id) === leaderSite);
  if (needs.readsSeeAcked) return { level: 'remote_apply', sync: { method: 'first', count: F.length, names: F } };
  if (needs.survive === 'nothing') return { level: 'local', sync: { method: 'first', count: 1, names: [] } };
  return { level: 'remote_flush', sync: { method: 'first', count: needs.survive === 'leader-site' ? E.length + 1 : 1, names: [...E, ...F.filter((id) => !E.includes(id))] } };
}

/**
 * Needs are satisfiable exactly when the witness meets them: it names every follower (so every
 * count and site condition is as easy as it gets), those in the leader's site first. Surviving the
 * loss of the leader's site with every follower in it cannot be met: the witness then asks for more
 * confirmations than there are followers.
 */
export function satisfiable(q: PolicyQuestion): boolean {
  const w = witnessPolicy(q);
  return malformedPolicy(q, w) === undefined && unmetNeed(q, w, false) === undefined;
}

export const MEETS_THE_NEEDS: AcceptableSet<PolicyQuestion, unknown> = {
  name: 'policies meeting the needs',
  accepts: (q, a) => malformedPolicy(q, a) === undefined && unmetNeed(q, a as AckPolicy, false) === undefined,
};

export const WAITS_NO_MORE: AcceptableSet<PolicyQuestion, unknown> = {
  name: 'least-waiting policies meeting the needs',
  accepts: (q, a) => malformedPolicy(q, a) === undefined && unmetNeed(q, a as AckPolicy, true) === undefined,
};

export function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
