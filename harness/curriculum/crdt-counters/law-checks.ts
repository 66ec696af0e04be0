/**
 * The PN-Counter laws, on generated counters (fast-check) after fixed cases that catch each known bug
 * whatever the seed draws. Every law's examples are shared (one tuple `(a, b, c, r)` per run) and the
 * session is memoised, so `pnMerge(a, b)` is asked once for every law that needs it. Each answer is
 * judged against the reference by meaning; a law names what the wrong answer breaks, and the
 * counterexample is drawn as the states involved, not as JSON.
 */
import fc from 'fast-check';
import { PN_REFERENCE, gCounterAtMost, pnAtMost, pnCounterProblem, samePNCounter, showPNCounter } from '../../checkers/index.ts';
import type { GCounter, PNCounter } from '../../exercise/index.ts';
import { frozenInputsExplained, LawBroken, lawAsker, lawCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { statedBy } from '../expectation.ts';
import type { LearnerSession } from '../learner-session.ts';
import { COUNTER_ANSWER_SETS, DECREMENT_ANSWERS, INCREMENT_ANSWERS, MERGE_ANSWERS, VALUE_ANSWERS } from './counter-answers.ts';
import { counterExample, FIXED_MERGES, FIXED_UPDATES, type CounterExample } from './counter-arbitraries.ts';

type LawCheckId = 'pn-merge-laws' | 'pn-update-laws' | 'inputs-not-mutated';

const CHECKS: readonly (CheckInfo & { id: LawCheckId })[] = [
  { id: 'pn-merge-laws', title: 'pnMerge is commutative, associative, idempotent and the least state containing both', weight: 2 },
  { id: 'pn-update-laws', title: 'pnIncrement and pnDecrement count one update at its replica and only move the state up; pnValue is increments minus decrements', weight: 2 },
  { id: 'inputs-not-mutated', title: 'No function changes the counters it is given', weight: 1 },
];

type Fn = 'pnIncrement' | 'pnDecrement' | 'pnMerge' | 'pnValue';

/** The four functions over a session: each throws `LawBroken` when an answer is unusable or not a counter. */
function learner(session: LearnerSession, freezeArgs = false) {
  const ask = lawAsker(session, callText, freezeArgs) as (fn: Fn, args: unknown[]) => Promise<unknown>;
  const counter = async (fn: Fn, args: unknown[]): Promise<PNCounter> => {
    const got = await ask(fn, args);
    const problem = pnCounterProblem(got);
    if (problem !== null) throw new LawBroken(`${callText(fn, args)} returned ${problem}`);
    return got as PNCounter;
  };
  return {
    /** The answer as given, unjudged: for the law that only asks whether a call changed its arguments. */
    ask,
    increment: (c: PNCounter, r: string) => counter('pnIncrement', [c, r]),
    decrement: (c: PNCounter, r: string) => counter('pnDecrement', [c, r]),
    merge: (a: PNCounter, b: PNCounter) => counter('pnMerge', [a, b]),
    value: async (c: PNCounter): Promise<number> => {
      const got = await ask('pnValue', [c]);
      if (typeof got !== 'number' || !Number.isFinite(got)) throw new LawBroken(`pnValue(${showPNCounter(c)}) returned ${JSON.stringify(got) ?? String(got)}, not a number`);
      return got;
    },
  };
}
type Learner = ReturnType<typeof learner>;

const callText = (fn: string, args: readonly unknown[]): string =>
  `${fn}(${args.map((a) => (typeof a === 'string' ? `'${a}'` : pnCounterProblem(a) === null ? showPNCounter(a as PNCounter) : JSON.stringify(a))).join(', ')})`;

/** A counter on one line of a picture, with its value. */
const row = (label: string, c: PNCounter, width: number): string => `${label.padEnd(width)} = ${showPNCounter(c)}   value ${PN_REFERENCE.value(c)}`;

/** The entries where `got` and `want` differ, in words: "inc.n1 is 2, not 1". */
function differences(got: PNCounter, want: PNCounter): string[] {
  const out: string[] = [];
  for (const half of ['inc', 'dec'] as const) {
    const ids = [...new Set([...Object.keys(got[half]), ...Object.keys(want[half])])].sort();
    for (const id of ids) {
      const [g, w] = [got[half][id] ?? 0, want[half][id] ?? 0];
      if (g !== w) out.push(`${half}.${id} is ${g} (not ${w})`);
    }
  }
  return out;
}

const lowered = (from: GCounter, to: GCounter): string[] =>
  Object.keys(from)
    .sort()
    .filter((id) => (to[id] ?? 0) < (from[id] ?? 0))
    .map((id) => id);

/** A wrong merge answer: which law it breaks, and the two replicas, the merge and the reference drawn. */
function wrongMerge(a: PNCounter, b: PNCounter, got: PNCounter, mirrored: PNCounter | undefined): LawBroken {
  const want = PN_REFERENCE.merge(a, b);
  const call = a === b ? 'pnMerge(A, A)' : 'pnMerge(A, B)';
  const law = samePNCounter(a, b)
    ? 'idempotence: merging a state with itself must change nothing'
    : !pnAtMost(a, got) || !pnAtMost(b, got)
      ? 'the upper bound: a merge must keep everything either replica has counted'
      : mirrored !== undefined && !samePNCounter(got, mirrored)
        ? `commutativity: pnMerge(B, A) returned ${showPNCounter(mirrored)}`
        : 'the least upper bound: a merge must not count anything neither replica counted (it takes the larger count of each entry, it never adds)';
  const picture = [
    row('A', a, 14),
    ...(a === b ? [] : [row('B', b, 14)]),
    row(call, got, 14),
    row('acceptable', want, 14),
  ];
  return new LawBroken(`${call} returned a state where ${differences(got, want).join(' and ')}; that breaks ${law}`, undefined, statedBy(MERGE_ANSWERS, [a, b], got, [want]), picture);
}

/** A wrong update answer, with why: the wrong entry, or a state moved down. */
function wrongUpdate(fn: 'pnIncrement' | 'pnDecrement', s: PNCounter, r: string, got: PNCounter): LawBroken {
  const want = fn === 'pnIncrement' ? PN_REFERENCE.increment(s, r) : PN_REFERENCE.decrement(s, r);
  const half = fn === 'pnIncrement' ? 'inc' : 'dec';
  const down = [...lowered(s.inc, got.inc).map((id) => `inc.${id}`), ...lowered(s.dec, got.dec).map((id) => `dec.${id}`)];
  const why =
    down.length > 0
      ? `it lowered ${down.join(', ')}: an update must only move the state up, or merging an older copy (with the larger count) undoes it`
      : `${fn === 'pnIncrement' ? 'an increment' : 'a decrement'} made at ${r} is counted in ${half}.${r} alone, one higher`;
  const picture = [row('s', s, 22), row(`${fn}(s, '${r}')`, got, 22), row('acceptable', want, 22)];
  const set = fn === 'pnIncrement' ? INCREMENT_ANSWERS : DECREMENT_ANSWERS;
  return new LawBroken(`${fn}(s, '${r}') returned a state where ${differences(got, want).join(' and ')}: ${why}`, undefined, statedBy(set, [s, r], got, [want]), picture);
}

async function checkValue(l: Learner, c: PNCounter, after?: string): Promise<number> {
  const got = await l.value(c);
  const want = PN_REFERENCE.value(c);
  if (got !== want)
    throw new LawBroken(
      `pnValue(${showPNCounter(c)}) returned ${got}; it is ${want}: the increments (${sum(c.inc)}) minus the decrements (${sum(c.dec)})${after ? `, ${after}` : ''}`,
      undefined,
      statedBy(VALUE_ANSWERS, [c], got, [want]),
    );
  return got;
}
const sum = (g: GCounter): number => Object.values(g).reduce((s, n) => s + n, 0);

const mergeLaws = (l: Learner) =>
  fc.asyncProperty(counterExample, async ({ a, b, c }: CounterExample) => {
    const judge = async (x: PNCounter, y: PNCounter, mirror = false): Promise<PNCounter> => {
      const got = await l.merge(x, y);
      if (!samePNCounter(got, PN_REFERENCE.merge(x, y))) throw wrongMerge(x, y, got, mirror ? await l.merge(y, x) : undefined);
      return got;
    };
    await judge(a, a);
    const ab = await judge(a, b, true);
    await judge(b, a, true);
    const bc = await judge(b, c);
    // With every answer the least upper bound, associativity holds; these are the calls it makes.
    await judge(ab, c);
    await judge(a, bc);
  });

const updateLaws = (l: Learner) =>
  fc.asyncProperty(counterExample, async ({ a: s, r }: CounterExample) => {
    const before = await checkValue(l, s);
    for (const fn of ['pnIncrement', 'pnDecrement'] as const) {
      const got = fn === 'pnIncrement' ? await l.increment(s, r) : await l.decrement(s, r);
      const want = fn === 'pnIncrement' ? PN_REFERENCE.increment(s, r) : PN_REFERENCE.decrement(s, r);
      if (!samePNCounter(got, want)) throw wrongUpdate(fn, s, r, got);
      // Inflation: merging the state before the update into the one after must change nothing.
      const merged = await l.merge(s, got);
      if (!samePNCounter(merged, got)) throw wrongMerge(s, got, merged, undefined);
      const value = await checkValue(l, got, `${fn === 'pnIncrement' ? 'one more' : 'one less'} than before`);
      if (value !== before + (fn === 'pnIncrement' ? 1 : -1)) throw new LawBroken(`pnValue moved from ${before} to ${value} after ${fn}`);
    }
  });

/** Every function once per example, its arguments deep-frozen: changing one throws on the learner side. */
const frozenInputs = (l: Learner) =>
  fc.asyncProperty(counterExample, async ({ a, b, r }: CounterExample) => {
    await l.ask('pnIncrement', [a, r]);
    await l.ask('pnDecrement', [a, r]);
    await l.ask('pnMerge', [a, b]);
    await l.ask('pnValue', [a]);
  });

export const counterLawChecks: CheckGroup = lawCheckGroup<LawCheckId>({
  checks: CHECKS,
  laws: {
    'pn-merge-laws': (s) => mergeLaws(learner(s)) as never,
    'pn-update-laws': (s) => updateLaws(learner(s)) as never,
    'inputs-not-mutated': (s) => frozenInputs(learner(s, true)) as never,
  },
  examples: {
    'pn-merge-laws': FIXED_MERGES.map((e) => [e]),
    'pn-update-laws': FIXED_UPDATES.map((e) => [e]),
    'inputs-not-mutated': [...FIXED_UPDATES, ...FIXED_MERGES].map((e) => [e]),
  },
  numRuns: 40,
  hiddenTier: true,
  inputsNoun: 'counters',
  session: (check) => ({ memo: true, seedTag: (_fn, n) => `${check}:${n}` }),
  acceptableSets: COUNTER_ANSWER_SETS,
  // The inputs were frozen, so a change to one threw: that throw is the broken law, not a missing answer.
  explain: frozenInputsExplained(
    'inputs-not-mutated',
    'counter',
    'the harness froze the counters it passed, so changing one threw. Build and return a new counter instead ({ ...counter.inc } is a fresh object).',
  ),
});
