/**
 * The kit's promise, tested: an exercise is its own folders plus one manifest line, one
 * `exercise/index.ts` line and a link in one chapter page. A throwaway exercise is written from a
 * template into a scratch workbook, which is rebuilt; its solution passes, its buggy fixture fails its
 * target, `workbook list` shows it and `workbook report` draws its failing run. No file of grading/,
 * render/, cli/ or the curriculum kernel is touched.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchWorkbook, workbookIn } from '../fixtures/ux/scratch-workbook.ts';
import { EDITS, NEW_FILES, THROWAWAY } from './throwaway-exercise.ts';

// What a build or a run writes, and the shared dependencies: not the author's files.
const NOT_AUTHORED = new Set(['node_modules', 'dist', '.workbook']);

/** Every file of the workbook at `dir` with a hash of its content, by path. */
function snapshot(dir: string, sub = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const path = sub === '' ? entry.name : `${sub}/${entry.name}`;
    if (NOT_AUTHORED.has(path)) continue;
    if (entry.isDirectory()) for (const [p, h] of snapshot(dir, path)) files.set(p, h);
    else files.set(path, createHash('sha256').update(readFileSync(join(dir, path))).digest('hex'));
  }
  return files;
}

const build = (dir: string): Promise<void> =>
  new Promise((resolve, reject) => execFile(process.execPath, [join(dir, 'scripts', 'build.js')], { cwd: dir }, (error) => (error ? reject(error) : resolve())));

describe('adding an exercise', () => {
  it('takes only its own folders, one manifest line, one exercise/index.ts line and one chapter link; the kit does the rest', async () => {
    const dir = scratchWorkbook();
    const before = snapshot(dir);
    for (const [path, text] of Object.entries(NEW_FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    for (const [path, edit] of Object.entries(EDITS)) {
      const text = readFileSync(join(dir, path), 'utf8');
      const edited = edit(text);
      const added = edited.split('\n').filter((line) => !text.split('\n').includes(line));
      expect(added.length, `${path}: ${added.join(' | ')}`).toBeLessThanOrEqual(path.endsWith('manifest.ts') ? 2 : 1);
      writeFileSync(join(dir, path), edited);
    }
    const after = snapshot(dir);
    const created = [...after.keys()].filter((p) => !before.has(p)).sort();
    const modified = [...after.keys()].filter((p) => before.has(p) && before.get(p) !== after.get(p)).sort();
    const { id, folder } = THROWAWAY;
    const own = [`harness/curriculum/${id}/`, `harness/exercise/${id}.ts`, `exercises/06-replication/${folder}/`, `solutions/06-replication/${folder}/`, `test/fixtures/buggy/${id}/`];
    expect(created.filter((p) => !own.some((o) => p.startsWith(o)))).toEqual([]);
    expect(created).toHaveLength(Object.keys(NEW_FILES).length);
    expect(modified).toEqual(['chapters/06-replication/06-advanced.md', 'harness/curriculum/manifest.ts', 'harness/exercise/index.ts']);
    await build(dir);

    const solution = await workbookIn(dir, ['check', id, '--solution', '--json']);
    expect(JSON.parse(solution.stdout)).toMatchObject({ exercise: id, passed: true, typeErrors: [] });
    const fixture = await workbookIn(dir, ['check', id, '--file', `test/fixtures/buggy/${id}/${THROWAWAY.buggy}.ts`, '--json']);
    const failed = JSON.parse(fixture.stdout) as { checks: { id: string; status: string; cause?: string }[] };
    expect(failed.checks.find((c) => c.id === THROWAWAY.check)).toMatchObject({ status: 'failed', cause: 'property' });
    const stub = await workbookIn(dir, ['check', id, '--json']);
    expect(JSON.parse(stub.stdout).checks.map((c: { status: string }) => c.status)).toEqual(['not-implemented']);

    const list = await workbookIn(dir, ['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`6\\.2 +${id} +not started +exercises/06-replication/${folder}/${id}\\.ts`));

    // The learner's file is now the buggy one: the report draws its failing run from the replayed trace.
    writeFileSync(join(dir, 'exercises', '06-replication', folder, `${id}.ts`), readFileSync(join(dir, 'test', 'fixtures', 'buggy', id, `${THROWAWAY.buggy}.ts`)));
    const report = await workbookIn(dir, ['report', '--out', 'report.html']);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).not.toMatch(/could not be replayed/);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('✗ Cluster: a store comparing clocks with your compare keeps concurrent writes');
    expect(html).toMatch(/<svg [^>]*class="lamport"/);
    expect(html).toMatch(/<g class="lane" data-lane="n1">/);
  }, 300_000);
});
