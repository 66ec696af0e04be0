/**
 * The soundness self-check: with a correct coordinator, no generated schedule may break a property.
 * If one did, the harness would report "internal error (harness bug)" to a learner who did nothing
 * wrong. Correct coordinators are called in-process here (the check logic is the same) for speed.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runJudged } from '../../harness/curriculum/failover-coordinator/cluster-checks.ts';
import { buildScenario, scenarioSpecArbitrary } from '../../harness/curriculum/failover-coordinator/scenarios.ts';
import type { LearnerCaller } from '../../harness/curriculum/index.ts';
import { packageRoot } from '../../harness/grading/index.ts';

const root = packageRoot();
const correctDir = join(root, 'test', 'fixtures', 'correct', 'failover-coordinator');
const coordinators = [
  join(root, 'solutions', '06-replication', '2.3-failover-coordinator', 'failover-coordinator.ts'),
  ...(existsSync(correctDir) ? readdirSync(correctDir).filter((f) => f.endsWith('.ts')).sort().map((f) => join(correctDir, f)) : []),
];

function inProcess(module: Record<string, unknown>): LearnerCaller {
  return async (fn, args) => {
    try {
      return { kind: 'returned', value: (module[fn] as (...a: unknown[]) => unknown)(...args), console: '' };
    } catch (error) {
      return { kind: 'threw', error: { name: (error as Error).name, message: (error as Error).message }, console: '' };
    }
  };
}

// 2,000 schedules in all: half for the reference solution, the rest shared by the other correct ones.
const TOTAL = Number(process.env.SOUNDNESS_SCHEDULES ?? 2000);

describe('soundness: a correct coordinator never breaks a property', () => {
  it('has the reference solution and two differently written correct coordinators to try', () => {
    expect(coordinators.length).toBeGreaterThanOrEqual(3);
  });

  for (const [i, file] of coordinators.entries()) {
    const count = i === 0 ? TOTAL / 2 : Math.ceil(TOTAL / 2 / Math.max(1, coordinators.length - 1));
    it(`${file.slice(root.length + 1)}: ${count} generated schedules, no violation`, async () => {
      const module = (await import(file)) as Record<string, unknown>;
      const ctx = { call: inProcess(module), hostYield: () => new Promise<void>((r) => setImmediate(r)) };
      const violations: string[] = [];
      const specs = fc.sample(scenarioSpecArbitrary, { seed: 1000 + i, numRuns: count });
      for (const spec of specs) {
        const judged = await runJudged(ctx, buildScenario(spec), false);
        expect(judged.learnerProblem).toBeUndefined();
        expect(judged.firstBadDecision).toBeUndefined();
        for (const v of judged.verdicts) if (!v.ok) violations.push(`${JSON.stringify(spec)}\n  ${v.property}: ${v.explanation}`);
      }
      expect(violations.slice(0, 3).join('\n')).toBe('');
    }, 240_000);
  }
});
