/**
 * The vector-clock laws, checked on generated clocks with fast-check (shrunk to the smallest clocks
 * that break a law). Clocks are judged by meaning, never by shape: two clocks are the same when the
 * harness's own comparison says `equal`, so `{ n1: 0 }` and `{}` are one clock and a returned clock may
 * carry zero entries, be frozen, or list its ids in any order.
 */
import fc from 'fast-check';
import { clockProblem, compareClocks, incrementClock, mergeClocks, showClock, showExact } from '../../cluster/index.ts';
import type { Ordering, VectorClock } from '../../exercise/index.ts';
import { frozenInputsExplained, lawCheckGroup, LawBroken } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { statedBy } from '../expectation.ts';
import type { LearnerSession } from '../learner-session.ts';
import { CLOCK_ANSWER_SETS, COMPARE_ANSWERS, INCREMENT_ANSWERS, MERGE_ANSWERS, whyOrdered } from './clock-acceptable.ts';
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

/** One answered call of a law: which function, its arguments and what the learner returned. */
type Answered =
  | { readonly fn: 'compare'; readonly args: readonly [VectorClock, VectorClock]; readonly got: Ordering }
  | { readonly fn: 'merge'; readonly args: readonly [VectorClock, VectorClock]; readonly got: VectorClock };

const callText = (c: Answered): string => `${c.fn}(${c.args.map((x) => showClock(x)).join(', ')})`;
const isWrong = (c: Answered): boolean => (c.fn === 'compare' ? !COMPARE_ANSWERS.accepts(c.args, c.got) : !MERGE_ANSWERS.accepts(c.args, c.got));

/**
 * A law broken, blamed on the first of `calls` whose answer the reference does not accept, with the
 * reference's answer: never on a call that was right because its partner was wrong. The wrong call
 * leads; then which law its answer breaks (`law`, e.g. "antisymmetry") and what the law compared.
 */
function blame(calls: readonly Answered[], law?: { readonly name: string; readonly seen: (wrong: Answered) => string }): LawBroken {
  const wrong = calls.find(isWrong);
  // A law over right answers cannot break; should it, say what was compared rather than invent a culprit.
  if (wrong === undefined) return new LawBroken(`${law?.name ?? 'a law'} does not hold: ${law?.seen(calls[0]!) ?? ''}`);
  const broken = law === undefined ? '' : `. That breaks ${law.name}: ${law.seen(wrong)}`;
  if (wrong.fn === 'compare') {
    const want = compareClocks(...wrong.args);
    return new LawBroken(`${callText(wrong)} returned '${wrong.got}'; the answer is '${want}': ${whyOrdered(...wrong.args, want)}${broken}`, undefined, statedBy(COMPARE_ANSWERS, wrong.args, wrong.got, [want]));
  }
  const want = mergeClocks(...wrong.args);
  return new LawBroken(`${callText(wrong)} returned ${showClock(wrong.got)}; it is ${showClock(want)}, the entry-wise maximum${broken}`, undefined, statedBy(MERGE_ANSWERS, wrong.args, wrong.got, [want]));
}

