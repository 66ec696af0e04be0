/**
 * Law groups that declare a hidden tier run it on the tier's own seed with more inputs: the solutions
 * of the 6.1 exercises pass it, a buggy fixture still fails it, and it asks more than the public tier.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { findExercise, type CheckContext } from '../../harness/curriculum/index.ts';
import { packageRoot } from '../../harness/grading/index.ts';
import { inProcessCaller } from '../../harness/curriculum/index.ts';

const root = packageRoot();

async function runTier(id: string, file: string, tier: 'public' | 'hidden'): Promise<{ failed: string[]; calls: number }> {
  const e = findExercise(id)!;
  const inner = inProcessCaller((await import(join(root, file))) as Record<string, unknown>);
  let calls = 0;
  const ctx: CheckContext = {
    call: (...a) => ((calls += 1), inner(...a)),
    reload: async () => true,
    seed: tier === 'hidden' ? 600_613 : e.seed,
    schedules: tier === 'hidden' ? 120 : e.schedules,
    shrink: { maxRuns: 0, maxMs: 0 },
    wallClockMs: () => 0,
    hostYield: () => new Promise<void>((r) => setImmediate(r)),
    tier,
  };
  const failed: string[] = [];
  for (const g of e.groups) {
    expect(g.tiers).toContain('hidden');
    for (const r of await g.run(ctx)) if (r.status !== 'passed') failed.push(r.id);
  }
  return { failed, calls };
}

it.each(['crdt-counters', 'or-set', 'operational-transform'])('%s: the solution passes the hidden tier, which asks more than the public one', async (id) => {
  const e = findExercise(id)!;
  const hidden = await runTier(id, e.solution, 'hidden');
  expect(hidden.failed).toEqual([]);
  expect(hidden.calls).toBeGreaterThan((await runTier(id, e.solution, 'public')).calls);
});

it('a buggy fixture fails the hidden tier too', async () => {
  expect((await runTier('or-set', 'test/fixtures/buggy/or-set/or-remove-wins.ts', 'hidden')).failed).toContain('or-update-laws');
});
