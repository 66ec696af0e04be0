/**
 * A workbook that still holds a learner's file at a path from before exercise folders were named
 * `<section>-<id>`: every command moves it to its new path (never over a file there), says so, and
 * the progress file and replay tokens, keyed by exercise id, carry over unchanged.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInteractive, type MenuPrompts } from '../../harness/cli/interactive.ts';
import type { CliIo } from '../../harness/cli/io.ts';
import { fileHash, ProgressStore } from '../../harness/cli/progress-store.ts';
import { EXERCISES, findExercise } from '../../harness/curriculum/index.ts';
import { packageRoot } from '../../harness/grading/index.ts';
import { FAILING_FILE, SOLUTION_FILE, scratchWorkbook, workbookIn } from '../fixtures/ux/scratch-workbook.ts';

// The exercise the scratch workbook's files are (it existed before the folder rename).
const exercise = findExercise('failover-coordinator')!;
const OLD = exercise.formerFiles[0]!;
const NEW = exercise.file;

/** A scratch workbook as an older version left it: the learner's `content` at the old path, nothing at the new one. */
function write(dir: string, file: string, content: string | Buffer): void {
  mkdirSync(join(dir, dirname(file)), { recursive: true });
  writeFileSync(join(dir, file), content);
}

function oldWorkbook(content: string | Buffer): string {
  const dir = scratchWorkbook();
  rmSync(join(dir, dirname(NEW)), { recursive: true });
  write(dir, OLD, content);
  return dir;
}

describe('files at a path from before the rename', () => {
  it('every exercise that existed before names its old path, from its old folder number', () => {
    for (const e of EXERCISES.filter((x) => x.formerNumber !== undefined)) expect(e.formerFiles).toEqual([`exercises/${e.chapter}/${e.formerNumber}-${e.id}/${e.id}.ts`]);
  });

  it('is moved by `workbook list`, which says where, and its progress carries over', async () => {
    const solved = readFileSync(join(packageRoot(), SOLUTION_FILE));
    const dir = oldWorkbook(solved);
    await new ProgressStore(dir).update(exercise.id, () => ({ hintLevels: { majority: 2 }, lastCheck: { passed: true, fileHash: fileHash(join(dir, OLD))! } }));
    const before = readFileSync(join(dir, '.workbook', 'progress.json'), 'utf8');
    const r = await workbookIn(dir, ['list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Moved ${OLD} to ${NEW}`);
    expect(readFileSync(join(dir, NEW))).toEqual(solved);
    expect(existsSync(join(dir, dirname(OLD)))).toBe(false);
    expect(r.stdout).toMatch(new RegExp(`${exercise.id}\\s+done`));
    expect(readFileSync(join(dir, '.workbook', 'progress.json'), 'utf8')).toBe(before);
    const again = await workbookIn(dir, ['list']);
    expect(again.stderr).not.toContain(OLD);
  });

  it('keeps both, and says so, when the new path holds a different file; --json output stays clean', async () => {
    const dir = oldWorkbook('// my work\n');
    write(dir, NEW, readFileSync(join(packageRoot(), NEW)));
    const r = await workbookIn(dir, ['check', exercise.id, '--json']);
    expect(r.stderr).toContain(`${OLD} is from before exercise folders were named by chapter section, and ${NEW} exists too. They differ, so both are kept`);
    expect(r.stderr).toContain(`mv ${OLD} ${NEW}`);
    expect(JSON.parse(r.stdout).file).toBe(NEW);
    expect(readFileSync(join(dir, OLD), 'utf8')).toBe('// my work\n');
    expect(readFileSync(join(dir, NEW), 'utf8')).toBe(readFileSync(join(packageRoot(), NEW), 'utf8'));
  });

  it('removes the old copy when the new path holds the same file', async () => {
    const stub = readFileSync(join(packageRoot(), NEW));
    const dir = oldWorkbook(stub);
    write(dir, NEW, stub);
    const r = await workbookIn(dir, ['hint', exercise.formerNumber!]);
    expect(r.stderr).toContain(`Removed ${OLD}: the same file is at ${NEW}`);
    expect(r.stderr).toContain(`note: exercise ${exercise.formerNumber} is now ${exercise.section.number} ${exercise.id}`);
    expect(existsSync(join(dir, OLD))).toBe(false);
    expect(readFileSync(join(dir, NEW))).toEqual(stub);
  });

  it('replays a token made before the move against the moved file', async () => {
    const failing = readFileSync(join(packageRoot(), FAILING_FILE));
    const first = JSON.parse((await workbookIn(packageRoot(), ['check', exercise.id, '--file', join(packageRoot(), FAILING_FILE), '--json'])).stdout) as { checks: { id: string; replay?: string }[] };
    const failed = first.checks.find((c) => c.replay !== undefined)!;
    const dir = oldWorkbook(failing);
    const replayed = await workbookIn(dir, ['check', exercise.formerNumber!, '--replay', failed.replay!, '--json']);
    expect(replayed.stderr).toContain(`Moved ${OLD} to ${NEW}`);
    const again = JSON.parse(replayed.stdout) as { file: string; checks: { id: string; status: string }[] };
    expect(again.file).toBe(NEW);
    expect(again.checks.find((c) => c.id === failed.id)!.status).toBe('failed');
  });

  it('says so, and goes on, when the file system refuses the move', async () => {
    const dir = oldWorkbook('// my work\n');
    writeFileSync(join(dir, dirname(NEW)), 'a file where the new folder should be');
    const r = await workbookIn(dir, ['list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${OLD} is from before exercise folders were named by chapter section and belongs at ${NEW}, but it could not be moved (`);
    expect(r.stderr).not.toContain('internal error');
    expect(readFileSync(join(dir, OLD), 'utf8')).toBe('// my work\n');
  });

  it('is moved when the interactive menu starts', async () => {
    const dir = oldWorkbook('// my work\n');
    let said = '';
    const io: CliIo = { root: dir, isTty: true, env: { NO_COLOR: '1' }, out: () => {}, err: (t) => void (said += t) };
    const quit: MenuPrompts = { search: async () => undefined, select: async () => undefined, confirm: async () => false };
    await runInteractive(io, quit, { watch: async () => undefined, check: async () => undefined });
    expect(said).toContain(`Moved ${OLD} to ${NEW}`);
    expect(readFileSync(join(dir, NEW), 'utf8')).toBe('// my work\n');
  });
});
