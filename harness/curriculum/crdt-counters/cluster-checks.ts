/**
 * The crdt-counters cluster checks: the gossip cluster (§1.6) runs one PN-Counter, a stock level,
 * with the learner's functions on every replica; each client op increments or decrements (½ each).
 * Every call is judged against the reference by meaning; the properties come from the harness's own
 * record of the ops each replica has seen.
 */
import { expectedCount, PN_REFERENCE, pnAtMost, pnCounterProblem, samePNCounter, showPNCounter, type CounterOp, type GossipCall, type GossipMeaning } from '../../checkers/index.ts';
import type { PNCounter } from '../../exercise/index.ts';
import { statedBy, type WrongAnswer } from '../expectation.ts';
import { gossipClusterGroup, type JudgedGossipRun } from '../workloads/crdt-gossip/group.ts';
import { COUNTER_ANSWER_SETS, DECREMENT_ANSWERS, INCREMENT_ANSWERS, MERGE_ANSWERS, VALUE_ANSWERS } from './counter-answers.ts';

/** The replay format of this exercise's tokens: raise it when its scenarios change. */
export const COUNTER_REPLAY_FORMAT = 1;

const show = (x: unknown): string => (pnCounterProblem(x) === null ? showPNCounter(x as PNCounter) : (JSON.stringify(x) ?? String(x)));
const count = (x: PNCounter): number => Object.keys(x.inc).length + Object.keys(x.dec).length;
const ops = (seen: readonly unknown[]): CounterOp[] => seen as CounterOp[];
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const meaning: GossipMeaning<number> = {
  valueOf: (s) => PN_REFERENCE.value(s as PNCounter),
  expected: (seen) => expectedCount(ops(seen)),
  same: (a, b) => a === b,
  show: (v) => String(v),
  showSeen: (seen) => `${plural(ops(seen).filter((o) => o.kind === 'increment').length, 'increment')} and ${plural(ops(seen).filter((o) => o.kind === 'decrement').length, 'decrement')}`,
  equivalent: (a, b) => samePNCounter(a as PNCounter, b as PNCounter),
  showState: show,
  diagnose: (call, _got, _want, seen) => {
    if (call.kind === 'value') return '';
    // Which half is off, against the ops seen: what a wrong merge or update did, in the learner's terms.
    const state = call.answer as PNCounter;
    const halves = (['inc', 'dec'] as const).map((half) => {
      const kind = half === 'inc' ? 'increment' : 'decrement';
      const counted = Object.values(state[half]).reduce((n, x) => n + x, 0);
      const made = ops(seen).filter((o) => o.kind === kind).length;
      if (counted === made) return undefined;
      const by = call.kind === 'merge' ? `the merge with ${call.from}'s state` : call.fn;
      return counted > made ? `${by} counted some ${kind}s again (${half} adds up to ${counted})` : `${by} lost ${plural(made - counted, kind)} (${half} adds up to ${counted})`;
    });
    const said = halves.filter((x): x is string => x !== undefined);
    return said.length > 0 ? `: ${said.join(', and ')}` : '';
  },
};

const lowered = (before: PNCounter, after: PNCounter): boolean => !pnAtMost(before, after);

