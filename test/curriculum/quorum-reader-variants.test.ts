/**
 * Buggy and correct quorum readers, graded exactly as a learner's file is (compiled, loaded in a
 * worker, type-checked). Each buggy variant must fail every check its `// targets:` line names, and
 * each failing cluster check must show a shrunk schedule, a replay token, a timeline and the first
 * read outside the acceptable behaviour. Each correct variant must pass every check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { variantTargets } from '../../harness/cli/commands/verify.ts';
import { findExercise, type CheckResult } from '../../harness/curriculum/index.ts';
import { checkExercise, packageRoot, type ExerciseResult } from '../../harness/grading/index.ts';

const root = packageRoot();
const exercise = findExercise('quorum-reader')!;

/** The ids of the checks a replay token can stand for (the exercise's replayable groups). */
const REPLAYABLE = new Set(exercise.groups.filter((g) => g.replayable).flatMap((g) => g.checks.map((c) => c.id)));
const buggyDir = join(root, 'test', 'fixtures', 'buggy', exercise.id);
const correctDir = join(root, 'test', 'fixtures', 'correct', exercise.id);

const BUGGY = [
  'accepts-w-above-n',
  'last-arrival-wins',
  'mixed-reply',
  'needs-r-plus-one',
  'no-repair',
  'overlap-off-by-one',
  'rejects-on-first-failure',
  'repairs-repliers-only',
  'returns-first-reply',
  'stale-instead-of-quorum-error',
  'waits-for-all-n',
  'write-back-to-one',
] as const;
const CORRECT = ['async-counters', 'sorted-replies'] as const;

const isCluster = (id: string): boolean => REPLAYABLE.has(id);
const allCheckIds = exercise.groups.flatMap((g) => g.checks.map((c) => c.id));
const tsFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const targetsOf = (name: string): string[] => variantTargets(readFileSync(join(buggyDir, `${name}.ts`), 'utf8'));
const grade = (file: string): Promise<ExerciseResult> => checkExercise({ root, exercise, file });
const summary = (r: ExerciseResult): string =>
  r.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status} — ${c.message}`).join('\n') || '(every check passed)';

describe('quorum-reader fixtures', () => {
  it('hold exactly the expected buggy and correct variants', () => {
    expect(tsFiles(buggyDir)).toEqual([...BUGGY]);
    expect(tsFiles(correctDir)).toEqual([...CORRECT]);
  });

  it('target only real check ids, and every check of the exercise is targeted by some variant', () => {
    const targeted = new Set(BUGGY.flatMap(targetsOf));
    expect([...targeted].filter((id) => !allCheckIds.includes(id))).toEqual([]);
    expect(allCheckIds.filter((id) => !targeted.has(id))).toEqual([]);
  });
});

describe('buggy quorum readers are caught', () => {
  for (const name of BUGGY) {
    it(`${name} fails every check it targets`, async () => {
      const r = await grade(join(buggyDir, `${name}.ts`));
      expect(r.loadProblem).toBeUndefined();
      expect(r.typeErrors).toEqual([]);
      expect(r.checks.filter((c) => c.status !== 'passed' && c.status !== 'failed').map((c) => `${c.id}: ${c.status}`)).toEqual([]);
      const byId = new Map(r.checks.map((c) => [c.id, c]));
      for (const id of targetsOf(name)) expect(byId.get(id)?.status, `${name} should fail ${id}; got:\n${summary(r)}`).toBe('failed');
      for (const c of r.checks.filter((c) => isCluster(c.id) && c.status === 'failed')) expectReplayable(name, c);
    });
  }
});

function expectReplayable(name: string, c: CheckResult): void {
  const where = `${name} / ${c.id}`;
  expect(c.message, where).not.toBe('');
  expect(c.scenario, where).toBeDefined();
  expect(c.scenario!.shrinkRuns, `${where}: the schedule was not shrunk`).toBeGreaterThan(0);
  expect(c.replay, where).toMatch(/^\S{16,}$/);
  expect(c.firstBadDecision, where).toMatch(/^at t=\d+ ms read #\d+ of k\d /);
  expect(c.timeline?.entries.length, where).toBeGreaterThan(0);
}

describe('correct quorum readers pass', () => {
  for (const name of CORRECT) {
    it(`${name} passes every check`, async () => {
      const r = await grade(join(correctDir, `${name}.ts`));
      expect(r.typeErrors).toEqual([]);
      expect(summary(r)).toBe('(every check passed)');
      expect(r.checks.map((c) => c.id)).toEqual(allCheckIds);
    });
  }

  it('a replay token from a failing check replays that scenario and fails it again', async () => {
    const file = join(buggyDir, 'no-repair.ts');
    const first = await grade(file);
    const failed = first.checks.find((c) => c.id === 'cluster-read-repair')!;
    const again = await checkExercise({ root, exercise, file, replay: failed.replay! });
    expect(again.replayed).toBe(true);
    expect(again.checks.find((c) => c.id === 'cluster-read-repair')?.status).toBe('failed');
    const solution = await checkExercise({ root, exercise, file: join(root, exercise.solution), replay: failed.replay! });
    expect(summary(solution)).toBe('(every check passed)');
  });
});
