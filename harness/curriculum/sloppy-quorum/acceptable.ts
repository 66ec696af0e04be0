/**
 * The acceptable answers of the three sloppy-quorum decisions, judged against what they were shown.
 * Order never matters. Which stand-ins are used follows the preference list; which unreachable home
 * each stands in for (and, when they run short, which homes get one) the contract leaves open. A
 * hint-store call is judged by its net effect on the store (store-effect.ts).
 */
import { showTargets, type StoredHint } from '../../cluster/index.ts';
import { statedBy, type AcceptableSet, type WrongAnswer } from '../expectation.ts';
import { netEffect, type StoreOp } from './store-effect.ts';

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

type Target = { node: string; hintFor?: string };

/** What `chooseWriteTargets` was asked. */
export interface TargetsQuestion {
  readonly list: readonly string[];
  readonly n: number;
  readonly reachable: readonly string[];
}

/** The reachable homes, the unreachable ones, and the stand-ins to use: the first reachable fallbacks, one per unreachable home while they last. */
function targetParts(q: TargetsQuestion): { up: string[]; down: string[]; stand: string[] } {
  const reachable = (node: string): boolean => q.reachable.includes(node);
  const homes = q.list.slice(0, q.n);
  const down = homes.filter((h) => !reachable(h));
  return { up: homes.filter(reachable), down, stand: q.list.slice(q.n).filter(reachable).slice(0, down.length) };
}

const STATED_PAIRINGS = 24;

/** Acceptable target lists in home order, one per pairing of the stand-ins with distinct unreachable homes (the first few). */
function someAcceptableTargets(q: TargetsQuestion): Target[][] {
  const { stand } = targetParts(q);
  const homes = q.list.slice(0, q.n);
  const out: Target[][] = [];
  const pair = (i: number, given: Map<string, string>): void => {
    if (out.length >= STATED_PAIRINGS) return;
    if (i === stand.length) {
      out.push(homes.flatMap((h): Target[] => (q.reachable.includes(h) ? [{ node: h }] : given.has(h) ? [{ node: given.get(h)!, hintFor: h }] : [])));
      return;
    }
    for (const h of homes) if (!q.reachable.includes(h) && !given.has(h)) pair(i + 1, new Map([...given, [h, stand[i]!]]));
  };
  pair(0, new Map());
  return out;
}

/** The acceptable targets in words: each reachable home, then the stand-ins and the homes they may serve. */
function describeAcceptable(q: TargetsQuestion): string {
  const { up, down, stand } = targetParts(q);
  const parts = [...up];
  if (stand.length === 1) parts.push(`${stand[0]} (for ${down.length === 1 ? down[0] : `one of ${down.join(', ')}`})`);
  else if (stand.length > 1)
    parts.push(`${stand.join(', ')} (${stand.length === down.length ? `for ${down.join(', ')}` : `for ${stand.length} of ${down.join(', ')}`}, one home each, in any pairing)`);
  return parts.length === 0 ? 'none' : parts.join('; ');
}

function acceptsTargets(q: TargetsQuestion, answer: readonly Target[]): boolean {
  const { up, down, stand } = targetParts(q);
  const hinted = answer.filter((t) => t.hintFor !== undefined);
  const homesServed = hinted.map((t) => t.hintFor!);
  return (
    sameSet(answer.filter((t) => t.hintFor === undefined).map((t) => t.node), up) &&
    sameSet(hinted.map((t) => t.node), stand) &&
    new Set(homesServed).size === homesServed.length &&
    homesServed.every((h) => down.includes(h))
  );
}

const isTargetList = (answer: unknown): answer is Target[] =>
  Array.isArray(answer) && answer.every((t) => typeof t === 'object' && t !== null && typeof t.node === 'string' && (t.hintFor === undefined || typeof t.hintFor === 'string'));

/** The targets a correct `chooseWriteTargets` may return: each reachable home itself, each stand-in for a distinct unreachable home, in any order. */
export const TARGET_ANSWERS: AcceptableSet<TargetsQuestion, unknown> = {
  name: 'sloppy-quorum/targets',
  accepts: (q, answer) => isTargetList(answer) && acceptsTargets(q, answer),
};

/** What `hintsToHandOff` answered: the hints it returned, and the calls it made on the store meanwhile. */
export interface HandoffAnswer {
  readonly returned: unknown;
  readonly ops: readonly StoreOp[];
}