function judge(c: GossipCall): WrongAnswer | null {
  const fn = c.fn ?? 'pnMerge';
  const answer = c.kind === 'bad' ? `${c.problem}` : c.kind === 'value' ? String(c.answer) : show(c.answer);
  if (c.kind === 'merge' || (c.kind === 'bad' && fn === 'pnMerge')) {
    const [a, b] = c.args as [PNCounter, PNCounter];
    if (c.kind === 'merge' && MERGE_ANSWERS.accepts([a, b], c.answer)) return null;
    const want = PN_REFERENCE.merge(a, b);
    return {
      text: `pnMerge(${showPNCounter(a)}, ${showPNCounter(b)}) with ${c.from ?? 'a peer'}'s state and you returned ${answer}; acceptable: ${showPNCounter(want)}: a merge keeps everything either side has counted and counts nothing more`,
      expected: statedBy(MERGE_ANSWERS, [a, b], c.answer, [want]),
    };
  }
  if (c.kind === 'value' || (c.kind === 'bad' && fn === 'pnValue')) {
    const [s] = c.args as [PNCounter];
    if (c.kind === 'value' && VALUE_ANSWERS.accepts([s], c.answer)) return null;
    const want = PN_REFERENCE.value(s);
    return { text: `pnValue(${showPNCounter(s)}) and you returned ${answer}; acceptable: ${want}: the increments minus the decrements`, expected: statedBy(VALUE_ANSWERS, [s], c.answer, [want]) };
  }
  const [s, r] = c.args as [PNCounter, string];
  const set = fn === 'pnIncrement' ? INCREMENT_ANSWERS : DECREMENT_ANSWERS;
  if (c.kind === 'update' && set.accepts([s, r], c.answer)) return null;
  const want = fn === 'pnIncrement' ? PN_REFERENCE.increment(s, r) : PN_REFERENCE.decrement(s, r);
  const noun = fn === 'pnIncrement' ? 'an increment' : 'a decrement';
  const why =
    c.kind === 'update' && lowered(s, c.answer as PNCounter)
      ? `${noun} must move the state up, or merging an older state undoes it`
      : `${noun} made at ${r} is counted in ${fn === 'pnIncrement' ? 'inc' : 'dec'}.${r}, one higher, and nothing else changes`;
  return { text: `${fn}(${showPNCounter(s)}, '${r}') and you returned ${answer}; acceptable: ${showPNCounter(want)}: ${why}`, expected: statedBy(set, [s, r], c.answer, [want]) };
}

/** The lesson: how low the stock went (a CRDT converges, it cannot keep an invariant such as stock ≥ 0). */
function stockLesson() {
  let lowest: { value: number; node: string } | undefined;
  let below = 0;
  let runs = 0;
  return {
    observe(judged: JudgedGossipRun) {
      runs++;
      let negative = false;
      for (const c of judged.record.calls) {
        if (c.kind !== 'value' || typeof c.answer !== 'number') continue;
        if (c.answer < 0) negative = true;
        if (lowest === undefined || c.answer < lowest.value) lowest = { value: c.answer, node: c.node };
      }
      if (negative) below++;
    },
    lines(): string[] {
      if (lowest === undefined) return [];
      const where = lowest.value < 0 ? `the stock went down to ${lowest.value} at ${lowest.node} (below 0 in ${below} of ${runs} runs)` : `the stock never went below 0 in these ${runs} runs, but nothing stopped it`;
      return [`${where}: a CRDT converges without coordination, so it cannot keep stock ≥ 0; that needs coordination (escrow, bounded counters)`];
    },
  };
}

export const counterClusterChecks = gossipClusterGroup<number>({
  format: COUNTER_REPLAY_FORMAT,
  crdt: {
    initial: { inc: {}, dec: {} },
    mergeFn: 'pnMerge',
    valueFn: 'pnValue',
    opCall: (write, replica, state) => {
      const kind = write.op === 'increment' || write.op === 'decrement' ? write.op : write.draws[0] < 0.5 ? 'increment' : 'decrement';
      const record: CounterOp = { id: write.id, kind };
      return { fn: kind === 'increment' ? 'pnIncrement' : 'pnDecrement', args: [state, replica], record };
    },
    stateProblem: pnCounterProblem,
    valueProblem: (x) => (typeof x === 'number' && Number.isFinite(x) ? null : `${JSON.stringify(x) ?? String(x)}, not a number`),
    equivalent: (a, b) => samePNCounter(a as PNCounter, b as PNCounter),
    size: (x) => count(x as PNCounter),
  },
  meaning,
  show: { state: show, value: (v) => String(v) },
  judge,
  acceptableSets: COUNTER_ANSWER_SETS,
  staleOps: { first: ['increment', 'increment'], later: ['decrement', 'decrement'] },
  addRemove: false,
  functions: 'pnIncrement, pnDecrement, pnMerge and pnValue',
  lesson: stockLesson,
});
