import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRISTINE_DIR, pristineStub, resetCommand } from '../../harness/cli/commands/reset.ts';
import type { CliIo } from '../../harness/cli/io.ts';
import { ProgressStore } from '../../harness/cli/progress-store.ts';
import { EXERCISES } from '../../harness/curriculum/index.ts';
import { packageRoot } from '../../harness/grading/index.ts';
import { EXERCISE_FILE, SOLUTION_FILE, scratchWorkbook, workbookIn } from '../fixtures/ux/scratch-workbook.ts';

const exercise = EXERCISES[0]!;

function captureIo(root: string, isTty: boolean): CliIo & { output: () => string } {
  let text = '';
  return { root, isTty, env: { NO_COLOR: '1' }, out: (t) => void (text += t), err: (t) => void (text += t), output: () => text };
}

describe('workbook reset', () => {
  it('ships a pristine copy of every stub, equal to the stub under exercises/ and to its recorded hash', () => {
    const root = packageRoot();
    const manifest = JSON.parse(readFileSync(join(root, PRISTINE_DIR, 'manifest.json'), 'utf8')) as { stubs: Record<string, { copy: string; sha256: string }> };
    expect(Object.keys(manifest.stubs).sort()).toEqual(EXERCISES.map((e) => e.id).sort());
    for (const e of EXERCISES) {
      const stub = pristineStub(root, e);
      expect(stub.ok, `${e.id}: ${stub.ok ? '' : stub.problem}`).toBe(true);
      const shipped = readFileSync(join(root, e.file), 'utf8');
      // When a stub changes, refresh the copies: see refreshPristineCopies in harness/cli/commands/reset.ts.
      expect(stub.ok && stub.text, `the pristine copy of ${e.id} differs from ${e.file} (run refreshPristineCopies)`).toBe(shipped);
      expect(createHash('sha256').update(shipped).digest('hex')).toBe(manifest.stubs[e.id]!.sha256);
    }
  });

  it('restores the stub after edits, outside git, and forgets the last check', async () => {
    const dir = scratchWorkbook();
    const stub = readFileSync(join(dir, EXERCISE_FILE), 'utf8');
    writeFileSync(join(dir, EXERCISE_FILE), readFileSync(join(dir, SOLUTION_FILE)));
    await new ProgressStore(dir).update(exercise.id, (p) => ({ ...p, hintsShown: 2, lastCheck: { passed: true, fileHash: 'x' } }));
    const refused = await workbookIn(dir, ['reset', exercise.id]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`Without a terminal to confirm in, run: npx workbook reset ${exercise.id} --yes`);
    expect(readFileSync(join(dir, EXERCISE_FILE), 'utf8')).not.toBe(stub);
    const reset = await workbookIn(dir, ['reset', exercise.id, '--yes']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain(`Restored ${EXERCISE_FILE} to the original stub.`);
    expect(readFileSync(join(dir, EXERCISE_FILE), 'utf8')).toBe(stub);
    expect(new ProgressStore(dir).read().exercises[exercise.id]).toEqual({ hintsShown: 2 });
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
