/**
 * The acceptable answers of the three sloppy-quorum decisions, judged against what they were shown.
 * Order never matters; which fallback stands in for which home follows the preference list.
 */
import { chooseTargets, type StoredHint } from '../../cluster/index.ts';
import { statedBy, type AcceptableSet, type WrongAnswer } from '../expectation.ts';

const hintId = (h: { key: unknown; hintFor: unknown; version: unknown }): string => `${String(h.key)} v${String(h.version)} for ${String(h.hintFor)}`;
const show = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};
const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
const list = (xs: readonly string[]): string => (xs.length === 0 ? 'none' : xs.join(', '));

/** The write targets a correct `chooseWriteTargets` returns. */
export function expectedTargets(preferenceList: readonly string[], n: number, reachable: readonly string[]): string[] {
  return chooseTargets(preferenceList, n, (node) => reachable.includes(node)).map((t) => (t.hintFor ? `${t.node} for ${t.hintFor}` : t.node));
}

/** What `chooseWriteTargets` was asked. */
export interface TargetsQuestion {
  readonly list: readonly string[];
  readonly n: number;
  readonly reachable: readonly string[];
}

/** The targets a correct `chooseWriteTargets` may return: the reference's, in any order. */
export const TARGET_ANSWERS: AcceptableSet<TargetsQuestion, unknown> = {
  name: 'sloppy-quorum/targets',
  accepts: (q, answer) => judgeTargets(q.list, q.n, q.reachable, answer) === null,
};

/** What `hintsToHandOff` answered: the hints it returned, and the removals it made meanwhile. */
export interface HandoffAnswer {
  readonly returned: unknown;
  readonly removed: readonly unknown[][];
}

/** The hand-offs a correct `hintsToHandOff` may make: every hint for the recovered replica, removing none. */
export const HANDOFF_ANSWERS: AcceptableSet<{ readonly hints: readonly StoredHint[]; readonly recovered: string }, HandoffAnswer> = {
  name: 'sloppy-quorum/handoff',
  accepts: (q, a) => judgeHandoff(q.hints, q.recovered, a.returned, a.removed) === null,
};

/** What `onHandoffAck` was told. */
export interface AckQuestion {
  readonly hints: readonly StoredHint[];
  readonly from: string;
  readonly key: string;
  readonly version: number;
}

/** The removals a correct `onHandoffAck` may make: exactly the acknowledged hints, in any order. */
export const ACK_ANSWERS: AcceptableSet<AckQuestion, { readonly removed: readonly unknown[][] }> = {
  name: 'sloppy-quorum/ack',
  accepts: (q, a) => judgeAck(q.hints, q.from, q.key, q.version, a.removed) === null,
};

export const SLOPPY_ANSWER_SETS: readonly AcceptableSet[] = [TARGET_ANSWERS, HANDOFF_ANSWERS, ACK_ANSWERS];

/** Why `answer` is not the targets to choose, or null when it is. */
export function judgeTargets(preferenceList: readonly string[], n: number, reachable: readonly string[], answer: unknown): string | null {
  return targetsProblem(preferenceList, n, reachable, answer)?.text ?? null;
}

/** `judgeTargets` with the targets its words name, as data. */
export function targetsProblem(preferenceList: readonly string[], n: number, reachable: readonly string[], answer: unknown): WrongAnswer | null {
  const reference = chooseTargets(preferenceList, n, (node) => reachable.includes(node)).map((t) => (t.hintFor ? { node: t.node, hintFor: t.hintFor } : { node: t.node }));
  const wrong = (text: string): WrongAnswer => ({ text, expected: statedBy(TARGET_ANSWERS, { list: preferenceList, n, reachable }, answer, [reference]) });
  if (!Array.isArray(answer) || !answer.every((t) => typeof t === 'object' && t !== null && typeof t.node === 'string' && (t.hintFor === undefined || typeof t.hintFor === 'string')))
    return wrong(`chooseWriteTargets must return an array of { node, hintFor? }, got ${show(answer)}`);
  const got = (answer as { node: string; hintFor?: string }[]).map((t) => (t.hintFor ? `${t.node} for ${t.hintFor}` : t.node));
  const want = expectedTargets(preferenceList, n, reachable);
  if (sameSet(got, want)) return null;
  return wrong(`for preference list ${preferenceList.join(', ')} (n=${n}, reachable: ${list(reachable)}) you chose ${list(got)}; acceptable: ${list(want)}`);
}

/** Why a hand-off answer is wrong, or null. Sending must remove nothing. */
export function judgeHandoff(hints: readonly StoredHint[], recovered: string, answer: unknown, removed: readonly unknown[][]): string | null {
  return handoffProblem(hints, recovered, answer, removed)?.text ?? null;
}

/** `judgeHandoff` with the hand-off its words name, as data. */
export function handoffProblem(hints: readonly StoredHint[], recovered: string, answer: unknown, removed: readonly unknown[][]): WrongAnswer | null {
  const wanted = hints.filter((h) => h.hintFor === recovered);
  const wrong = (text: string): WrongAnswer => ({ text, expected: statedBy(HANDOFF_ANSWERS, { hints, recovered }, { returned: answer, removed }, [{ returned: wanted, removed: [] }]) });
  if (!Array.isArray(answer)) return wrong(`hintsToHandOff must return an array of hints, got ${show(answer)}`);
  const got = answer.map((h) => hintId(h as StoredHint));
  const want = wanted.map(hintId);
  if (removed.length > 0)
    return wrong(`hintsToHandOff(…, ${recovered}) removed ${removed.map(([k, f, v]) => hintId({ key: k, hintFor: f, version: v })).join(', ')} on sending; a hint may be dropped only once its home replica acknowledged it`);
  if (sameSet(got, want)) return null;
  return wrong(`hintsToHandOff(…, ${recovered}) with hints [${list(hints.map(hintId))}] returned [${list(got)}]; acceptable: [${list(want)}]`);
}

/** Why an ack's removals are wrong, or null. */
export function judgeAck(hints: readonly StoredHint[], from: string, key: string, version: number, removed: readonly unknown[][]): string | null {
  return ackProblem(hints, from, key, version, removed)?.text ?? null;
}

/** `judgeAck` with the removals its words name, as data. */
export function ackProblem(hints: readonly StoredHint[], from: string, key: string, version: number, removed: readonly unknown[][]): WrongAnswer | null {
  const got = removed.map(([k, f, v]) => hintId({ key: k, hintFor: f, version: v }));
  const acked = hints.filter((h) => h.hintFor === from && h.key === key && h.version <= version);
  const want = acked.map(hintId);
  if (sameSet(got, want)) return null;
  return {
    text: `onHandoffAck(…, ${from}, ${key}, ${version}) with hints [${list(hints.map(hintId))}] removed [${list(got)}]; acceptable: remove exactly [${list(want)}]`,
    expected: statedBy(ACK_ANSWERS, { hints, from, key, version }, { removed }, [{ removed: acked.map((h) => [h.key, h.hintFor, h.version]) }]),
  };
}