/** Each law: a fast-check property over learner calls that throws `LawBroken` when it does not hold. */
const PROPERTY_LAWS: Record<Exclude<LawCheckId, 'missing-entry-counts-as-zero' | 'inputs-not-mutated'>, (l: Learner) => fc.IAsyncProperty<never>> = {
  'increment-advances-one-entry': (l) =>
    fc.asyncProperty(clock, nodeId, async (c, node) => {
      const r = await l.increment(c, node);
      for (const id of new Set([...Object.keys(c), ...Object.keys(r), node])) {
        const want = (c[id] ?? 0) + (id === node ? 1 : 0);
        if ((r[id] ?? 0) !== want)
          throw new LawBroken(
            `increment(${showClock(c)}, "${node}") returned ${showClock(r)}: ${id}'s entry should be ${want}, not ${r[id] ?? 0}${id === node ? '' : ` (only ${node}'s entry changes)`}`,
            undefined,
            statedBy(INCREMENT_ANSWERS, [c, node], r, [incrementClock(c, node)]),
          );
      }
    }) as never,
  'merge-laws': (l) =>
    fc.asyncProperty(clock, clock, clock, async (a, b, c) => {
      const ab = await l.merge(a, b);
      const ba = await l.merge(b, a);
      const call = (args: readonly [VectorClock, VectorClock], got: VectorClock): Answered => ({ fn: 'merge', args, got });
      if (!same(ab, ba))
        throw blame([call([a, b], ab), call([b, a], ba)], { name: 'commutativity', seen: (w) => (w.args[0] === a ? `merge(${showClock(b)}, ${showClock(a)}) returned ${showClock(ba)}` : `merge(${showClock(a)}, ${showClock(b)}) returned ${showClock(ab)}`) });
      const aa = await l.merge(a, a);
      if (!same(aa, a))
        throw new LawBroken(`merge is not idempotent: merge(${showClock(a)}, ${showClock(a)}) = ${showClock(aa)}, not ${showClock(a)}`, undefined, statedBy(MERGE_ANSWERS, [a, a], aa, [a]));
      const bc = await l.merge(b, c);
      const left = await l.merge(ab, c);
      const right = await l.merge(a, bc);
      if (!same(left, right))
        throw blame([call([a, b], ab), call([ab, c], left), call([b, c], bc), call([a, bc], right)], {
          name: 'associativity',
          seen: () => `merge(merge(${showClock(a)}, ${showClock(b)}), ${showClock(c)}) = ${showClock(left)} but merge(${showClock(a)}, merge(${showClock(b)}, ${showClock(c)})) = ${showClock(right)}`,
        });
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
      throw new LawBroken(`merge(${showClock(a)}, ${showClock(b)}) returned ${showClock(m)}: ${why}`, undefined, statedBy(MERGE_ANSWERS, [a, b], m, [want]));
    }) as never,
  'compare-orders-clocks': (l) =>
    fc.asyncProperty(
      fc.oneof(
        fc.tuple(clock, clock),
        // Pairs built to be ordered or equal, which two random clocks rarely are.
        fc.tuple(clock, nodeId).map(([c, n]): [VectorClock, VectorClock] => [c, { ...c, [n]: (c[n] ?? 0) + 1 }]),
        fc.tuple(clock, clock).map(([a, b]): [VectorClock, VectorClock] => [a, mergeClocks(a, b)]),
        // An equal pair is the same clock written another way: its ids in reverse order, its zero entries left out.
        clock.map((c): [VectorClock, VectorClock] => [c, Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0).reverse())]),
      ),
      async ([a, b]) => {
        const ab = await l.compare(a, b);
        const ba = await l.compare(b, a);
        const calls: Answered[] = [
          { fn: 'compare', args: [a, b], got: ab },
          { fn: 'compare', args: [b, a], got: ba },
        ];
        if (!calls.some(isWrong)) return;
        // Antisymmetry is only named when the two answers contradict each other; the blame is always the reference's.
        const mirrored: Readonly<Record<Ordering, Ordering>> = { before: 'after', after: 'before', equal: 'equal', concurrent: 'concurrent' };
        if (ba === mirrored[ab]) throw blame(calls);
        // The law compared two answers; only the reference says which of them is wrong.
        throw blame(calls, {
          name: 'antisymmetry',
          seen: (w) => {
            const other = w === calls[0] ? calls[1]! : calls[0]!;
            return `${callText(other)} ${isWrong(other) ? 'also ' : ''}returned '${other.got}', which is not the mirror image of '${w.got}'`;
          },
        });
      },
    ) as never,
};

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
    if (got !== want)
      throw new LawBroken(`compare(${show(a)}, ${show(b)}) returned '${got}'; the answer is '${want}': a missing entry counts as 0`, undefined, statedBy(COMPARE_ANSWERS, [a, b], got, [want]));
  }
  const inc = await l.increment({ n1: 0 }, 'n3');
  if (!same(inc, { n3: 1 }))
    throw new LawBroken(`increment({n1:0}, "n3") returned ${show(inc)}; it should equal {n3:1} (n1's 0 may stay or go)`, undefined, statedBy(INCREMENT_ANSWERS, [{ n1: 0 }, 'n3'], inc, [{ n3: 1 }]));
  const m = await l.merge({ n1: 0 }, {});
  if (!same(m, {})) throw new LawBroken(`merge({n1:0}, {}) returned ${show(m)}; it should equal {} (every entry 0)`, undefined, statedBy(MERGE_ANSWERS, [{ n1: 0 }, {}], m, [{}]));
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
  // Multi-digit counters, checked whatever the seed draws: compared as strings, "10" < "9" and "12" < "3".
  // Then equal clocks written another way (ids in another order, a zero entry left out): compared as text, they differ.
  examples: {
    'compare-orders-clocks': [
      [[{ n1: 9 }, { n1: 10 }]],
      [[{ n1: 12, n2: 1 }, { n1: 3, n2: 4 }]],
      [[{ n1: 1, n2: 1 }, { n2: 1, n1: 1 }]],
      [[{ n1: 2, n2: 0, n3: 1 }, { n3: 1, n1: 2 }]],
    ],
  },
  inputsNoun: 'clocks',
  acceptableSets: CLOCK_ANSWER_SETS,
  // The inputs were frozen, so a change to one threw: that throw is the broken law, not a missing answer.
  explain: frozenInputsExplained('inputs-not-mutated', 'clock', 'the harness froze the input clocks, so changing one threw. Build and return a new clock instead (e.g. { ...clock }).'),
});

/** An argument or answer exactly as it was: a clock as `{n1:0}`, zeros kept; anything else as JS writes it. */
function show(x: unknown): string {
  return typeof x === 'object' && x !== null && clockProblem(x) === null ? showClock(x as VectorClock) : showExact(x);
}