/** The hand-offs a correct `hintsToHandOff` may make: every hint for the recovered replica, leaving the store as it was. */
export const HANDOFF_ANSWERS: AcceptableSet<{ readonly hints: readonly StoredHint[]; readonly recovered: string }, HandoffAnswer> = {
  name: 'sloppy-quorum/handoff',
  accepts: (q, a) => handoffProblem(q.hints, q.recovered, a.returned, a.ops) === null,
};

/** What `onHandoffAck` was told. */
export interface AckQuestion {
  readonly hints: readonly StoredHint[];
  readonly from: string;
  readonly key: string;
  readonly version: number;
}

/** The store calls a correct `onHandoffAck` may make: any whose net effect removes exactly the acknowledged hints. */
export const ACK_ANSWERS: AcceptableSet<AckQuestion, { readonly ops: readonly StoreOp[] }> = {
  name: 'sloppy-quorum/ack',
  accepts: (q, a) => ackProblem(q.hints, q.from, q.key, q.version, a.ops) === null,
};

export const SLOPPY_ANSWER_SETS: readonly AcceptableSet[] = [TARGET_ANSWERS, HANDOFF_ANSWERS, ACK_ANSWERS];

/** Why `answer` is not a set of targets to choose, with the targets its words name; null when it is one. */
export function targetsProblem(preferenceList: readonly string[], n: number, reachable: readonly string[], answer: unknown): WrongAnswer | null {
  const q: TargetsQuestion = { list: preferenceList, n, reachable };
  const wrong = (text: string): WrongAnswer => ({ text, expected: statedBy(TARGET_ANSWERS, q, answer, someAcceptableTargets(q)) });
  if (!isTargetList(answer)) return wrong(`chooseWriteTargets must return an array of { node, hintFor? }, got ${show(answer)}`);
  if (acceptsTargets(q, answer)) return null;
  return wrong(`for preference list ${preferenceList.join(', ')} (n=${n}, reachable: ${list(reachable)}) you chose ${showTargets(answer)}; acceptable: ${describeAcceptable(q)}`);
}

const removal = (h: StoredHint): StoreOp => ({ op: 'remove', args: [h.key, h.hintFor, h.version] });

/** Why a hand-off answer is wrong, or null. Sending must leave the store as it was. */
export function handoffProblem(hints: readonly StoredHint[], recovered: string, answer: unknown, ops: readonly StoreOp[]): WrongAnswer | null {
  const wanted = hints.filter((h) => h.hintFor === recovered);
  const wrong = (text: string): WrongAnswer => ({ text, expected: statedBy(HANDOFF_ANSWERS, { hints, recovered }, { returned: answer, ops }, [{ returned: wanted, ops: [] }]) });
  if (!Array.isArray(answer)) return wrong(`hintsToHandOff must return an array of hints, got ${show(answer)}`);
  const got = answer.map((h) => hintId(h as StoredHint));
  const want = wanted.map(hintId);
  const { removed } = netEffect(hints, ops);
  if (removed.length > 0)
    return wrong(`hintsToHandOff(…, ${recovered}) removed ${removed.map(hintId).join(', ')} on sending; a hint may be dropped only once its home replica acknowledged it`);
  if (sameSet(got, want)) return null;
  return wrong(`hintsToHandOff(…, ${recovered}) with hints [${list(hints.map(hintId))}] returned [${list(got)}]; acceptable: [${list(want)}]`);
}

/** Why an ack's effect on the store is wrong, or null. */
export function ackProblem(hints: readonly StoredHint[], from: string, key: string, version: number, ops: readonly StoreOp[]): WrongAnswer | null {
  const got = netEffect(hints, ops).removed.map(hintId);
  const acked = hints.filter((h) => h.hintFor === from && h.key === key && h.version <= version);
  const want = acked.map(hintId);
  if (sameSet(got, want)) return null;
  return {
    text: `onHandoffAck(…, ${from}, ${key}, ${version}) with hints [${list(hints.map(hintId))}] removed [${list(got)}]; acceptable: remove exactly [${list(want)}]`,
    expected: statedBy(ACK_ANSWERS, { hints, from, key, version }, { ops }, [{ ops: acked.map(removal) }]),
  };
}
