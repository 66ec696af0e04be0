/**
 * What the three functions may answer (B.6). `lastWriteWins(a, b)`: one of its arguments (an equal
 * copy is fine), the higher timestamp when they differ; on a tie between distinct versions either,
 * unless this run already decided that pair (then the same one, in either order) or keeping it would
 * close a cycle of tie decisions. `mergeProfiles`: the union of field names, a one-sided field as it
 * is, a shared one acceptable for `lastWriteWins` (with the same bookkeeping), the union of interests
 * each once. `nextTimestamp`: an integer above `highestSeen` and at least `clock`.
 */
import { interestSet, profileProblem, sameVersion, stampedProblem, versionKey } from '../../cluster/index.ts';
import type { Profile, Stamped } from '../../exercise/index.ts';
import type { AcceptableSet } from '../expectation.ts';

/** A tie's constraint from earlier decisions of the run: the version that must be kept, or one that must not (it would close a cycle). */
export interface TieConstraint {
  readonly mustKeep?: string;
  readonly mustNotKeep?: string;
}

export interface LwwQuestion {
  readonly a: Stamped<string>;
  readonly b: Stamped<string>;
  readonly tie?: TieConstraint;
}

export function lwwAccepts(q: LwwQuestion, answer: unknown): boolean {
  if (stampedProblem(answer) !== null) return false;
  const got = answer as Stamped<string>;
  const { a, b } = q;
  if (!sameVersion(got, a) && !sameVersion(got, b)) return false;
  if (a.timestamp !== b.timestamp) return sameVersion(got, a.timestamp > b.timestamp ? a : b);
  if (versionKey(a) === versionKey(b)) return true;
  const kept = versionKey(got);
  if (q.tie?.mustKeep !== undefined && kept !== q.tie.mustKeep) return false;
  return q.tie?.mustNotKeep === undefined || kept !== q.tie.mustNotKeep;
}

export const LWW_ANSWERS: AcceptableSet<LwwQuestion, unknown> = { name: 'conflict-resolution/lastWriteWins', accepts: lwwAccepts };

export interface MergeQuestion {
  readonly a: Profile;
  readonly b: Profile;
  /** Per shared field, what earlier tie decisions require. */
  readonly ties?: Readonly<Record<string, TieConstraint>>;
}

export function mergeAccepts(q: MergeQuestion, answer: unknown): boolean {
  if (profileProblem(answer) !== null) return false;
  const got = answer as Profile;
  const names = new Set([...Object.keys(q.a.fields), ...Object.keys(q.b.fields)]);
  if (Object.keys(got.fields).length !== names.size) return false;
  for (const f of names) {
    const [x, y, g] = [q.a.fields[f], q.b.fields[f], got.fields[f]];
    if (g === undefined) return false;
    if (x && y ? !lwwAccepts({ a: x, b: y, ...(q.ties?.[f] ? { tie: q.ties[f] } : {}) }, g) : !sameVersion(g, (x ?? y)!)) return false;
  }
  const want = new Set([...q.a.interests, ...q.b.interests]);
  return got.interests.length === want.size && got.interests.every((i) => want.has(i)) && interestSet(got).size === want.size;
}

export const MERGE_ANSWERS: AcceptableSet<MergeQuestion, unknown> = { name: 'conflict-resolution/mergeProfiles', accepts: mergeAccepts };

export interface ClockQuestion {
  readonly clock: number;
  readonly highestSeen: number;
}

export const nextTimestampAccepts = (q: ClockQuestion, answer: unknown): boolean => typeof answer === 'number' && Number.isInteger(answer) && answer > q.highestSeen && answer >= q.clock;

export const NEXT_TIMESTAMP_ANSWERS: AcceptableSet<ClockQuestion, unknown> = { name: 'conflict-resolution/nextTimestamp', accepts: nextTimestampAccepts };

export const CONFLICT_ANSWER_SETS: readonly AcceptableSet[] = [LWW_ANSWERS, MERGE_ANSWERS, NEXT_TIMESTAMP_ANSWERS];
