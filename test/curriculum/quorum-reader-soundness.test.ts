/**
 * The soundness self-check: with a correct quorum reader, no generated schedule may break a property
 * or produce a read outside the acceptable behaviour. Readers are called in-process (the same
 * checks, without the worker) for speed; callback objects are built here as the learner host does.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runJudgedQuorum } from '../../harness/curriculum/quorum-reader/cluster-checks.ts';
import { buildQuorumScenario, quorumSpecArbitrary } from '../../harness/curriculum/quorum-reader/scenarios.ts';
import { packageRoot } from '../../harness/grading/index.ts';
import { inProcessCaller } from './quorum-reader-in-process.ts';

const root = packageRoot();
const correctDir = join(root, 'test', 'fixtures', 'correct', 'quorum-reader');
const readers = [
  join(root, 'solutions', '06-replication', '5.2-quorum-reader', 'quorum-reader.ts'),
  ...(existsSync(correctDir) ? readdirSync(correctDir).filter((f) => f.endsWith('.ts')).sort().map((f) => join(correctDir, f)) : []),
];

const TOTAL = Number(process.env.QUORUM_SOUNDNESS_SCHEDULES ?? 300);

describe('soundness: a correct quorum reader never breaks a property', () => {
  it('has the reference solution and two differently written correct readers to try', () => {
    expect(readers.length).toBeGreaterThanOrEqual(3);
  });

  for (const [i, file] of readers.entries()) {
    const count = i === 0 ? TOTAL / 2 : Math.ceil(TOTAL / 2 / Math.max(1, readers.length - 1));
    it(`${file.slice(root.length + 1)}: ${count} generated schedules, no violation and no read outside the acceptable set`, async () => {
      const module = (await import(file)) as Record<string, unknown>;
      const ctx = { call: inProcessCaller(module), hostYield: () => new Promise<void>((r) => setImmediate(r)), seed: 1 };
      const problems: string[] = [];
      for (const spec of fc.sample(quorumSpecArbitrary, { seed: 3000 + i, numRuns: count })) {
        const judged = await runJudgedQuorum(ctx, buildQuorumScenario(spec));
        expect(judged.learnerProblem).toBeUndefined();
        if (judged.firstBadRead) problems.push(`${JSON.stringify(spec)}\n  ${judged.firstBadRead.text}`);
        for (const v of judged.verdicts) if (!v.ok) problems.push(`${JSON.stringify(spec)}\n  ${v.property}: ${v.explanation}`);
      }
      expect(problems.slice(0, 3).join('\n')).toBe('');
    }, 240_000);
  }
});
