/**
 * The scaffolding both replica-read exercises judge with: acceptsReply is forced false when the
 * reply's version is below what the user is owed for its key, forced true when the reply's member
 * had applied at least as far as everything the user is owed, and free in between; chooseReplica's
 * set is a list of offered ids (null: wait). Each exercise supplies the bookkeeping and the words.
 */
import type { ReadReply, ReplicaStatus } from '../../../exercise/index.ts';
import { statedBy, type AcceptableSet, type WrongAnswer } from '../../expectation.ts';
import { describeReply, offeredChoiceProblem, show } from './describe.ts';

/** What the bookkeeping owes a read: the version of its key, and the applied position that covers everything. */
export interface Owed {
  readonly forKey: number;
  readonly overall: number;
}

/** The one answer acceptsReply must give, or undefined when either is fine. */
export function forcedVerdict(reply: ReadReply, owed: Owed): boolean | undefined {
  if (reply.version < owed.forKey) return false;
  if (reply.appliedLsn >= owed.overall) return true;
  return undefined;
}

/** acceptsReply's set for questions whose reply and bookkeeping `parts` extracts. */
export function verdictSet<Q>(name: string, parts: (q: Q) => { reply: ReadReply; owed: Owed }): AcceptableSet<Q, unknown> {
  return {
    name,
    accepts: (q, a) => {
      const { reply, owed } = parts(q);
      return typeof a === 'boolean' && (forcedVerdict(reply, owed) ?? a) === a;
    },
  };
}

/** chooseReplica's set for questions whose acceptable routes `routes` lists. */
export function routeSet<Q>(name: string, routes: (q: Q) => readonly (string | null)[]): AcceptableSet<Q, unknown> {
  return { name, accepts: (q, a) => (a === null || typeof a === 'string') && routes(q).includes(a) };
}

/** Why an acceptsReply answer is outside `set`, in words (`why` says why the forced answer is forced), or null. */
export function verdictProblem<Q>(set: AcceptableSet<Q, unknown>, q: Q, reply: ReadReply, owed: Owed, answer: unknown, before: string, why: (forced: boolean) => string): WrongAnswer | null {
  if (set.accepts(q, answer)) return null;
  const forced = forcedVerdict(reply, owed);
  const expected = statedBy(set, q, answer, forced === undefined ? [true, false] : [forced]);
  if (typeof answer !== 'boolean' || forced === undefined) return { text: `acceptsReply must return true or false, got ${show(answer)}`, expected };
  return { text: `after ${before}, acceptsReply(${describeReply(reply)}) returned ${answer}; acceptable: ${forced}, because ${why(forced)}`, expected };
}

/** Why a chooseReplica answer is outside `set`, in words (`why` says what is wrong with the replica chosen, or with waiting), or null. */
export function routeProblem<Q>(set: AcceptableSet<Q, unknown>, q: Q, ok: readonly (string | null)[], replicas: readonly ReplicaStatus[], answer: unknown, asked: string, why: (chosen: ReplicaStatus | undefined) => string): WrongAnswer | null {
  if (set.accepts(q, answer)) return null;
  const expected = statedBy(set, q, answer, ok);
  const shape = offeredChoiceProblem(answer, replicas);
  if (shape !== null) return { text: shape, expected };
  const list = ok.map((x) => (x === null ? 'null' : x)).join(' or ');
  return { text: `${asked} returned ${show(answer)}; acceptable: ${list}, because ${why(replicas.find((r) => r.id === answer))}`, expected };
}
