/**
 * The rule `workbook calibrate` picks a count by: verdicts that agree under every seed tried are not
 * enough; every check that failed under any seed must fail by then under any seed with probability
 * ≥ 99 %, so a bug found only by chance leaves no count sound.
 */
import { describe, expect, it } from 'vitest';
import { chanceChecks, countNeeded, settledAt, verdictAt, type SeedGrading } from '../../harness/grading/grade/calibration-rule.ts';

/** A fixture under one seed: check id → the count from which it fails (null: passes at the top). */
const seed = (froms: Record<string, number | null>): SeedGrading =>
  Object.entries(froms).map(([id, from]) => (from === null ? { id, status: 'passed' as const } : { id, status: 'failed' as const, firstRuns: { failed: from, failedRun: from - 1 } }));

describe('the calibration rule', () => {
  it('reads each count from the first failures of one pass at the top', () => {
    const g = seed({ targeted: 40, other: null });
    expect(verdictAt(g, 39)).toBe('targeted:passed other:passed');
    expect(verdictAt(g, 40)).toBe('targeted:failed other:passed');
    // A check without first runs (a fixed case) reports the same at every count.
    expect(verdictAt([{ id: 'case', status: 'failed' }], 1)).toBe('case:failed');
  });

  it('estimates the chance per schedule from the first failures, censored at the top for seeds that passed', () => {
    const [c] = chanceChecks([seed({ x: 10 }), seed({ x: 30 }), seed({ x: null })], 600);
    // 2 failures in 10 + 30 + 600 schedules watched.
    expect(c!.perSchedule).toBeCloseTo(2 / 640, 12);
    expect(c!.from).toEqual([10, 30, null]);
    expect(c!.needs).toBe(countNeeded(2 / 640));
    expect(countNeeded(1)).toBe(1);
    expect(countNeeded(0)).toBe(Number.POSITIVE_INFINITY);
    // ln(0.01) / ln(1 − 1/20) ≈ 89.8.
    expect(countNeeded(1 / 20)).toBe(90);
  });

  it('settles a fixture only where every seed agrees and every failing check is nearly sure to fail', () => {
    const early = [seed({ t: 1, o: null }), seed({ t: 2, o: null }), seed({ t: 1, o: null })];
    const chances = chanceChecks(early, 600);
    expect(settledAt(early, chances, 1)).toBe(false);
    // Every seed agrees at 2, but p̂ = 3/4 needs 4 schedules for 99 %.
    expect(settledAt(early, chances, 2)).toBe(false);
    expect(settledAt(early, chances, 4)).toBe(true);
    // A check that fails under one seed of three, late: agreement at 30 (all pass) is luck, and no count up to 600 settles it.
    const chance = [seed({ t: 1, liveness: null }), seed({ t: 1, liveness: 450 }), seed({ t: 1, liveness: null })];
    const c = chanceChecks(chance, 600);
    expect(new Set(chance.map((g) => verdictAt(g, 30))).size).toBe(1);
    for (const n of [30, 120, 600]) expect(settledAt(chance, c, n)).toBe(false);
    expect(c.find((x) => x.check === 'liveness')!.needs).toBeGreaterThan(600);
    // A verdict the top run cannot tell (a law's fresh-module check below its failure) settles nothing.
    const unknown: SeedGrading[] = [[{ id: 'law', status: 'failed', firstRuns: { failed: 5, belowUnknown: true } }], [{ id: 'law', status: 'failed', firstRuns: { failed: 1 } }]];
    expect(settledAt(unknown, chanceChecks(unknown, 20), 4)).toBe(false);
    // p̂ = 2 / (5 + 1) needs 12.
    expect(settledAt(unknown, chanceChecks(unknown, 20), 12)).toBe(true);
  });
});
