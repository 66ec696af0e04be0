/**
 * Grading reuses recorded runs without changing a grade: the reference solution's pair records its
 * runs (public tier, and the hidden one when CI=true), and a buggy submission (and a correct one when
 * CI=true) then gets exactly the result it gets with nothing recorded.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findExercise } from '../../harness/curriculum/index.ts';
import { defaultGradeConfig, gradePair, packageRoot, RunRecordStore, type PairJob } from '../../harness/grading/index.ts';

const root = packageRoot();
const exercise = findExercise('failover-coordinator')!;
const dir = mkdtempSync(join(tmpdir(), 'workbook-grade-runs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The hidden tier (hundreds more schedules) only when CI=true: plain `npm test` has a time budget.
const config = process.env.CI === 'true' ? defaultGradeConfig() : { ...defaultGradeConfig(), hidden: {} };
const job = (file: string, runs?: PairJob['runs']): PairJob => {
  const content = readFileSync(join(root, file), 'utf8');
  return { student: 's', exercise: exercise.id, submission: { main: exercise.file, files: [{ path: exercise.file, content }], hash: file }, config, ...(runs ? { runs } : {}) };
};

it('a submission graded with recorded runs gets the same result as without', async () => {
  const reference = await gradePair(job(exercise.solution, { dir, as: 'reference' }));
  expect(reference.result.score).toBe(reference.result.maxScore);
  const files = ['test/fixtures/buggy/failover-coordinator/lowest-log-elected.ts', ...(process.env.CI === 'true' ? ['test/fixtures/correct/failover-coordinator/sort-and-max.ts'] : [])];
  for (const file of files) {
    const plain = await gradePair(job(file));
    const reused = await gradePair(job(file, { dir, as: 'learner' }));
    expect(reused.result, file).toEqual(plain.result);
  }
  // What the reference recorded, a new store reads back for both tiers.
  const records = new RunRecordStore(dir).forCheck(exercise, 'learner');
  const groups = exercise.groups.map((g, i) => [g, i] as const).filter(([g]) => g.replayable);
  for (const [, i] of groups) {
    expect(records.hasReference(i, { seed: exercise.seed, schedules: exercise.schedules })).toBe(true);
    const hidden = config.hidden[exercise.id];
    if (hidden !== undefined) expect(records.hasReference(i, { ...hidden, tier: 'hidden' })).toBe(true);
  }
}, 300_000);
