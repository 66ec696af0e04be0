import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildProgressIfLost, runInteractive, type MenuPrompts } from '../../harness/cli/interactive.ts';
import type { CliIo } from '../../harness/cli/io.ts';
import { nextHint } from '../../harness/cli/hint-steps.ts';
import { fileHash, ProgressStore } from '../../harness/cli/progress-store.ts';
import { EXERCISES, findExercise } from '../../harness/curriculum/index.ts';
import { EXERCISE_FILE, SOLUTION_FILE, scratchWorkbook, workbookIn } from '../fixtures/ux/scratch-workbook.ts';

// The exercise the scratch workbook's files are (it existed before the folder rename).
const exercise = findExercise('failover-coordinator')!;
const quitAtOnce: MenuPrompts = { search: async () => undefined, select: async () => undefined, confirm: async () => false };

function io(root: string): CliIo & { text: () => string } {
  let text = '';
  return { root, isTty: true, env: { NO_COLOR: '1' }, out: (t) => void (text += t), err: (t) => void (text += t), text: () => text };
}

/** A scratch workbook whose exercise holds the solution, checked once (so progress says done). */
async function solvedWorkbook(): Promise<string> {
  const dir = scratchWorkbook();
  writeFileSync(join(dir, EXERCISE_FILE), readFileSync(join(dir, SOLUTION_FILE)));
  const store = new ProgressStore(dir);
  await store.recordCheck(exercise.id, true, fileHash(join(dir, EXERCISE_FILE))!);
  await nextHint(store, exercise);
  return dir;
}

describe('progress survives', () => {
  it('a corrupt file: moved aside, never a crash, and rebuilt by re-checking the exercise', async () => {
    const dir = await solvedWorkbook();
    const progress = join(dir, '.workbook', 'progress.json');
    writeFileSync(progress, '{"version": 1, "exercises": {"failover-coordinator": {"hintsShown": "x"');
    const out = io(dir);
    expect(await runInteractive(out, quitAtOnce)).toBe(0);
    expect(out.text()).toContain('Your progress file was unreadable; it was moved to');
    expect(out.text()).toContain(`re-checking ${exercise.id} to rebuild it`);
    expect(out.text()).toContain(`1/${EXERCISES.length} exercises done`);
    expect(out.text().match(/to rebuild it/g)).toHaveLength(1);
    expect(readdirSync(join(dir, '.workbook')).some((f) => f.startsWith('progress.json.corrupt-'))).toBe(true);
    expect(new ProgressStore(dir).read().exercises[exercise.id]?.lastCheck?.passed).toBe(true);
  });

  it('a deleted file: rebuilt the same way; an untouched stub is not re-checked', async () => {
    const dir = await solvedWorkbook();
    rmSync(join(dir, '.workbook'), { recursive: true });
    const checked: string[] = [];
    const rebuilt = await rebuildProgressIfLost(io(dir), async (e, file) => {
      checked.push(file);
      return { exercise: e.id, title: e.title, file, passed: true, score: 1, maxScore: 1, typeErrors: [], checks: [] };
    });
    expect(rebuilt).toEqual([exercise.id]);
    expect(new ProgressStore(dir).read().exercises[exercise.id]?.lastCheck?.passed).toBe(true);
    const fresh = scratchWorkbook();
    expect(await rebuildProgressIfLost(io(fresh), async () => { throw new Error('must not check a stub'); })).toEqual([]);
    // A valid file is never rebuilt.
    expect(await rebuildProgressIfLost(io(dir), async () => { throw new Error('must not re-check'); })).toEqual([]);
  });

  it('commands run at once: nothing lost, no crash', async () => {
    const dir = scratchWorkbook();
    writeFileSync(join(dir, EXERCISE_FILE), readFileSync(join(dir, SOLUTION_FILE)));
    mkdirSync(join(dir, '.workbook'), { recursive: true });
    const runs = await Promise.all([
      workbookIn(dir, ['check', exercise.id]),
      workbookIn(dir, ['hint', exercise.id]),
      workbookIn(dir, ['hint', exercise.id]),
      workbookIn(dir, ['hint', exercise.id]),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    for (const r of runs) expect(r.stderr).not.toContain('internal error');
    const saved = new ProgressStore(dir).read().exercises[exercise.id];
    // Three `hint`s, each one level further on the same hint, whatever order they took the lock in.
    expect(saved?.hintLevels[exercise.hints.byCheck[saved.hintCheck!]!]).toBe(3);
    expect(saved?.lastCheck?.passed).toBe(true);
    expect(existsSync(join(dir, '.workbook', 'progress.json.lock'))).toBe(false);
  });
});
