/**
 * The fixture suite shared by the vector-clock and concurrent-writes exercises: every buggy variant
 * fails each check its `// targets:` line names (as a learner's wrong answer would: never a crash or a
 * harness bug), failing cluster checks come with a shrunk schedule, a replay token that replays to the
 * same failure, and the first call outside the acceptable set; correct variants and the solution pass;
 * the stub fails every check with "not implemented yet".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { variantTargets } from '../../../harness/cli/commands/verify.ts';
import { findExercise, type CheckResult } from '../../../harness/curriculum/index.ts';
import { checkExercise, packageRoot, type ExerciseResult } from '../../../harness/grading/index.ts';
import { pristineStubFile } from '../../fixtures/ux/pristine-stub.ts';

export function variantSuite(exerciseId: string, buggy: readonly string[], correct: readonly string[]): void {
  const root = packageRoot();
  const exercise = findExercise(exerciseId)!;
  const replayable = new Set(exercise.groups.filter((g) => g.replayable).flatMap((g) => g.checks.map((c) => c.id)));
  const buggyDir = join(root, 'test', 'fixtures', 'buggy', exerciseId);
  const correctDir = join(root, 'test', 'fixtures', 'correct', exerciseId);
  const allCheckIds = exercise.groups.flatMap((g) => g.checks.map((c) => c.id));
  const tsFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
  const targetsOf = (name: string): string[] => variantTargets(readFileSync(join(buggyDir, `${name}.ts`), 'utf8'));
  const grade = (file: string, replay?: string): Promise<ExerciseResult> => checkExercise({ root, exercise, file, ...(replay ? { replay } : {}) });
  const summary = (r: ExerciseResult): string =>
    r.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status} — ${c.message}`).join('\n') || '(every check passed)';

  describe(`${exerciseId} fixtures`, () => {
    it('hold exactly the expected buggy and correct variants, at least six buggy ones', () => {
      expect(tsFiles(buggyDir)).toEqual([...buggy].sort());
      expect(tsFiles(correctDir)).toEqual([...correct].sort());
      expect(buggy.length).toBeGreaterThanOrEqual(6);
    });

    it('target only real check ids, and every check is targeted by some variant', () => {
      const targeted = new Set(buggy.flatMap(targetsOf));
      expect([...targeted].filter((id) => !allCheckIds.includes(id))).toEqual([]);
      expect(allCheckIds.filter((id) => !targeted.has(id))).toEqual([]);
    });
  });

  describe(`buggy ${exerciseId} variants are caught`, () => {
    for (const name of buggy) {
      it(`${name} fails every check it targets`, async () => {
        const file = join(buggyDir, `${name}.ts`);
        const r = await grade(file);
        expect(r.loadProblem).toBeUndefined();
        expect(r.typeErrors).toEqual([]);
        expect(r.checks.filter((c) => c.status !== 'passed' && c.status !== 'failed').map((c) => `${c.id}: ${c.status}`)).toEqual([]);
        const byId = new Map(r.checks.map((c) => [c.id, c]));
        for (const id of targetsOf(name)) expect(byId.get(id)?.status, `${name} should fail ${id}; got:\n${summary(r)}`).toBe('failed');
        const cluster = r.checks.filter((c) => replayable.has(c.id) && c.status === 'failed');
        for (const c of cluster) expectReplayable(name, c);
        // The replay token runs exactly that scenario again, and it fails the same way.
        const first = cluster[0];
        if (first !== undefined) {
          const replayed = await grade(file, first.replay);
          expect(replayed.replayed).toBe(true);
          const again = replayed.checks.find((c) => c.id === first.id)!;
          expect(again.status).toBe('failed');
          expect(again.message).toBe(first.message);
        }
      });
    }
  });

  describe(`correct ${exerciseId} variants and the solution pass; the stub is not implemented`, () => {
    for (const name of correct) {
      it(`${name} passes every check`, async () => {
        const r = await grade(join(correctDir, `${name}.ts`));
        expect(r.typeErrors).toEqual([]);
        expect(summary(r)).toBe('(every check passed)');
        expect(r.checks.map((c) => c.id)).toEqual(allCheckIds);
      });
    }
    it('the reference solution passes every check', async () => {
      const r = await grade(join(root, exercise.solution));
      expect(summary(r)).toBe('(every check passed)');
      expect(r.passed).toBe(true);
    });
    it('the stub fails every check with "not implemented yet"', async () => {
      const r = await grade(pristineStubFile(exercise));
      expect(r.checks.map((c) => c.status)).toEqual(allCheckIds.map(() => 'not-implemented'));
      for (const c of r.checks) expect(c.message).toContain('not implemented yet');
    });
  });
}

function expectReplayable(name: string, c: CheckResult): void {
  const where = `${name} / ${c.id}`;
  expect(c.message, where).not.toBe('');
  expect(c.scenario, where).toBeDefined();
  expect(c.scenario!.shrinkRuns, `${where}: the schedule was not shrunk`).toBeGreaterThan(0);
  expect(c.replay, where).toMatch(/^\S{16,}$/);
  expect(c.firstBadDecision, where).toMatch(/^at t=\d+ ms n\d/);
  expect(c.timeline?.entries.length ?? 0, where).toBeGreaterThan(0);
}
