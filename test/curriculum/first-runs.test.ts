/**
 * What `workbook calibrate` stands on: fast-check draws a run's i-th value from the seed and i alone,
 * so a pass of N schedules is a prefix of a pass of M > N under the same seed; and the first runs a
 * group records say what it would report at every smaller count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hiddenScenarioSpecArbitrary } from '../../harness/curriculum/failover-coordinator/scenarios.ts';
import { firstNotPassed, firstRunsRecorder, statusAt } from '../../harness/curriculum/first-runs.ts';

/** The values an fc.check pass draws, in order. */
async function drawn(numRuns: number, seed: number): Promise<string[]> {
  const seen: string[] = [];
  await fc.check(
    fc.asyncProperty(hiddenScenarioSpecArbitrary, async (spec) => {
      seen.push(JSON.stringify(spec));
      return true;
    }),
    { seed, numRuns },
  );
  return seen;
}

describe('a first pass of fewer schedules', () => {
  it('is a prefix of a longer one under the same seed (fast-check draws the i-th value independently of numRuns)', async () => {
    for (const seed of [1, 600_613, 112_648]) {
      const long = await drawn(200, seed);
      for (const n of [1, 30, 120]) expect(await drawn(n, seed)).toEqual(long.slice(0, n));
    }
    // And a sample draws the same values as a check: the soundness runs see the scenarios graded.
    expect(fc.sample(hiddenScenarioSpecArbitrary, { seed: 7, numRuns: 50 }).map((s) => JSON.stringify(s))).toEqual(await drawn(50, 7));
  });
});

describe('first runs', () => {
  it('give each count the status the pass would report, in the pass precedence', () => {
    expect(statusAt(undefined, 5)).toBe('passed');
    const failed = { failed: 40, failedRun: 39 };
    expect([1, 39, 40, 600].map((n) => statusAt(failed, n))).toEqual(['passed', 'passed', 'failed', 'failed']);
    // A learner problem ends the pass for every open check: it wins over a failure seen before it.
    const problem = { failed: 3, failedRun: 2, problem: { from: 10, status: 'timed-out' as const } };
    expect([2, 3, 10].map((n) => statusAt(problem, n))).toEqual(['passed', 'failed', 'timed-out']);
    expect(firstNotPassed(problem)).toBe(3);
    // A skipped check (its optional export missing) stays skipped; a harness bug is reported over a failure.
    expect(statusAt({ failed: 2, skipped: 5 }, 9)).toBe('passed');
    expect(statusAt({ failed: 2, harnessBug: 4 }, 4)).toBe('harness-bug');
    // Below a law's failure its fresh-module law would have run: not known from this pass.
    expect(statusAt({ failed: 8, belowUnknown: true }, 7)).toBe('unknown');
    expect(statusAt({ failed: 8, belowUnknown: true }, 8)).toBe('failed');
  });

  it('name a run by the smallest count whose pass includes it, for groups that run a share of the schedules', () => {
    // quorum-reader's linearizable group runs half the schedules: run 9 is in the pass from 19 on.
    const half = firstRunsRecorder({ recordFirstRuns: true, schedules: 600 }, (n) => Math.max(1, Math.ceil(n / 2)));
    half.failed('a', 9);
    half.failed('a', 20);
    expect(half.of('a')).toEqual({ firstRuns: { failed: 19, failedRun: 9 } });
    // A law group's hidden tier runs its 40 public runs more: any of those is in the pass at 1.
    const law = firstRunsRecorder({ recordFirstRuns: true, schedules: 600 }, (n) => 40 + n);
    law.problem(12, 'crashed', ['b']);
    law.failed('c', 45);
    expect(law.of('b')).toEqual({ firstRuns: { problem: { from: 1, status: 'crashed' } } });
    expect(law.of('c')).toEqual({ firstRuns: { failed: 6, failedRun: 45 } });
    expect(law.of('d')).toEqual({});
    // Without `recordFirstRuns` (every grading and check but calibration's) nothing is recorded.
    const off = firstRunsRecorder({ schedules: 600 }, (n) => n);
    off.failed('a', 1);
    off.problem(2, 'crashed', ['a']);
    expect(off.of('a')).toEqual({});
  });
});
