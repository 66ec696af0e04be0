/**
 * The vector-clock laws, checked on generated clocks with fast-check (shrunk to the smallest clocks
 * that break a law). Clocks are judged by meaning, never by shape: two clocks are the same when the
 * harness's own comparison says `equal`, so `{ n1: 0 }` and `{}` are one clock and a returned clock may
 * carry zero entries, be frozen, or list its ids in any order.
 */
import fc from 'fast-check';
import { clockProblem, compareClocks, mergeClocks, showClock } from '../../cluster/index.ts';
import type { Ordering, VectorClock } from '../../exercise/index.ts';
import { lawCheckGroup, LawBroken } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import type { LearnerSession } from '../learner-session.ts';
import { clock, nodeId } from './clock-arbitraries.ts';

type LawCheckId = 'increment-advances-one-entry' | 'merge-laws' | 'merge-least-upper-bound' | 'compare-orders-clocks' | 'missing-entry-counts-as-zero' | 'inputs-not-mutated';

const CHECKS: readonly (CheckInfo & { id: LawCheckId })[] = [
  { id: 'increment-advances-one-entry', title: "increment raises only the node's entry, by one", weight: 1 },
  { id: 'merge-laws', title: 'merge is commutative, associative and idempotent', weight: 1 },
  { id: 'merge-least-upper-bound', title: 'merge is the least upper bound (entry-wise maximum)', weight: 1 },
  { id: 'compare-orders-clocks', title: 'compare tells before, after, equal and concurrent apart (and is antisymmetric)', weight: 2 },
  { id: 'missing-entry-counts-as-zero', title: 'A missing entry counts as 0: {n1: 0} equals {}', weight: 1 },
  { id: 'inputs-not-mutated', title: 'No function changes the clocks it is given', weight: 1 },
];

const ORDERINGS: readonly Ordering[] = ['before', 'after', 'equal', 'concurrent'];
const MIRROR: Readonly<Record<Ordering, Ordering>> = { before: 'after', after: 'before', equal: 'equal', concurrent: 'concurrent' };

/** The three clock functions over a session: each throws `LawBroken` when the answer is unusable. */
function learner(session: LearnerSession, freezeArgs = false) {
  const ask = async (fn: string, args: unknown[]): Promise<unknown> => {
    const answer = await session.answer(fn, args, { now: 0, ...(freezeArgs ? { freezeArgs: true } : {}) });
    const failure = session.failure(fn, answer);
    if (failure !== undefined) throw new LawBroken(`${failure.message}${args.length > 0 ? ` (called as ${fn}(${args.map(show).join(', ')}))` : ''}`, failure);
    return (answer as { value: unknown }).value;
  };
  const asClock = (fn: string, args: unknown[], value: unknown): VectorClock => {
    const problem = clockProblem(value);
    if (problem !== null) throw new LawBroken(`${fn}(${args.map(show).join(', ')}) returned ${problem}`);
    return value as VectorClock;
  };
  return {
    increment: async (c: VectorClock, node: string) => asClock('increment', [c, node], await ask('increment', [c, node])),
    merge: async (a: VectorClock, b: VectorClock) => asClock('merge', [a, b], await ask('merge', [a, b])),
    compare: async (a: VectorClock, b: VectorClock): Promise<Ordering> => {
      const o = await ask('compare', [a, b]);
      if (!ORDERINGS.includes(o as Ordering)) throw new LawBroken(`compare(${show(a)}, ${show(b)}) returned ${show(o)}, not one of 'before', 'after', 'equal', 'concurrent'`);
      return o as Ordering;
    },
  };
}
type Learner = ReturnType<typeof learner>;

const same = (a: VectorClock, b: VectorClock): boolean => compareClocks(a, b) === 'equal';

