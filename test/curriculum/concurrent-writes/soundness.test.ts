/**
 * The soundness self-check for both exercises that run the siblings store: with correct functions
 * (called in-process for speed; the check logic is the same) no generated schedule breaks a property
 * and no call is judged outside its acceptable set, so a learner is never blamed for a harness bug.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LearnerCaller } from '../../../harness/curriculum/index.ts';
import { runJudgedConcurrentWrites } from '../../../harness/curriculum/concurrent-writes/cluster-checks.ts';
import { buildSiblingScenario, siblingScenarioSpecArbitrary } from '../../../harness/curriculum/workloads/siblings/scenarios.ts';
import { runJudgedWithLearnerClock } from '../../../harness/curriculum/vector-clock/integration-check.ts';
import { packageRoot } from '../../../harness/grading/index.ts';

const root = packageRoot();
const filesOf = (solution: string, exercise: string): string[] => {
  const dir = join(root, 'test', 'fixtures', 'correct', exercise);
  return [join(root, solution), ...(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().map((f) => join(dir, f)) : [])];
};

function inProcess(module: Record<string, unknown>): LearnerCaller {
  return async (fn, args) => {
    try {
      return { kind: 'returned', value: structuredClone((module[fn] as (...a: unknown[]) => unknown)(...structuredClone(args))), console: '' };
    } catch (error) {
      return { kind: 'threw', error: { name: (error as Error).name, message: (error as Error).message }, console: '' };
    }
  };
}

const SCHEDULES = Number(process.env.SOUNDNESS_SCHEDULES ?? 400) / 2;
const suites = [
  { exercise: 'concurrent-writes', files: filesOf('solutions/06-replication/5.3-concurrent-writes/concurrent-writes.ts', 'concurrent-writes'), judge: runJudgedConcurrentWrites },
  { exercise: 'vector-clock', files: filesOf('solutions/06-replication/6.2-vector-clock/vector-clock.ts', 'vector-clock'), judge: runJudgedWithLearnerClock },
];

for (const suite of suites) {
  describe(`soundness: correct ${suite.exercise} code never breaks a property`, () => {
    for (const [i, file] of suite.files.entries()) {
      const count = i === 0 ? SCHEDULES : Math.ceil(SCHEDULES / 4);
      it(`${file.slice(root.length + 1)}: ${count} generated schedules, no violation, no call outside the acceptable set`, async () => {
        const module = (await import(file)) as Record<string, unknown>;
        const ctx = { call: inProcess(module), hostYield: () => new Promise<void>((r) => setImmediate(r)) };
        const problems: string[] = [];
        for (const spec of fc.sample(siblingScenarioSpecArbitrary, { seed: 2000 + i, numRuns: count })) {
          const judged = await suite.judge(ctx, buildSiblingScenario(spec));
          if (judged.learnerProblem) problems.push(`${JSON.stringify(spec)}: ${judged.learnerProblem.message}`);
          if (judged.firstBadCall) problems.push(`${JSON.stringify(spec)}: ${judged.firstBadCall.text}`);
          for (const v of judged.verdicts) if (!v.ok) problems.push(`${JSON.stringify(spec)}\n  ${v.property}: ${v.explanation}`);
        }
        expect(problems.slice(0, 3).join('\n')).toBe('');
      }, 180_000);
    }
  });
}
