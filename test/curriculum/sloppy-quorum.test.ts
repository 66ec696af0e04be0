/**
 * The sloppy-quorum exercise: buggy variants each fail the checks their `// targets:` line names,
 * correct ones pass, and (in process, for speed) correct decisions never break a hint property.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { variantTargets } from '../../harness/cli/commands/verify.ts';
import { findExercise } from '../../harness/curriculum/index.ts';
import { runJudgedSloppy } from '../../harness/curriculum/sloppy-quorum/cluster-checks.ts';
import { buildSloppyScenario, sloppySpecArbitrary } from '../../harness/curriculum/sloppy-quorum/scenarios.ts';
import { checkExercise, packageRoot, type ExerciseResult } from '../../harness/grading/index.ts';
import { inProcessCaller } from './quorum-reader-in-process.ts';

const root = packageRoot();
const exercise = findExercise('sloppy-quorum')!;

/** The ids of the checks a replay token can stand for (the exercise's replayable groups). */
const REPLAYABLE = new Set(exercise.groups.filter((g) => g.replayable).flatMap((g) => g.checks.map((c) => c.id)));
const buggyDir = join(root, 'test', 'fixtures', 'buggy', exercise.id);
const correctDir = join(root, 'test', 'fixtures', 'correct', exercise.id);
const BUGGY = [
  'ack-drops-all-of-node',
  'ack-ignores-version',
  'drops-hint-on-send',
  'fallbacks-not-checked',
  'hands-off-every-hint',
  'home-as-its-own-target',
  'homes-off-by-one',
  'never-hands-off',
  'no-fallbacks',
] as const;
const CORRECT = ['index-loops'] as const;
const allCheckIds = exercise.groups.flatMap((g) => g.checks.map((c) => c.id));
const targetsOf = (name: string): string[] => variantTargets(readFileSync(join(buggyDir, `${name}.ts`), 'utf8'));
const tsFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const summary = (r: ExerciseResult): string =>
  r.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status} — ${c.message}`).join('\n') || '(every check passed)';

describe('sloppy-quorum fixtures', () => {
  it('hold the expected variants, and every check is targeted by one', () => {
    expect(tsFiles(buggyDir)).toEqual([...BUGGY]);
    expect(tsFiles(correctDir)).toEqual([...CORRECT]);
    const targeted = new Set(BUGGY.flatMap(targetsOf));
    expect(allCheckIds.filter((id) => !targeted.has(id))).toEqual([]);
    expect([...targeted].filter((id) => !allCheckIds.includes(id))).toEqual([]);
  });
});

describe('buggy sloppy quorums are caught', () => {
  for (const name of BUGGY) {
    it(`${name} fails every check it targets`, async () => {
      const r = await checkExercise({ root, exercise, file: join(buggyDir, `${name}.ts`) });
      expect(r.typeErrors).toEqual([]);
      expect(r.checks.filter((c) => c.status !== 'passed' && c.status !== 'failed').map((c) => `${c.id}: ${c.status}`)).toEqual([]);
      const byId = new Map(r.checks.map((c) => [c.id, c]));
      for (const id of targetsOf(name)) expect(byId.get(id)?.status, `${name} should fail ${id}; got:\n${summary(r)}`).toBe('failed');
      for (const c of r.checks.filter((c) => REPLAYABLE.has(c.id) && c.status === 'failed')) {
        expect(c.scenario?.shrinkRuns, c.id).toBeGreaterThan(0);
        expect(c.replay, c.id).toMatch(/^\S{16,}$/);
        expect(c.firstBadDecision, c.id).toMatch(/^at t=\d+ ms \([nw]\d\) /);
      }
    });
  }
});

describe('correct sloppy quorums pass', () => {
  for (const file of [join(root, exercise.solution), ...CORRECT.map((c) => join(correctDir, `${c}.ts`))]) {
    it(`${file.slice(root.length + 1)} passes every check`, async () => {
      const r = await checkExercise({ root, exercise, file });
      expect(summary(r)).toBe('(every check passed)');
    });
  }

  it('soundness: the reference decisions never break a hint property or leave the acceptable set (150 schedules, in process)', async () => {
    const module = (await import(join(root, exercise.solution))) as Record<string, unknown>;
    const ctx = { call: inProcessCaller(module), hostYield: () => new Promise<void>((r) => setImmediate(r)) };
    const problems: string[] = [];
    for (const spec of fc.sample(sloppySpecArbitrary, { seed: 4000, numRuns: Number(process.env.SLOPPY_SOUNDNESS_SCHEDULES ?? 150) })) {
      const judged = await runJudgedSloppy(ctx, buildSloppyScenario(spec));
      expect(judged.learnerProblem).toBeUndefined();
      if (judged.firstBadDecision) problems.push(`${JSON.stringify(spec)}\n  ${judged.firstBadDecision.text}`);
      for (const v of judged.verdicts) if (!v.ok) problems.push(`${JSON.stringify(spec)}\n  ${v.property}: ${v.explanation}`);
    }
    expect(problems.slice(0, 3).join('\n')).toBe('');
  }, 240_000);
});
