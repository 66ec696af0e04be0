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
import { statedBy, type AcceptableSet, type WrongAnswer } from '../expectation.ts';
import { describeReplicas, describeReply, offeredChoiceProblem, show } from '../workloads/replica-reads/index.ts';

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

/** The one answer acceptsReply must give, or undefined when either is fine. */
export function forcedAcceptance(q: AcceptQuestion): boolean | undefined {
  if (q.reply.version < highest(q.writes, q.reply.key)) return false;
  if (q.reply.appliedLsn >= highest(q.writes)) return true;
  return undefined;
}

export const ACCEPT_ANSWERS: AcceptableSet<AcceptQuestion, unknown> = {
  name: 'read-your-writes/accepts-reply',
  accepts: (q, a) => typeof a === 'boolean' && (forcedAcceptance(q) ?? a) === a,
};

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

export const ROUTE_ANSWERS: AcceptableSet<RouteQuestion, unknown> = {
  name: 'read-your-writes/choose-replica',
  accepts: (q, a) => (a === null || typeof a === 'string') && acceptableRoutes(q).includes(a),
};

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
  if (ACCEPT_ANSWERS.accepts(q, answer)) return null;
  const forced = forcedAcceptance(q);
  const stated = forced === undefined ? [true, false] : [forced];
  const expected = statedBy(ACCEPT_ANSWERS, q, answer, stated);
  if (typeof answer !== 'boolean') return { text: `acceptsReply must return true or false, got ${show(answer)}`, expected };
  const why = forced === false
    ? `the reply shows ${q.reply.key} at version ${q.reply.version}, older than the user's own write of it at lsn ${highest(q.writes, q.reply.key)}, so showing it hides their write`
    : `the reply's member had applied everything up to ${q.reply.appliedLsn}, at or past every write of the user (the newest at lsn ${highest(q.writes)}), so refusing it turns away an answer that has them all`;
  return { text: `after ${writesText(q.writes)}, acceptsReply(${describeReply(q.reply)}) returned ${answer}; acceptable: ${forced}, because ${why}`, expected };
}

/** Why the chooseReplica answer is wrong for the question, or null. */
export function routeProblem(q: RouteQuestion, answer: unknown): WrongAnswer | null {
  if (ROUTE_ANSWERS.accepts(q, answer)) return null;
  const ok = acceptableRoutes(q);
  const expected = statedBy(ROUTE_ANSWERS, q, answer, ok);
  const shape = offeredChoiceProblem(answer, q.replicas);
  if (shape !== null) return { text: shape, expected };
  const list = ok.map((x) => (x === null ? 'null' : x)).join(' or ');
  const chosen = q.replicas.find((r) => r.id === answer);
  const why =
    chosen === undefined ? 'waiting while a replica that can answer is offered delays the read for nothing'
    : chosen.role === 'leader' ? 'a reachable follower is known to have the writes this read needs, so the leader need not serve it'
    : !chosen.reachable ? `${chosen.id} is unreachable, so the read would wait for a timeout`
    : `${chosen.id} is hinted at ${chosen.appliedLsn}, behind the user's write of ${q.key} at lsn ${highest(q.writes, q.key)}, so its answer would be refused`;
  return { text: `after ${writesText(q.writes)}, chooseReplica for ${q.key} over ${describeReplicas(q.replicas)} returned ${show(answer)}; acceptable: ${list}, because ${why}`, expected };
}
