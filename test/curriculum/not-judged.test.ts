/**
 * Runs that could not judge a check are counted, never passed: the scenario flow counts the runs in
 * which every property of a check was not judged (a run stopped early), says so in the passed check,
 * and marks a check judged in no run as skipped; a replay says which checks it did not run.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notJudged, satisfied, type Verdict } from '../../harness/checkers/index.ts';
import type { CheckContext } from '../../harness/curriculum/check.ts';
import { findExercise } from '../../harness/curriculum/index.ts';
import { scenarioCheckGroup, type JudgedScenarioRun } from '../../harness/curriculum/scenario-checks.ts';
import { checkExercise, packageRoot } from '../../harness/grading/index.ts';

type P = 'sometimes' | 'never';
type Judged = JudgedScenarioRun<P, number>;

/** A group whose runs (one per drawn number) judge `sometimes` on odd numbers only and `never` in no run. */
const group = scenarioCheckGroup<{ family: string; n: number }, number, P, Judged>({
  format: 1,
  checks: [
    { id: 'sometimes-judged', title: 'judged in odd runs', weight: 1, properties: ['sometimes'] },
    { id: 'never-judged', title: 'judged in no run', weight: 1, properties: ['never'] },
  ],
  specs: () => fc.record({ family: fc.constant('numbers'), n: fc.integer({ min: 0, max: 99 }) }),
  build: (spec) => spec.n,
  runJudged: async (_ctx, n) => ({
    run: { scenario: n, trace: [] },
    verdicts: [n % 2 === 1 ? satisfied<P>('sometimes') : notJudged<P>('sometimes', `run ${n} stopped early`), notJudged<P>('never', 'the run stopped early')] as Verdict<P>[],
    console: '',
  }),
  firstBad: () => undefined,
  failureOf: () => ({ details: [] }),
  describe: (spec) => ({ parameters: `n=${spec.n}`, schedule: [] }),
  couldNotJudge: 'not judged',
  answerNoun: 'answer',
  statelessAdvice: '',
  present: { lanes: () => [], message: () => ({ label: '', quiet: true }), note: () => null },
});

const ctx = (replay?: unknown): CheckContext => ({
  call: async () => ({ kind: 'returned', value: undefined, console: '' }),
  reload: async () => true,
  seed: 7,
  schedules: 20,
  shrink: { maxRuns: 10, maxMs: 1000 },
  wallClockMs: () => 0,
  hostYield: async () => undefined,
  ...(replay !== undefined ? { replay } : {}),
});

describe('runs that could not judge a check', () => {
  it('are counted apart from passes, and a check judged in no run is skipped', async () => {
    const [sometimes, never] = await group.run(ctx());
    expect(sometimes!.status).toBe('passed');
    expect(sometimes!.skipped).toBeUndefined();
    expect(sometimes!.notJudgedRuns?.of).toBe(20);
    expect(sometimes!.notJudgedRuns!.count).toBeGreaterThan(0);
    expect(sometimes!.notJudgedRuns!.count).toBeLessThan(20);
    expect(sometimes!.details.at(-1)).toMatch(/^not judged in \d+ of 20 runs; in the first, run \d+ stopped early$/);
    expect(never).toMatchObject({ status: 'passed', skipped: true, notJudgedRuns: { count: 20, of: 20, why: 'the run stopped early' } });
  });

  it('in a replay, a check its run could not judge is skipped', async () => {
    const [odd] = await group.run(ctx({ family: 'numbers', n: 3 }));
    const [even] = await group.run(ctx({ family: 'numbers', n: 4 }));
    expect(odd).toMatchObject({ status: 'passed', details: [] });
    expect(odd!.skipped).toBeUndefined();
    expect(even).toMatchObject({ status: 'passed', skipped: true, details: ['not judged in this run: run 4 stopped early'] });
  });
});

describe('a replay', () => {
  it('says which checks it did not run', async () => {
    const root = packageRoot();
    const exercise = findExercise('vector-clock')!;
    const file = join(root, 'test', 'fixtures', 'buggy', 'vector-clock', 'compare-first-clock-ids-only.ts');
    const first = await checkExercise({ root, exercise, file, typecheck: false });
    const token = first.checks.find((c) => c.id === 'cluster-detects-concurrent-writes')!.replay!;
    expect(first.notRun).toBeUndefined();
    const replayed = await checkExercise({ root, exercise, file, typecheck: false, replay: token });
    expect(replayed.checks.map((c) => c.id)).toEqual(['cluster-detects-concurrent-writes']);
    expect(replayed.notRun?.map((c) => c.id)).toEqual(exercise.groups.filter((g) => !g.replayable).flatMap((g) => g.checks.map((c) => c.id)));
  });
});
