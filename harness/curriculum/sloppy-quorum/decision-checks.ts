/**
 * Decision checks: each sloppy-quorum function facing hand-built preference lists and hint stores.
 */
import type { StoredHint } from '../../cluster/index.ts';
import { caseCheckGroup, type CaseQuestion } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { callbackObject, lookupFunction } from '../learner-call.ts';
import type { WrongAnswer } from '../expectation.ts';
import { ackProblem, handoffProblem, SLOPPY_ANSWER_SETS, targetsProblem } from './acceptable.ts';
import type { StoreOp } from './store-effect.ts';

const P = ['n1', 'n2', 'n3', 'n4', 'n5'];
const h = (key: string, version: number, hintFor: string): StoredHint => ({ key, value: `w-${version}`, version, hintFor });

type Case =
  | { check: 'targets-home-replicas' | 'targets-fallbacks'; name: string; list: string[]; n: number; reachable: string[] }
  | { check: 'handoff-keeps-hints'; name: string; hints: StoredHint[]; recovered: string }
  | { check: 'ack-drops-acked-only'; name: string; hints: StoredHint[]; from: string; key: string; version: number };

export const SLOPPY_CASES: readonly Case[] = [
  { check: 'targets-home-replicas', name: 'all home replicas reachable', list: P, n: 3, reachable: P },
  { check: 'targets-home-replicas', name: 'a fallback down, homes fine', list: ['n2', 'n3', 'n4', 'n5', 'n1'], n: 3, reachable: ['n2', 'n3', 'n4', 'n1'] },
  { check: 'targets-home-replicas', name: 'n = 1', list: P, n: 1, reachable: P },
  { check: 'targets-fallbacks', name: 'one home down', list: P, n: 3, reachable: ['n1', 'n3', 'n4', 'n5'] },
  { check: 'targets-fallbacks', name: 'two homes down', list: P, n: 3, reachable: ['n2', 'n4', 'n5'] },
  { check: 'targets-fallbacks', name: 'first fallback also down', list: P, n: 3, reachable: ['n1', 'n2', 'n5'] },
  { check: 'targets-fallbacks', name: 'more homes down than fallbacks', list: P, n: 3, reachable: ['n4'] },
  { check: 'targets-fallbacks', name: 'a home up, more homes down than fallbacks', list: P, n: 3, reachable: ['n1', 'n4'] },
  { check: 'targets-fallbacks', name: 'rotated list, a home down', list: ['n4', 'n5', 'n1', 'n2', 'n3'], n: 3, reachable: ['n4', 'n1', 'n2', 'n3'] },
  { check: 'targets-fallbacks', name: 'nothing reachable', list: P, n: 3, reachable: [] },
  { check: 'handoff-keeps-hints', name: 'hints for two homes', hints: [h('k1', 3, 'n2'), h('k2', 5, 'n3'), h('k1', 7, 'n2')], recovered: 'n2' },
  { check: 'handoff-keeps-hints', name: 'no hint for it', hints: [h('k1', 3, 'n3')], recovered: 'n2' },
  { check: 'handoff-keeps-hints', name: 'empty store', hints: [], recovered: 'n1' },
  { check: 'ack-drops-acked-only', name: 'one acked, a newer one kept', hints: [h('k1', 3, 'n2'), h('k1', 9, 'n2'), h('k2', 4, 'n2'), h('k1', 2, 'n3')], from: 'n2', key: 'k1', version: 5 },
  { check: 'ack-drops-acked-only', name: 'ack of a newer version covers older hints', hints: [h('k1', 3, 'n2'), h('k1', 4, 'n2')], from: 'n2', key: 'k1', version: 8 },
  { check: 'ack-drops-acked-only', name: 'ack from a node with no hints', hints: [h('k1', 3, 'n2')], from: 'n4', key: 'k1', version: 3 },
  { check: 'ack-drops-acked-only', name: 'ack of exactly the hinted version', hints: [h('k1', 5, 'n2')], from: 'n2', key: 'k1', version: 5 },
];

/** The function a case asks and its arguments; the calls it makes on the hint store are what `judge` sees. */
function ask(c: Case): CaseQuestion<StoreOp[]> {
  const ops: StoreOp[] = [];
  const handlers = {
    'hints.put': async (hint: unknown) => void ops.push({ op: 'put', hint }),
    'hints.remove': async (...args: unknown[]) => void ops.push({ op: 'remove', args }),
  };
  switch (c.check) {
    case 'targets-home-replicas':
    case 'targets-fallbacks':
      return { fn: 'chooseWriteTargets', args: [c.list, c.n, lookupFunction(Object.fromEntries(c.list.map((x) => [x, c.reachable.includes(x)])), false)], handlers, seen: ops };
    case 'handoff-keeps-hints':
      return { fn: 'hintsToHandOff', args: [callbackObject('hints', {}, ['put', 'remove'], { all: c.hints }), c.recovered], handlers, seen: ops };
    case 'ack-drops-acked-only':
      return { fn: 'onHandoffAck', args: [callbackObject('hints', {}, ['put', 'remove'], { all: c.hints }), c.from, c.key, c.version], handlers, seen: ops };
  }
}

/** Whether the answer (and what its store calls did) is acceptable for the case. */
function judge(c: Case, value: unknown, ops: readonly StoreOp[] = []): WrongAnswer | null {
  switch (c.check) {
    case 'targets-home-replicas':
    case 'targets-fallbacks':
      return targetsProblem(c.list, c.n, c.reachable, value);
    case 'handoff-keeps-hints':
      return handoffProblem(c.hints, c.recovered, value, ops);
    case 'ack-drops-acked-only':
      return ackProblem(c.hints, c.from, c.key, c.version, ops);
  }
}

const CHECKS: readonly CheckInfo[] = [
  { id: 'targets-home-replicas', title: 'chooseWriteTargets sends to the reachable home replicas themselves', weight: 1 },
  { id: 'targets-fallbacks', title: 'chooseWriteTargets stands in for unreachable homes with the next reachable fallbacks', weight: 2 },
  { id: 'handoff-keeps-hints', title: 'hintsToHandOff sends the recovered replica its hints, and drops none', weight: 1 },
  { id: 'ack-drops-acked-only', title: 'onHandoffAck drops exactly the acknowledged hints', weight: 1 },
];

export const sloppyDecisionChecks: CheckGroup = caseCheckGroup<Case, StoreOp[]>({
  checks: CHECKS,
  cases: SLOPPY_CASES,
  ask,
  judge: (c, value, ops) => {
    const wrong = judge(c, value, ops);
    return wrong === null ? null : { message: `${c.name}: ${wrong.text}`, expected: wrong.expected };
  },
  show: (c) => [`case "${c.name}"`],
  acceptableSets: SLOPPY_ANSWER_SETS,
});
