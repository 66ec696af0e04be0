/**
 * The shared scenario-check flow, driven through the quorum-reader exercise with a reader that never
 * repairs: a shrunk failure is replayed in a fresh module, and when the module cannot be loaded again
 * the report says so instead of blaming state kept between calls; and the soundness self-check
 * blames that reader, never the reference one.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckContext, GroupResult } from '../../harness/curriculum/check.ts';
import { findExercise } from '../../harness/curriculum/index.ts';
import { quorumClusterChecks } from '../../harness/curriculum/quorum-reader/cluster-checks.ts';
import { packageRoot } from '../../harness/grading/index.ts';
import { inProcessCaller } from '../../harness/curriculum/index.ts';

async function contextFor(file: string, reload: () => Promise<boolean>): Promise<CheckContext> {
  const module = (await import(join(packageRoot(), file))) as Record<string, unknown>;
  let clock = 0;
  return {
    call: inProcessCaller(module),
    reload,
    seed: 1,
    schedules: 30,
    shrink: { maxRuns: 40, maxMs: 60_000 },
    wallClockMs: () => clock++,
    hostYield: () => new Promise<void>((r) => setImmediate(r)),
  };
}

async function runNoRepair(reload: () => Promise<boolean>): Promise<GroupResult[]> {
  return quorumClusterChecks.run(await contextFor(NO_REPAIR, reload));
}

const NO_REPAIR = 'test/fixtures/buggy/quorum-reader/no-repair.ts';

describe('scenario check group', () => {
  it('reports a failure that fails again in a fresh module without blaming state', async () => {
    const failed = (await runNoRepair(async () => true)).filter((r) => r.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) {
      expect(r.message).not.toContain('keeps state between calls');
      expect(r.cause).toBe('property');
      expect(r.replay).toBeDefined();
      expect(r.scenario?.shrinkRuns).toBeGreaterThan(0);
    }
  }, 120_000);

  it('says the module could not be loaded again when the reload fails, not that the scenario did not fail', async () => {
    const failed = (await runNoRepair(async () => false)).filter((r) => r.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) {
      expect(r.message).toContain('your module could not be loaded again');
      expect(r.message).not.toContain('did not fail');
      expect(r.cause).toBe('stateful');
    }
  }, 120_000);

  it('soundness: blames a reader that never repairs, with the run and the broken property, and not the reference reader', async () => {
    const buggy = await quorumClusterChecks.soundness!(await contextFor(NO_REPAIR, async () => true), 30);
    expect(buggy.judged).toBe(30);
    expect(buggy.problems.join('\n')).toMatch(/^\{"family":.*\n  (read-repair: |at t=\d+ ms )/);
    const reference = await quorumClusterChecks.soundness!(await contextFor(findExercise('quorum-reader')!.solution, async () => true), 30);
    expect(reference).toEqual({ judged: 30, problems: [] });
  }, 120_000);
});
