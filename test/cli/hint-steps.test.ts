/**
 * Hints follow the failure: the hint shown is the one the first failing check names, `check` counts
 * it and never shows the last level (the shape of the fix), `hint` goes on from there, and failures
 * that gave no answer to judge get advice instead of a hint. Results are the real `--json` results of
 * the buggy fixtures (test/golden/check-json), so no cluster is run here.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { afterCheck, CHECK_SHOWS_UP_TO, nextHint, stepAfterCheck, type HintProgress } from '../../harness/cli/hint-steps.ts';
import { NO_PROGRESS, ProgressStore, type ExerciseProgress } from '../../harness/cli/progress-store.ts';
import { EXERCISES, HINT_LEVELS, findExercise, type ExerciseEntry } from '../../harness/curriculum/index.ts';
import type { ExerciseResult } from '../../harness/grading/index.ts';
import { packageRoot } from '../../harness/grading/index.ts';

const golden = join(packageRoot(), 'test', 'golden', 'check-json');
const resultOf = (name: string): ExerciseResult => JSON.parse(readFileSync(join(golden, `${name}.json`), 'utf8')) as ExerciseResult;
const failover = findExercise('failover-coordinator')!;

/** Hint progress in memory, as the progress file would keep it. */
function memory(start: ExerciseProgress = NO_PROGRESS): HintProgress & { now: () => ExerciseProgress } {
  let p = start;
  return { update: async (_id, change) => void (p = change(p)), now: () => p };
}

const ladderFor = (e: ExerciseEntry, result: ExerciseResult): string | undefined => {
  const step = stepAfterCheck(e, result);
  return step.kind === 'hint' ? e.hints.byCheck[step.check.id] : undefined;
};

