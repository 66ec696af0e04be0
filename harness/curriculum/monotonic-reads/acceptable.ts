/**
 * The acceptable answers of monotonic reads, computed from the harness's bookkeeping of what the
 * user was shown (never from the learner's session): design §E.3. `A` is the highest applied
 * position of the replies shown, `V` the highest version shown (of any key), `V(k)` of key k.
 *  - acceptsReply must be false when the reply's version is below V(k), true when its applied
 *    position is at least A, and may be either in between (an appliedLsn and a version token both fit).
 *  - chooseReplica must go home when home is offered, reachable and hinted at least A; otherwise it
 *    may go home (offered and reachable), to a reachable follower hinted at least V, or to the leader
 *    when no follower is hinted at least A; with no leader known and none of those, anything offered
 *    or null. Null is also fine without a leader when no follower is hinted at least A: that is
 *    where the appliedLsn token waits.
 */
import type { ReadReply, ReplicaStatus } from '../../exercise/index.ts';
import type { AcceptableSet, WrongAnswer } from '../expectation.ts';
import { describeReplicas, forcedVerdict, routeProblem as routeProblemOf, routeSet, verdictProblem, verdictSet, type Owed } from '../workloads/replica-reads/index.ts';

/** A reply shown to the user earlier (what the bookkeeping keeps of it). */
export interface ShownReply {
  readonly key: string;
  readonly version: number;
  readonly appliedLsn: number;
}

const highestApplied = (shown: readonly ShownReply[]): number => Math.max(0, ...shown.map((r) => r.appliedLsn));
const highestVersion = (shown: readonly ShownReply[], key?: string): number => Math.max(0, ...shown.filter((r) => key === undefined || r.key === key).map((r) => r.version));

export interface AcceptQuestion {
  readonly shown: readonly ShownReply[];
  readonly reply: ReadReply;
}

const owed = (q: AcceptQuestion): Owed => ({ forKey: highestVersion(q.shown, q.reply.key), overall: highestApplied(q.shown) });

/** The one answer acceptsReply must give, or undefined when either is fine. */
export const forcedAcceptance = (q: AcceptQuestion): boolean | undefined => forcedVerdict(q.reply, owed(q));

export const ACCEPT_ANSWERS = verdictSet<AcceptQuestion>('monotonic-reads/accepts-reply', (q) => ({ reply: q.reply, owed: owed(q) }));

export interface RouteQuestion {
  readonly shown: readonly ShownReply[];
  readonly home: string;
  readonly replicas: readonly ReplicaStatus[];
}

/** The ids chooseReplica may answer (null standing for "wait"). */
export function acceptableRoutes(q: RouteQuestion): (string | null)[] {
  const A = highestApplied(q.shown);
  const V = highestVersion(q.shown);
  const followers = q.replicas.filter((r) => r.role === 'follower' && r.reachable);
  const home = followers.find((r) => r.id === q.home);
  if (home !== undefined && home.appliedLsn >= A) return [home.id];
  const atA = followers.filter((r) => r.appliedLsn >= A);
  const leader = q.replicas.find((r) => r.role === 'leader');
  const ok = new Set<string | null>([...(home ? [home.id] : []), ...followers.filter((r) => r.appliedLsn >= V).map((r) => r.id)]);
  if (atA.length === 0 && leader !== undefined) ok.add(leader.id);
  if (leader === undefined && ok.size === 0) for (const r of q.replicas) ok.add(r.id);
  if (leader === undefined && atA.length === 0) ok.add(null);
  return [...ok];
}

export const ROUTE_ANSWERS = routeSet<RouteQuestion>('monotonic-reads/choose-replica', acceptableRoutes);

export const MONOTONIC_ANSWER_SETS: readonly AcceptableSet[] = [ACCEPT_ANSWERS, ROUTE_ANSWERS];

const shownText = (shown: readonly ShownReply[]): string => (shown.length === 0 ? 'nothing shown yet' : `shown ${shown.map((r) => `${r.key} v${r.version} (applied ${r.appliedLsn})`).join(', ')}`);

/** Why the acceptsReply answer is wrong for the question, or null. */
export function acceptProblem(q: AcceptQuestion, answer: unknown): WrongAnswer | null {
  return verdictProblem(ACCEPT_ANSWERS, q, q.reply, owed(q), answer, shownText(q.shown), (forced) =>
    forced
      ? `the reply's member had applied up to ${q.reply.appliedLsn}, at or past everything the user was shown (applied ${highestApplied(q.shown)}), so it cannot be older than anything they saw`
      : `the user was already shown ${q.reply.key} at version ${highestVersion(q.shown, q.reply.key)}, so version ${q.reply.version} would take them back in time`,
  );
}

/** Why the chooseReplica answer is wrong for the question, or null. */
export function routeProblem(q: RouteQuestion, answer: unknown): WrongAnswer | null {
  const ok = acceptableRoutes(q);
  const home = q.replicas.find((r) => r.id === q.home);
  const asked = `after ${shownText(q.shown)}, chooseReplica with home ${q.home} over ${describeReplicas(q.replicas)}`;
  return routeProblemOf(ROUTE_ANSWERS, q, ok, q.replicas, answer, asked, (chosen) =>
    chosen === undefined ? 'waiting while a replica that can serve the user is offered delays the read for nothing'
    : ok.length === 1 && ok[0] === q.home ? `home ${q.home} is reachable and hinted at ${home?.appliedLsn}, as far as anything the user was shown, so the read stays home`
    : chosen.role === 'leader' ? 'a reachable follower can serve the user, so the leader need not'
    : !chosen.reachable ? `${chosen.id} is unreachable, so the read would wait for a timeout`
    : `${chosen.id} is hinted at ${chosen.appliedLsn}, behind what the user was shown, so its answer would be refused`,
  );
}
