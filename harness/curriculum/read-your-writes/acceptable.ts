/**
 * The acceptable answers of read-your-writes, computed from the harness's bookkeeping of the user's
 * acknowledged writes (never from the learner's session): design §D.3. `W(k)` is the highest position
 * of the user's writes to `k`, `WA` the highest of any key.
 *  - acceptsReply must be false when the reply's version is below W(k), true when its applied
 *    position is at least WA, and may be either in between (a per-key and a global token both fit).
 *  - chooseReplica may pick a reachable follower hinted at least W(k); the leader when none is hinted
 *    at least WA; and, with no leader known and nothing so hinted, null (wait) or any offered member.
 *  - sessionKey must be equal for one user's devices and differ across users.
 */
import type { ReadReply, ReplicaStatus } from '../../exercise/index.ts';
import type { AcceptableSet, WrongAnswer } from '../expectation.ts';
import { describeReplicas, forcedVerdict, routeProblem as routeProblemOf, routeSet, show, verdictProblem, verdictSet, type Owed } from '../workloads/replica-reads/index.ts';

/** A write of the user's, acknowledged at `lsn`. */
export interface AckedWrite {
  readonly key: string;
  readonly lsn: number;
}

const highest = (writes: readonly AckedWrite[], key?: string): number => Math.max(0, ...writes.filter((w) => key === undefined || w.key === key).map((w) => w.lsn));

export interface AcceptQuestion {
  readonly writes: readonly AckedWrite[];
  readonly reply: ReadReply;
}

const owed = (q: AcceptQuestion): Owed => ({ forKey: highest(q.writes, q.reply.key), overall: highest(q.writes) });

/** The one answer acceptsReply must give, or undefined when either is fine. */
export const forcedAcceptance = (q: AcceptQuestion): boolean | undefined => forcedVerdict(q.reply, owed(q));

export const ACCEPT_ANSWERS = verdictSet<AcceptQuestion>('read-your-writes/accepts-reply', (q) => ({ reply: q.reply, owed: owed(q) }));

export interface RouteQuestion {
  readonly writes: readonly AckedWrite[];
  readonly key: string;
  readonly replicas: readonly ReplicaStatus[];
}

/** The ids chooseReplica may answer (null standing for "wait"). */
export function acceptableRoutes(q: RouteQuestion): (string | null)[] {
  const followers = q.replicas.filter((r) => r.role === 'follower' && r.reachable);
  const forKey = followers.filter((r) => r.appliedLsn >= highest(q.writes, q.key)).map((r) => r.id);
  const forAll = followers.filter((r) => r.appliedLsn >= highest(q.writes));
  const leader = q.replicas.find((r) => r.role === 'leader');
  if (leader !== undefined) return forAll.length === 0 ? [...forKey, leader.id] : forKey;
  // No leader: a global token finding no follower hinted at WA waits; with none hinted at W(k) either,
  // trying any member is as good as waiting, since acceptsReply still guards the answer.
  if (forKey.length === 0) return [...q.replicas.map((r) => r.id), null];
  return forAll.length === 0 ? [...forKey, null] : forKey;
}

export const ROUTE_ANSWERS = routeSet<RouteQuestion>('read-your-writes/choose-replica', acceptableRoutes);

export interface KeyQuestion {
  /** [user, device] pairs asked in order. */
  readonly asked: readonly (readonly [string, string])[];
}

/** Why the keys returned for `asked` do not give one session per user, or null. */
export function sessionKeyProblem(q: KeyQuestion, keys: readonly unknown[]): string | null {
  const bad = keys.find((k) => typeof k !== 'string');
  if (bad !== undefined) return `sessionKey must return a string, got ${show(bad)}`;
  for (const [i, [u, d]] of q.asked.entries())
    for (const [j, [v, e]] of q.asked.entries()) {
      if (j <= i) continue;
      const same = keys[i] === keys[j];
      if (u === v && !same) return `sessionKey("${u}", "${d}") is ${show(keys[i])} but sessionKey("${v}", "${e}") is ${show(keys[j])}: the two devices of ${u} get different sessions, so a write made on one is unknown to reads from the other`;
      if (u !== v && same) return `sessionKey("${u}", "${d}") and sessionKey("${v}", "${e}") are both ${show(keys[i])}: ${u} and ${v} share one session, so each one's writes send the other's reads to the leader needlessly`;
    }
  return null;
}

export const SESSION_KEY_ANSWERS: AcceptableSet<KeyQuestion, unknown> = {
  name: 'read-your-writes/session-key',
  accepts: (q, a) => Array.isArray(a) && a.length === q.asked.length && sessionKeyProblem(q, a) === null,
};

export const RYW_ANSWER_SETS: readonly AcceptableSet[] = [ACCEPT_ANSWERS, ROUTE_ANSWERS, SESSION_KEY_ANSWERS];

const writesText = (writes: readonly AckedWrite[]): string => (writes.length === 0 ? 'no write acknowledged yet' : `acks ${writes.map((w) => `${w.key}@${w.lsn}`).join(', ')}`);

/** Why the acceptsReply answer is wrong for the question, or null. */
export function acceptProblem(q: AcceptQuestion, answer: unknown): WrongAnswer | null {
  return verdictProblem(ACCEPT_ANSWERS, q, q.reply, owed(q), answer, writesText(q.writes), (forced) =>
    forced
      ? `the reply's member had applied everything up to ${q.reply.appliedLsn}, at or past every write of the user (the newest at lsn ${highest(q.writes)}), so refusing it turns away an answer that has them all`
      : `the reply shows ${q.reply.key} at version ${q.reply.version}, older than the user's own write of it at lsn ${highest(q.writes, q.reply.key)}, so showing it hides their write`,
  );
}

/** Why the chooseReplica answer is wrong for the question, or null. */
export function routeProblem(q: RouteQuestion, answer: unknown): WrongAnswer | null {
  const asked = `after ${writesText(q.writes)}, chooseReplica for ${q.key} over ${describeReplicas(q.replicas)}`;
  return routeProblemOf(ROUTE_ANSWERS, q, acceptableRoutes(q), q.replicas, answer, asked, (chosen) =>
    chosen === undefined ? 'waiting while a replica that can answer is offered delays the read for nothing'
    : chosen.role === 'leader' ? 'a reachable follower is known to have the writes this read needs, so the leader need not serve it'
    : !chosen.reachable ? `${chosen.id} is unreachable, so the read would wait for a timeout`
    : `${chosen.id} is hinted at ${chosen.appliedLsn}, behind the user's write of ${q.key} at lsn ${highest(q.writes, q.key)}, so its answer would be refused`,
  );
}
