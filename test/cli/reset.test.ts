import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRISTINE_DIR, pristineStub, resetCommand } from '../../harness/cli/commands/reset.ts';
import { pristineCopyPath } from '../../harness/cli/commands/sync-stubs.ts';
import type { CliIo } from '../../harness/cli/io.ts';
import { ProgressStore } from '../../harness/cli/progress-store.ts';
import { EXERCISES, findExercise } from '../../harness/curriculum/index.ts';
import { packageRoot } from '../../harness/grading/index.ts';
import { EXERCISE_FILE, SOLUTION_FILE, scratchWorkbook, workbookIn } from '../fixtures/ux/scratch-workbook.ts';

// The exercise the scratch workbook's files are (it existed before the folder rename).
const exercise = findExercise('failover-coordinator')!;

/** `file` as committed at HEAD of the workbook's git repository, or undefined outside git (or when not committed). */
function committed(file: string): string | undefined {
  try {
    return execFileSync('git', ['-C', packageRoot(), 'show', `HEAD:./${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

function captureIo(root: string, isTty: boolean): CliIo & { output: () => string } {
  let text = '';
  return { root, isTty, env: { NO_COLOR: '1' }, out: (t) => void (text += t), err: (t) => void (text += t), output: () => text };
}

describe('workbook reset', () => {
  it('ships a pristine copy of every stub, at its derived path and with its recorded hash', () => {
    const root = packageRoot();
    const manifest = JSON.parse(readFileSync(join(root, PRISTINE_DIR, 'manifest.json'), 'utf8')) as { stubs: Record<string, { copy: string; sha256: string }> };
    expect(Object.keys(manifest.stubs).sort()).toEqual(EXERCISES.map((e) => e.id).sort());
    for (const e of EXERCISES) {
      expect(manifest.stubs[e.id]!.copy).toBe(pristineCopyPath(e));
      const stub = pristineStub(root, e);
      expect(stub.ok, `${e.id}: ${stub.ok ? '' : stub.problem}`).toBe(true);
    }
  });

  // The authored stubs are the committed ones: the working exercises/ may hold a learner's edits,
  // which must never turn this red (nor be copied anywhere).
  it.skipIf(committed('package.json') === undefined)('keeps every pristine copy equal to the committed stub', () => {
    const root = packageRoot();
    for (const e of EXERCISES) {
      const stub = pristineStub(root, e);
      const authored = committed(e.file);
      // An author who changed a stub and ran sync-stubs but has not committed yet: the copy is the working file.
      const working = readFileSync(join(root, e.file), 'utf8');
      const expected = authored === undefined || (stub.ok && stub.text === working && working.includes('TODO(human)')) ? working : authored;
      expect(stub.ok && stub.text, `the pristine copy of ${e.id} differs from the committed ${e.file}: run npm run sync-stubs`).toBe(expected);
    }
  });

  it('is written only by `workbook dev sync-stubs`, never by install, build or test steps', () => {
    const root = packageRoot();
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const [name, command] of Object.entries(scripts)) if (name !== 'sync-stubs') expect(command, `npm run ${name}`).not.toContain('sync-stubs');
    for (const file of ['scripts/build.js', 'test/global-setup.ts']) expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/pristine|syncPristineStubs|sync-stubs/);
  });

  it('dev sync-stubs copies a changed stub with its hash, removes stale copies, and refuses a file that is not a stub', async () => {
    const dir = scratchWorkbook();
    const changed = readFileSync(join(dir, EXERCISE_FILE), 'utf8') + '\n// a note from the author\n';
    writeFileSync(join(dir, EXERCISE_FILE), changed);
    const stale = join(dir, PRISTINE_DIR, 'old-folder', 'gone.ts.stub');
    mkdirSync(dirname(stale), { recursive: true });
    writeFileSync(stale, 'stale');
    const sync = await workbookIn(dir, ['dev', 'sync-stubs']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain(`${exercise.id}: copied the stub`);
    expect(sync.stdout).toContain('removed harness/curriculum/pristine/old-folder/gone.ts.stub');
    expect(existsSync(stale)).toBe(false);
    expect(pristineStub(dir, exercise)).toEqual({ ok: true, text: changed });
    const again = await workbookIn(dir, ['dev', 'sync-stubs']);
    expect(again.stdout).toContain(`${exercise.id}: unchanged`);

    const manifestBefore = readFileSync(join(dir, PRISTINE_DIR, 'manifest.json'), 'utf8');
    writeFileSync(join(dir, EXERCISE_FILE), readFileSync(join(dir, SOLUTION_FILE)));
    const refused = await workbookIn(dir, ['dev', 'sync-stubs']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`not syncing: ${EXERCISE_FILE} is missing or without a TODO(human) marker`);
    expect(readFileSync(join(dir, PRISTINE_DIR, 'manifest.json'), 'utf8')).toBe(manifestBefore);
    expect(pristineStub(dir, exercise)).toEqual({ ok: true, text: changed });
  });

  it('restores the stub after edits, outside git, and forgets the last check', async () => {
    const dir = scratchWorkbook();
    const stub = readFileSync(join(dir, EXERCISE_FILE), 'utf8');
    writeFileSync(join(dir, EXERCISE_FILE), readFileSync(join(dir, SOLUTION_FILE)));
    await new ProgressStore(dir).update(exercise.id, (p) => ({ ...p, hintLevels: { majority: 2 }, lastCheck: { passed: true, fileHash: 'x' } }));
    const refused = await workbookIn(dir, ['reset', exercise.id]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`Without a terminal to confirm in, run: ./workbook reset ${exercise.id} --yes`);
    expect(readFileSync(join(dir, EXERCISE_FILE), 'utf8')).not.toBe(stub);
    const reset = await workbookIn(dir, ['reset', exercise.id, '--yes']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain(`Restored ${EXERCISE_FILE} to the original stub.`);
    expect(readFileSync(join(dir, EXERCISE_FILE), 'utf8')).toBe(stub);
    // The work is kept, and the learner is told where.
    const backup = /kept in (\.workbook\/backups\/failover-coordinator-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(?:-\d+)?\.ts)/.exec(reset.stdout)?.[1];
    expect(backup, reset.stdout).toBeDefined();
    expect(readFileSync(join(dir, backup!), 'utf8')).toBe(readFileSync(join(dir, SOLUTION_FILE), 'utf8'));
    expect(new ProgressStore(dir).read().exercises[exercise.id]).toEqual({ hintLevels: { majority: 2 } });
    const again = await workbookIn(dir, ['reset', exercise.id, '--yes']);
    expect(again.stdout).toContain('already the original stub');
  });

  it('asks first in a terminal, and keeps the file when the answer is no', async () => {
    const dir = scratchWorkbook();
    writeFileSync(join(dir, EXERCISE_FILE), 'edited');
    const questions: string[] = [];
    const io = captureIo(dir, true);
    expect(await resetCommand(exercise.id, false, io, async (q) => (questions.push(q), false))).toBe(1);
    expect(readFileSync(join(dir, EXERCISE_FILE), 'utf8')).toBe('edited');
    expect(questions[0]).toContain(`Replace ${EXERCISE_FILE} with the original stub?`);
    expect(await resetCommand(exercise.id, false, io, async () => true)).toBe(0);
    expect(readFileSync(join(dir, EXERCISE_FILE), 'utf8')).toContain('TODO(human)');
    const backups = readdirSync(join(dir, '.workbook', 'backups'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, '.workbook', 'backups', backups[0]!), 'utf8')).toBe('edited');
  });

  it('refuses a shipped copy that does not match its hash', async () => {
    const dir = scratchWorkbook();
    const manifest = JSON.parse(readFileSync(join(dir, PRISTINE_DIR, 'manifest.json'), 'utf8')) as { stubs: Record<string, { copy: string }> };
    writeFileSync(join(dir, PRISTINE_DIR, manifest.stubs[exercise.id]!.copy), 'tampered');
    writeFileSync(join(dir, EXERCISE_FILE), 'edited');
    const r = await workbookIn(dir, ['reset', exercise.id, '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not match its recorded hash');
    expect(readFileSync(join(dir, EXERCISE_FILE), 'utf8')).toBe('edited');
  });
});
