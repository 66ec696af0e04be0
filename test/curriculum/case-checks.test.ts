/**
 * The table-driven check groups on a hand-written learner: a wrong answer is a property failure, a
 * throw a learner problem, and a law (here: merge is commutative, as CRDT merges must be) is shrunk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseCheckGroup, LawBroken, lawCheckGroup, type CaseCheckGroupConfig } from '../../harness/curriculum/case-checks.ts';
import type { CheckContext } from '../../harness/curriculum/check.ts';
import type { LearnerCaller } from '../../harness/curriculum/index.ts';
import type { LearnerSession } from '../../harness/curriculum/learner-session.ts';

/** Calls plain functions in process, as the worker would: a throw becomes a `threw` answer. */
function caller(fns: Record<string, (...args: never[]) => unknown>): LearnerCaller {
  return async (fn, args) => {
    try {
      return { kind: 'returned', value: fns[fn]!(...(args as never[])), console: `${fn} ran\n` };
    } catch (e) {
      return { kind: 'threw', error: { name: (e as Error).name, message: (e as Error).message }, console: '' };
    }
  };
}

const ctx = (call: LearnerCaller): CheckContext => ({
  call,
  reload: async () => true,
  seed: 7,
  schedules: 1,
  shrink: { maxRuns: 10, maxMs: 1000 },
  wallClockMs: () => 0,
  hostYield: async () => {},
});

describe('caseCheckGroup', () => {
  const config: CaseCheckGroupConfig<{ check: string; x: number }> = {
    checks: [
      { id: 'doubles', title: 'double doubles', weight: 1 },
      { id: 'no-throw', title: 'double answers', weight: 1 },
    ],
    cases: [
      { check: 'doubles', x: 2 },
      { check: 'doubles', x: 3 },
      { check: 'no-throw', x: -1 },
    ],
    ask: (c) => ({ fn: 'double', args: [c.x] }),
    judge: (c, value) => (value === c.x * 2 ? null : `double(${c.x}) returned ${String(value)}; acceptable: ${c.x * 2}`),
    show: (c) => [`x = ${c.x}`],
  };
  const group = caseCheckGroup(config);

  it('reports the first wrong answer as a property failure and a throw as a learner problem, with the console', async () => {
    const double = (x: number): number => {
      if (x < 0) throw new RangeError('negative');
      return x === 3 ? 7 : x * 2;
    };
    const [doubles, noThrow] = await group.run(ctx(caller({ double })));
    expect(doubles).toMatchObject({ status: 'failed', cause: 'property', message: 'double(3) returned 7; acceptable: 6', details: [], console: 'double ran\ndouble ran\n' });
    expect(noThrow).toMatchObject({ status: 'failed', cause: 'learner-problem', message: 'double threw RangeError: negative', details: ['x = -1'] });
    expect(group.replayable).toBe(false);
  });

  it('says a wrong answer came from module state when the same case, asked alone of a fresh module, is answered acceptably', async () => {
    // A module whose answers drift with each call; reload() starts a fresh copy, as the worker does.
    let calls = 0;
    let reloads = 0;
    const drifting = (x: number): number => x * 2 + (calls++ > 0 ? 1 : 0);
    const context = { ...ctx(caller({ double: drifting })), reload: async () => ((calls = 0), reloads++, true) };
    const note = ' — and your code keeps state between calls (module-level variables): asked alone, in a fresh module, the same call answers acceptably';
    const [doubles, noThrow] = await group.run(context);
    expect(doubles!.message).toBe(`double(3) returned 7; acceptable: 6${note}`);
    // Each failing check asks its case again once; the module then stays fresh.
    expect(noThrow!.message).toBe(`double(-1) returned -1; acceptable: -2${note}`);
    expect(reloads).toBe(2);
    // Wrong even alone: no note.
    const [always] = await group.run({ ...ctx(caller({ double: (x: number) => (x === 3 ? 7 : x * 2) })), reload: async () => true });
    expect(always!.message).toBe('double(3) returned 7; acceptable: 6');
    // Cases seeded by their place in the session draw other random numbers alone: the note says so.
    calls = 0;
    const unseeded = caseCheckGroup<{ check: string; x: number }>({ ...config, seedOf: () => undefined });
    const [drifted] = await unseeded.run(context);
    expect(drifted!.message).toBe(
      'double(3) returned 7; acceptable: 6 — and asked alone, in a fresh module, the same call answers acceptably: your answers depend on more than their arguments (state kept between calls in module-level variables, or random draws)',
    );
  });
});