describe('hints follow the failure', () => {
  it('a fixture that fails only epoch ordering gets the epoch hint, not the majority hint', () => {
    const result = resultOf('buggy-failover-coordinator-lsn-without-epoch');
    expect(ladderFor(failover, result)).toBe('most-up-to-date');
    expect(failover.hints.ladders['most-up-to-date']!.join(' ')).toMatch(/epoch/);
    expect(ladderFor(failover, resultOf('buggy-failover-coordinator-majority-off-by-one'))).toBe('majority');
    expect(ladderFor(failover, resultOf('buggy-failover-coordinator-epoch-ignores-member-epochs'))).toBe('fresh-epoch');
    expect(ladderFor(failover, resultOf('buggy-failover-coordinator-failover-while-leader-answers'))).toBe('leader-answers');
  });

  it('every buggy fixture gets the hint its first failing check names', () => {
    const buggy = readdirSync(golden).filter((f) => f.startsWith('buggy-'));
    expect(buggy.length).toBeGreaterThan(40);
    for (const file of buggy) {
      const result = resultOf(file.replace(/\.json$/, ''));
      const exercise = findExercise(result.exercise)!;
      const first = result.checks.find((c) => c.status !== 'passed' && c.weight > 0) ?? result.checks.find((c) => c.status !== 'passed')!;
      expect(ladderFor(exercise, result), file).toBe(exercise.hints.byCheck[first.id]);
    }
  });

  it('a passing result calls for nothing', () => {
    for (const e of EXERCISES) expect(stepAfterCheck(e, resultOf(`solution-${e.id}`))).toEqual({ kind: 'none' });
  });

  it('check shows the first level, counted; hint goes on from it; check never shows the last level', async () => {
    const result = resultOf('buggy-failover-coordinator-lsn-without-epoch');
    const ladder = failover.hints.ladders['most-up-to-date']!;
    const progress = memory();
    const first = await afterCheck(progress, failover, result);
    expect(first.hint).toMatchObject({ level: 1, text: ladder[0], check: { id: 'elects-most-up-to-date' } });
    expect(progress.now()).toEqual({ hintLevels: { 'most-up-to-date': 1 }, hintCheck: 'elects-most-up-to-date' });
    expect((await nextHint(progress, failover)).text).toBe(ladder[1]);
    expect((await afterCheck(progress, failover, result)).hint).toMatchObject({ level: 2, again: true });
    const last = await nextHint(progress, failover);
    expect(last).toMatchObject({ level: HINT_LEVELS, text: ladder[2] });
    for (let i = 0; i < 3; i++) {
      const shown = (await afterCheck(progress, failover, result)).hint!;
      expect(shown.level).toBe(CHECK_SHOWS_UP_TO);
      expect(shown.text).not.toBe(ladder[HINT_LEVELS - 1]);
    }
    expect((await nextHint(progress, failover)).text).toBe(ladder[2]);
  });

  it('check never shows any exercise\'s last level, whatever was shown before', async () => {
    for (const file of readdirSync(golden).filter((f) => f.startsWith('buggy-'))) {
      const result = resultOf(file.replace(/\.json$/, ''));
      const e = findExercise(result.exercise)!;
      const all = Object.fromEntries(Object.keys(e.hints.ladders).map((k) => [k, HINT_LEVELS]));
      const shown = (await afterCheck(memory({ hintLevels: all }), e, result)).hint;
      expect(shown?.level, file).toBe(CHECK_SHOWS_UP_TO);
      expect(Object.values(e.hints.ladders).map((l) => l[HINT_LEVELS - 1])).not.toContain(shown?.text);
    }
  });

  it('a different failing check gets its own hint, from its first level', async () => {
    const progress = memory();
    await afterCheck(progress, failover, resultOf('buggy-failover-coordinator-lsn-without-epoch'));
    await nextHint(progress, failover);
    const other = await afterCheck(progress, failover, resultOf('buggy-failover-coordinator-majority-off-by-one'));
    expect(other.hint).toMatchObject({ level: 1, text: failover.hints.ladders['majority']![0] });
    expect((await nextHint(progress, failover)).text).toBe(failover.hints.ladders['majority']![1]);
  });

  it('not implemented, not compiling, type errors, hangs and crashes get advice, never a hint', async () => {
    const base = resultOf('buggy-failover-coordinator-lsn-without-epoch');
    const withStatus = (status: 'not-implemented' | 'timed-out' | 'crashed'): ExerciseResult => ({ ...base, checks: base.checks.map((c) => ({ ...c, status: c.status === 'passed' ? c.status : status })) });
    const cases: [ExerciseResult, RegExp][] = [
      [withStatus('not-implemented'), /^Not implemented yet: replace the TODO\(human\) parts of exercises\//],
      [withStatus('timed-out'), /did not answer in time/],
      [withStatus('crashed'), /stopped the process/],
      [{ ...base, loadProblem: 'your file does not compile (x.ts:7:3): Expected ";"' }, /^Your file does not compile: fix line 7 first/],
      [{ ...base, loadProblem: 'your file does not export a function named electNewLeader (it exports: nothing)' }, /could not be loaded/],
      [{ ...base, typeErrors: [{ file: 'x.ts', line: 4, column: 2, code: 'TS2322', message: 'no' }] }, /^Your file has type errors: fix x\.ts:4 first/],
      [{ ...base, checks: base.checks.map((c) => (c.status === 'passed' ? c : { ...c, cause: 'learner-problem' as const, location: 'x.ts:9:1' })) }, /no answer to judge .* at x\.ts:9:1/],
    ];
    for (const [result, advice] of cases) {
      const progress = memory();
      const after = await afterCheck(progress, failover, result);
      expect(after.hint).toBeUndefined();
      expect(after.advice).toMatch(advice);
      expect(progress.now()).toEqual(NO_PROGRESS);
    }
  });

  it('every check of every exercise names a hint with three levels', () => {
    for (const e of EXERCISES) {
      for (const c of e.groups.flatMap((g) => g.checks)) {
        const ladder = e.hints.ladders[e.hints.byCheck[c.id] ?? ''];
        expect(ladder, `${e.id} ${c.id}`).toHaveLength(HINT_LEVELS);
      }
    }
  });
});

describe('progress files of version 1', () => {
  it('are read and migrated in place: the last checks kept, nothing moved aside, version 2 on disk after the next update', async () => {
    const root = mkdtempSync(join(tmpdir(), 'workbook-progress-v1-'));
    mkdirSync(join(root, '.workbook'));
    // Written by the CLI before hints were per check (hint twice, check, check a solved file, hint, reset).
    copyFileSync(join(packageRoot(), 'test', 'fixtures', 'progress', 'version-1.json'), join(root, '.workbook', 'progress.json'));
    const store = new ProgressStore(root);
    const read = store.read();
    expect(store.needsRebuild).toBe(false);
    expect(store.warning).toBeUndefined();
    expect(read).toEqual({
      version: 2,
      exercises: {
        'failover-coordinator': { hintLevels: {}, lastCheck: { passed: false, fileHash: '9562831cd589e807' } },
        'vector-clock': { hintLevels: {}, lastCheck: { passed: true, fileHash: 'cf74dfab2c321ae9' } },
        'quorum-reader': { hintLevels: {} },
      },
    });
    await nextHint(store, failover);
    const onDisk = JSON.parse(readFileSync(join(root, '.workbook', 'progress.json'), 'utf8'));
    expect(onDisk.version).toBe(2);
    expect(onDisk.exercises['vector-clock']).toEqual({ hintLevels: {}, lastCheck: { passed: true, fileHash: 'cf74dfab2c321ae9' } });
    expect(onDisk.exercises['failover-coordinator'].hintLevels).toEqual({ 'leader-answers': 1 });
    expect(readdirSync(join(root, '.workbook')).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});
