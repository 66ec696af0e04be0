/**
 * The shared scenario-check flow, driven through the quorum-reader exercise with a reader that never
 * repairs: a shrunk failure is replayed in a fresh module, and when the module cannot be loaded again
 * the report says so instead of blaming state kept between calls.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckContext, GroupResult } from '../../harness/curriculum/check.ts';
import { quorumClusterChecks } from '../../harness/curriculum/quorum-reader/cluster-checks.ts';
import { packageRoot } from '../../harness/grading/index.ts';
import { inProcessCaller } from './in-process-caller.ts';

async function runNoRepair(reload: () => Promise<boolean>): Promise<GroupResult[]> {
  const module = (await import(join(packageRoot(), 'test', 'fixtures', 'buggy', 'quorum-reader', 'no-repair.ts'))) as Record<string, unknown>;
  let clock = 0;
  const ctx: CheckContext = {
    call: inProcessCaller(module),
    reload,
    seed: 1,
    schedules: 30,
    shrink: { maxRuns: 40, maxMs: 60_000 },
    wallClockMs: () => clock++,
    hostYield: () => new Promise<void>((r) => setImmediate(r)),
  };
  return quorumClusterChecks.run(ctx);
}

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
});