/** Each law: a fast-check property over learner calls that throws `LawBroken` when it does not hold. */
const PROPERTY_LAWS: Record<Exclude<LawCheckId, 'missing-entry-counts-as-zero' | 'inputs-not-mutated'>, (l: Learner) => fc.IAsyncProperty<never>> = {
  'increment-advances-one-entry': (l) =>
    fc.asyncProperty(clock, nodeId, async (c, node) => {
      const r = await l.increment(c, node);
      for (const id of new Set([...Object.keys(c), ...Object.keys(r), node])) {
        const want = (c[id] ?? 0) + (id === node ? 1 : 0);
        if ((r[id] ?? 0) !== want)
          throw new LawBroken(`increment(${showClock(c)}, "${node}") returned ${showClock(r)}: ${id}'s entry should be ${want}, not ${r[id] ?? 0}${id === node ? '' : ` (only ${node}'s entry changes)`}`);
      }
    }) as never,
  'merge-laws': (l) =>
    fc.asyncProperty(clock, clock, clock, async (a, b, c) => {
      const ab = await l.merge(a, b);
      const ba = await l.merge(b, a);
      if (!same(ab, ba)) throw new LawBroken(`merge is not commutative: merge(${showClock(a)}, ${showClock(b)}) = ${showClock(ab)} but merge(${showClock(b)}, ${showClock(a)}) = ${showClock(ba)}`);
      const aa = await l.merge(a, a);
      if (!same(aa, a)) throw new LawBroken(`merge is not idempotent: merge(${showClock(a)}, ${showClock(a)}) = ${showClock(aa)}, not ${showClock(a)}`);
      const left = await l.merge(ab, c);
      const right = await l.merge(a, await l.merge(b, c));
      if (!same(left, right))
        throw new LawBroken(`merge is not associative: merge(merge(${showClock(a)}, ${showClock(b)}), ${showClock(c)}) = ${showClock(left)} but merge(${showClock(a)}, merge(${showClock(b)}, ${showClock(c)})) = ${showClock(right)}`);
    }) as never,
  'merge-least-upper-bound': (l) =>
    fc.asyncProperty(clock, clock, async (a, b) => {
      const m = await l.merge(a, b);
      const want = mergeClocks(a, b);
      if (same(m, want)) return;
      const order = compareClocks(m, want);
      const why =
        order === 'before' || order === 'concurrent'
          ? `it is not at or after both inputs (it should be ${showClock(want)})`
          : `it is above the entry-wise maximum ${showClock(want)}, so it is not the least upper bound: it claims events neither clock saw`;
      throw new LawBroken(`merge(${showClock(a)}, ${showClock(b)}) returned ${showClock(m)}: ${why}`);
    }) as never,
  'compare-orders-clocks': (l) =>
    fc.asyncProperty(
      fc.oneof(
        fc.tuple(clock, clock),
        // Pairs built to be ordered or equal, which two random clocks rarely are.
        fc.tuple(clock, nodeId).map(([c, n]): [VectorClock, VectorClock] => [c, { ...c, [n]: (c[n] ?? 0) + 1 }]),
        fc.tuple(clock, clock).map(([a, b]): [VectorClock, VectorClock] => [a, mergeClocks(a, b)]),
        clock.map((c): [VectorClock, VectorClock] => [c, { ...c }]),
      ),
      async ([a, b]) => {
        const ab = await l.compare(a, b);
        const ba = await l.compare(b, a);
        const want = compareClocks(a, b);
        if (ab === want && ba === MIRROR[want]) return;
        if (ba !== MIRROR[ab])
          throw new LawBroken(`compare is not antisymmetric: compare(${showClock(a)}, ${showClock(b)}) = '${ab}' but compare(${showClock(b)}, ${showClock(a)}) = '${ba}' (it should be '${MIRROR[ab]}')`);
        throw new LawBroken(`compare(${showClock(a)}, ${showClock(b)}) returned '${ab}'; the answer is '${want}'${explainOrder(a, b, want)}`);
      },
    ) as never,
};

function explainOrder(a: VectorClock, b: VectorClock, o: Ordering): string {
  const ids = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const ahead = (x: VectorClock, y: VectorClock) => ids.filter((id) => (x[id] ?? 0) > (y[id] ?? 0)).map((id) => `${id}: ${x[id] ?? 0} > ${y[id] ?? 0}`);
  switch (o) {
    case 'equal':
      return ': every entry matches (a missing entry counts as 0)';
    case 'before':
      return `: the first is behind somewhere (${ahead(b, a).join(', ')}) and ahead nowhere`;
    case 'after':
      return `: the first is ahead somewhere (${ahead(a, b).join(', ')}) and behind nowhere`;
    case 'concurrent':
      return `: each is ahead somewhere (${ahead(a, b)[0]}; ${ahead(b, a)[0]})`;
  }
}

/** Hand-picked cases where a zero entry and a missing one must mean the same. */
async function zeroEntries(l: Learner): Promise<void> {
  const cases: [VectorClock, VectorClock][] = [
    [{ n1: 0 }, {}],
    [{}, { n1: 0 }],
    [{ n1: 0, n2: 1 }, { n2: 1 }],
    [{ n1: 1 }, { n1: 1, n2: 0 }],
    [{ n2: 0 }, { n1: 1 }],
    [{ n1: 0, n2: 2 }, { n1: 1 }],
  ];
  for (const [a, b] of cases) {
    const got = await l.compare(a, b);
    const want = compareClocks(a, b);
    if (got !== want) throw new LawBroken(`compare(${show(a)}, ${show(b)}) returned '${got}'; the answer is '${want}': a missing entry counts as 0`);
  }
  const inc = await l.increment({ n1: 0 }, 'n3');
  if (!same(inc, { n3: 1 })) throw new LawBroken(`increment({"n1":0}, "n3") returned ${show(inc)}; it should equal {n3: 1} (n1's 0 may stay or go)`);
  const m = await l.merge({ n1: 0 }, {});
  if (!same(m, {})) throw new LawBroken(`merge({"n1":0}, {}) returned ${show(m)}; it should equal {} (every entry 0)`);
}

/** Calls each function with deep-frozen arguments: changing one throws a TypeError on the learner side. */
async function frozenInputs(l: Learner): Promise<void> {
  const a = { n1: 2, n2: 1 };
  const b = { n2: 3, n3: 1 };
  await l.increment(a, 'n1');
  await l.increment(a, 'n4');
  await l.merge(a, b);
  await l.merge(b, a);
  await l.compare(a, b);
}

export const vectorClockLawChecks: CheckGroup = lawCheckGroup<LawCheckId>({
  checks: CHECKS,
  laws: {
    'increment-advances-one-entry': (s) => PROPERTY_LAWS['increment-advances-one-entry'](learner(s)),
    'merge-laws': (s) => PROPERTY_LAWS['merge-laws'](learner(s)),
    'merge-least-upper-bound': (s) => PROPERTY_LAWS['merge-least-upper-bound'](learner(s)),
    'compare-orders-clocks': (s) => PROPERTY_LAWS['compare-orders-clocks'](learner(s)),
    'missing-entry-counts-as-zero': (s) => zeroEntries(learner(s)),
    'inputs-not-mutated': (s) => frozenInputs(learner(s, true)),
  },
  numRuns: 80,
  inputsNoun: 'clocks',
  explain: (check, broken) => {
    // The inputs were frozen, so a change to one threw: that throw is the broken law, not a missing answer.
    const mutation = check === 'inputs-not-mutated' && broken.problem?.status === 'failed' && /read[- ]only|not extensible|frozen|Cannot (assign|add|delete|define)/i.test(broken.message);
    if (!mutation) return undefined;
    return {
      message: `your function changed a clock it was given: ${broken.message}`,
      details: ['the harness froze the input clocks, so changing one threw. Build and return a new clock instead (e.g. { ...clock }).'],
      cause: 'property',
    };
  },
});

function show(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}
