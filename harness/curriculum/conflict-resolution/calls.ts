/**
 * The first learner call of a run outside its acceptable set (B.6), with the run's tie decisions:
 * for each unordered pair of distinct versions with equal timestamps, which one was kept, and the
 * directed graph of those decisions. A tie already decided must be decided the same way, in either
 * argument order, by either function; one that earlier decisions order transitively must follow
 * them (keeping the other closes a cycle).
 */
import { showProfile, showVersion, type ResolverCall } from '../../checkers/index.ts';
import { referenceLastWriteWins, referenceMergeProfiles, referenceNextTimestamp, sameVersion, versionKey } from '../../cluster/index.ts';
import type { Profile, Stamped } from '../../exercise/index.ts';
import { statedBy, type StatedExpectation } from '../expectation.ts';
import { LWW_ANSWERS, lwwAccepts, MERGE_ANSWERS, mergeAccepts, NEXT_TIMESTAMP_ANSWERS, nextTimestampAccepts, type TieConstraint } from './acceptable.ts';

export interface BadCall {
  readonly t: number;
  readonly node: string;
  readonly text: string;
  readonly expected: StatedExpectation;
}

interface Decision {
  readonly kept: string;
  readonly t: number;
  readonly node: string;
}

const isTie = (a: Stamped<string>, b: Stamped<string>): boolean => a.timestamp === b.timestamp && versionKey(a) !== versionKey(b);
const pairKey = (a: string, b: string): string => (a < b ? `${a}/${b}` : `${b}/${a}`);

/** The run's tie decisions so far. */
class Ties {
  private readonly decided = new Map<string, Decision>();
  private readonly beats = new Map<string, Set<string>>();

  constraint(a: Stamped<string>, b: Stamped<string>): TieConstraint & { readonly earlier?: Decision; readonly transitive?: boolean } {
    const [ka, kb] = [versionKey(a), versionKey(b)];
    const earlier = this.decided.get(pairKey(ka, kb));
    if (earlier !== undefined) return { mustKeep: earlier.kept, earlier };
    if (this.reaches(ka, kb)) return { mustKeep: ka, transitive: true };
    if (this.reaches(kb, ka)) return { mustKeep: kb, transitive: true };
    return {};
  }

  record(a: Stamped<string>, b: Stamped<string>, kept: Stamped<string>, t: number, node: string): void {
    const [ka, kb, kk] = [versionKey(a), versionKey(b), versionKey(kept)];
    if (this.decided.has(pairKey(ka, kb))) return;
    this.decided.set(pairKey(ka, kb), { kept: kk, t, node });
    const lost = kk === ka ? kb : ka;
    (this.beats.get(kk) ?? (this.beats.set(kk, new Set()), this.beats.get(kk)!)).add(lost);
  }

  private reaches(from: string, to: string): boolean {
    const todo = [from];
    const done = new Set<string>();
    while (todo.length > 0) {
      const k = todo.pop()!;
      if (k === to) return true;
      if (done.has(k)) continue;
      done.add(k);
      todo.push(...(this.beats.get(k) ?? []));
    }
    return false;
  }
}

/** A version of a tie by its write id, and by its leader too when both are one write accepted twice. */
const named = (s: Stamped<string>, a: Stamped<string>, b: Stamped<string>): string => (a.write === b.write ? `${s.write} from ${s.leader}` : s.write);

/** Why the kept version of a tie is not acceptable, given the earlier decisions. */
function tieText(a: Stamped<string>, b: Stamped<string>, kept: Stamped<string>, c: ReturnType<Ties['constraint']>): string {
  const other = versionKey(kept) === versionKey(a) ? b : a;
  if (c.earlier !== undefined) return `; at t=${c.earlier.t} ms ${c.earlier.node}, with the same two, kept ${named(other, a, b)}. Decide ties by something both orders agree on${a.write === b.write ? ': one write accepted by two leaders has one write id, so compare the leader' : ''}`;
  return `; earlier ties in this run already rank ${named(other, a, b)} above ${named(kept, a, b)} through other versions, so keeping ${named(kept, a, b)} goes round in a circle. Decide ties by one total order`;
}