describe('lawCheckGroup', () => {
  const group = lawCheckGroup<'merge-commutes'>({
    checks: [{ id: 'merge-commutes', title: 'merge is commutative', weight: 1 }],
    laws: {
      'merge-commutes': (session) =>
        fc.asyncProperty(fc.nat(), fc.nat(), async (a, b) => {
          const ab = await session.ask('merge', [a, b], { now: 0 });
          const ba = await session.ask('merge', [b, a], { now: 0 });
          if (!ab.ok || !ba.ok) throw new LawBroken('merge had no answer', session.problem());
          if (ab.value !== ba.value) throw new LawBroken(`merge(${a}, ${b}) = ${String(ab.value)} but merge(${b}, ${a}) = ${String(ba.value)}`);
        }) as never,
    },
    numRuns: 50,
    inputsNoun: 'counters',
  });

  it('passes a commutative merge and shrinks a counterexample of a merge that is not', async () => {
    expect((await group.run(ctx(caller({ merge: (a: number, b: number) => Math.max(a, b) }))))[0]).toMatchObject({ status: 'passed' });
    const [r] = await group.run(ctx(caller({ merge: (a: number, b: number) => a - b })));
    expect(r).toMatchObject({ status: 'failed', cause: 'property' });
    expect(r!.message).toMatch(/^merge\(0, 1\) = -1 but merge\(1, 0\) = 1$|^merge\(1, 0\) = 1 but merge\(0, 1\) = -1$/);
    expect(r!.details[0]).toMatch(/^the smallest counters found \(fast-check shrank the counterexample in \d+ steps?; seed -?\d+\)$/);
  });

  it('says a broken law came from module state when the same inputs, checked alone in a fresh module, keep it', async () => {
    // max while fresh; from the 21st call on, the first argument wins: commutative only in a fresh module.
    let calls = 0;
    let reloads = 0;
    const drifting = (a: number, b: number): number => (calls++ < 20 ? Math.max(a, b) : a);
    const [r] = await group.run({ ...ctx(caller({ merge: drifting })), reload: async () => ((calls = 0), reloads++, true) });
    expect(r).toMatchObject({ status: 'failed', cause: 'property' });
    expect(r!.message).toMatch(
      /^merge\(\d+, \d+\) = \d+ but merge\(\d+, \d+\) = \d+ — and checked alone, in a fresh module, the same inputs keep the law: your answers depend on more than their arguments \(state kept between calls in module-level variables, or random draws\)$/,
    );
    expect(reloads).toBe(1);
    // Broken even alone: no note; and none when the module cannot be loaded again.
    expect((await group.run({ ...ctx(caller({ merge: (a: number, b: number) => a - b })), reload: async () => true }))[0]!.message).not.toMatch(/checked alone/);
    calls = 0;
    expect((await group.run({ ...ctx(caller({ merge: drifting })), reload: async () => false }))[0]!.message).not.toMatch(/checked alone/);
  });
});

describe('lawCheckGroup first runs', () => {
  it('marks a later failing law unknown below its failure once an earlier law broke on a generated input (the module it starts from depends on the count)', async () => {
    const law = (session: LearnerSession) =>
      fc.asyncProperty(fc.nat(), fc.nat(), async (a, b) => {
        const [ab, ba] = [await session.ask('merge', [a, b], { now: 0 }), await session.ask('merge', [b, a], { now: 0 })];
        if (!ab.ok || !ba.ok || ab.value !== ba.value) throw new LawBroken(`merge(${a}, ${b}) and merge(${b}, ${a}) differ`);
      }) as never;
    const group = lawCheckGroup<'first' | 'second'>({
      checks: [
        { id: 'first', title: 'merge commutes', weight: 1 },
        { id: 'second', title: 'merge commutes again', weight: 1 },
      ],
      laws: { first: law, second: law },
      numRuns: 20,
      inputsNoun: 'counters',
    });
    // Not commutative once both arguments are large: the generated inputs find it, no fixed case does.
    const merge = (a: number, b: number): number => (a > 5 && b > 5 ? a : Math.max(a, b));
    const [first, second] = await group.run({ ...ctx(caller({ merge })), schedules: 20, recordFirstRuns: true });
    expect(first!.firstRuns?.failed).toBeDefined();
    expect(first!.firstRuns?.belowUnknown).toBeUndefined();
    expect(second!.firstRuns).toMatchObject({ belowUnknown: true });
  });
});

describe('lawCheckGroup with a law across fresh modules', () => {
  const group = lawCheckGroup<'merge-commutes'>({
    checks: [{ id: 'merge-commutes', title: 'merge is commutative', weight: 1 }],
    laws: {
      'merge-commutes': (session) =>
        fc.asyncProperty(fc.constantFrom(1, 2), fc.constantFrom(1, 2), async (a, b) => {
          const [ab, ba] = [await session.ask('merge', [a, b], { now: 0 }), await session.ask('merge', [b, a], { now: 0 })];
          if (!ab.ok || !ba.ok || ab.value !== ba.value) throw new LawBroken(`merge(${a}, ${b}) and merge(${b}, ${a}) differ`);
        }) as never,
    },
    freshModuleLaws: {
      'merge-commutes': async (fresh) => {
        const one = await fresh();
        const ab = await one?.ask('merge', [1, 2], { now: 0 });
        const other = await fresh();
        const ba = await other?.ask('merge', [2, 1], { now: 0 });
        if (ab?.ok && ba?.ok && ab.value !== ba.value) throw new LawBroken(`merge(1, 2) = ${String(ab.value)} in one fresh module, merge(2, 1) = ${String(ba.value)} in another`);
      },
    },
    numRuns: 10,
    inputsNoun: 'counters',
  });
  /** A module whose merge keeps the number it saw first; `reload` starts a new copy of it (or fails). */
  const firstSeen = (reloads: boolean): CheckContext => {
    let seen: number[] = [];
    const merge = (a: number, b: number): number => {
      for (const x of [a, b]) if (!seen.includes(x)) seen.push(x);
      return seen.indexOf(a) <= seen.indexOf(b) ? a : b;
    };
    return { ...ctx(caller({ merge })), reload: async () => ((seen = []), reloads) };
  };

  it('fails a law that holds in one module but not across two fresh ones, and says nothing when the module cannot be loaded again', async () => {
    expect((await group.run(ctx(caller({ merge: (a: number, b: number) => Math.max(a, b) }))))[0]).toMatchObject({ status: 'passed' });
    expect((await group.run(firstSeen(true)))[0]).toMatchObject({ status: 'failed', cause: 'property', message: 'merge(1, 2) = 1 in one fresh module, merge(2, 1) = 2 in another' });
    expect((await group.run(firstSeen(false)))[0]).toMatchObject({ status: 'passed' });
  });
});