/** The version a tie must keep under its constraint, or the reference's. */
const allowed = (a: Stamped<string>, b: Stamped<string>, c: TieConstraint): Stamped<string> => (c.mustKeep === undefined ? referenceLastWriteWins(a, b) : versionKey(a) === c.mustKeep ? a : b);

export function firstBadCall(calls: readonly ResolverCall[]): BadCall | undefined {
  const ties = new Ties();
  for (const call of calls) {
    const at = `at t=${call.t} ms ${call.node} called`;
    if (call.fn === 'lastWriteWins') {
      const [a, b] = call.args as [Stamped<string>, Stamped<string>];
      const got = call.answer as Stamped<string>;
      const c = isTie(a, b) ? ties.constraint(a, b) : {};
      const q = { a, b, tie: c };
      if (!lwwAccepts(q, got)) {
        const want = allowed(a, b, c);
        const head = `${at} lastWriteWins(${showVersion(a)}, ${showVersion(b)}) and you `;
        const text = !sameVersion(got, a) && !sameVersion(got, b) ? `${head}returned ${showVersion(got)}, neither argument; acceptable: ${showVersion(want)}` : a.timestamp !== b.timestamp ? `${head}kept ${got.write}; acceptable: ${want.write}, the higher timestamp` : `${head}kept ${named(got, a, b)}${tieText(a, b, got, c)}`;
        return { t: call.t, node: call.node, text, expected: statedBy(LWW_ANSWERS, q, got as unknown, [want]) };
      }
      if (isTie(a, b)) ties.record(a, b, got, call.t, call.node);
      continue;
    }
    if (call.fn === 'mergeProfiles') {
      const [a, b] = call.args as [Profile, Profile];
      const got = call.answer as Profile;
      const constraints: Record<string, ReturnType<Ties['constraint']>> = {};
      for (const f of Object.keys(a.fields)) {
        const [x, y] = [a.fields[f], b.fields[f]];
        if (x && y && isTie(x, y)) constraints[f] = ties.constraint(x, y);
      }
      const q = { a, b, ties: constraints };
      if (!mergeAccepts(q, got)) {
        const want = acceptableMerge(a, b, constraints);
        const head = `${at} mergeProfiles(${showProfile(a)}, ${showProfile(b)}) and you returned ${showProfile(got)}`;
        const tied = Object.entries(constraints).find(([f]) => got.fields[f] !== undefined && !lwwAccepts({ a: a.fields[f]!, b: b.fields[f]!, tie: constraints[f]! }, got.fields[f]));
        const text = tied !== undefined ? `${head}: field ${tied[0]} kept ${named(got.fields[tied[0]]!, a.fields[tied[0]]!, b.fields[tied[0]]!)}${tieText(a.fields[tied[0]]!, b.fields[tied[0]]!, got.fields[tied[0]]!, tied[1])}` : `${head}; acceptable: ${showProfile(want)}`;
        return { t: call.t, node: call.node, text, expected: statedBy(MERGE_ANSWERS, q, got as unknown, [want]) };
      }
      for (const f of Object.keys(constraints)) ties.record(a.fields[f]!, b.fields[f]!, got.fields[f]!, call.t, call.node);
      continue;
    }
    const [clock, highestSeen] = call.args as [number, number];
    if (!nextTimestampAccepts({ clock, highestSeen }, call.answer)) {
      const want = referenceNextTimestamp(clock, highestSeen);
      return { t: call.t, node: call.node, text: `${at} nextTimestamp(${clock}, ${highestSeen}) and you returned ${JSON.stringify(call.answer)}; acceptable: an integer above ${highestSeen} and at least ${clock}, such as ${want}`, expected: statedBy(NEXT_TIMESTAMP_ANSWERS, { clock, highestSeen }, call.answer, [want]) };
    }
  }
  return undefined;
}

/** The reference merge with each constrained tie kept as the run's earlier decisions require. */
function acceptableMerge(a: Profile, b: Profile, constraints: Readonly<Record<string, TieConstraint>>): Profile {
  const merged = referenceMergeProfiles(a, b);
  const fields = { ...merged.fields };
  for (const [f, c] of Object.entries(constraints)) fields[f] = allowed(a.fields[f]!, b.fields[f]!, c);
  return { fields, interests: merged.interests };
}
