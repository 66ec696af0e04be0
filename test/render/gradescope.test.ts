/**
 * Gradescope: `workbook grade --gradescope` on a fake /autograder, its results.json checked against a
 * JSON Schema written from Gradescope's published field list, also when grading fails; and the
 * autograder zip that `workbook autograder gradescope` builds.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { ROOT, workbook } from '../cli/run-workbook.ts';
import { CLASS, CLASS_CONFIG } from '../grading/grade-fixtures.ts';

const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'gradescope', 'results.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
const dir = mkdtempSync(join(tmpdir(), 'ddia-gradescope-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function results(root: string): { score: number; tests: { name: string; score: number; max_score: number; status: string; output: string; visibility: string }[]; output: string } {
  const json = JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8')) as ReturnType<typeof results>;
  const ok = validate(json);
  if (!ok) throw new Error(JSON.stringify(validate.errors, null, 2));
  return json;
}

describe('Gradescope', () => {
  it('the schema rejects what Gradescope would not accept', () => {
    expect(validate({ score: 1, tests: [{ name: 'x', score: 1, max_score: 1, status: 'ok', output: '', visibility: 'visible' }] })).toBe(false);
    expect(validate({ score: 1, tests: [{ name: 'x', score: 1, max_score: 1, status: 'passed', output: '', visibility: 'public' }] })).toBe(false);
    expect(validate({ tests: [] })).toBe(false);
  });

  it('writes a valid results.json with visible public tests and reduced hidden ones', async () => {
    const root = join(dir, 'autograder');
    mkdirSync(join(root, 'source'), { recursive: true });
    cpSync(join(CLASS, 'carol-partial'), join(root, 'submission'), { recursive: true });
    cpSync(CLASS_CONFIG, join(root, 'source', 'grading.json'));
    const run = await workbook(['grade', '--gradescope', '--root', root]);
    expect(run.code).toBe(0);
    const r = results(root);
    expect(r.score).toBe(16);
    expect(r.tests).toHaveLength(14);
    expect(r.tests.reduce((s, t) => s + t.max_score, 0)).toBe(25);
    expect(r.tests.reduce((s, t) => s + t.score, 0)).toBe(16);
    const hidden = r.tests.filter((t) => t.name.includes('(hidden)'));
    expect(hidden).toHaveLength(5);
    expect(hidden.every((t) => t.visibility === 'after_due_date')).toBe(true);
    const hiddenFailure = hidden.find((t) => t.status === 'failed')!;
    expect(hiddenFailure.output).toContain('violated in a hidden scenario');
    expect(hiddenFailure.output).not.toMatch(/replay|t=\d+ms|Scenario/);
    const publicFailure = r.tests.find((t) => t.name.endsWith('Cluster: No acknowledged write is lost'))!;
    expect(publicFailure).toMatchObject({ status: 'failed', score: 0, max_score: 2, visibility: 'visible' });
    expect(publicFailure.output).toContain('Replay exactly this run: ./workbook check failover-coordinator --replay');
  }, 120_000);

  it('writes a valid results.json with zero points when grading itself fails', async () => {
    const root = join(dir, 'broken');
    mkdirSync(join(root, 'source'), { recursive: true });
    const run = await workbook(['grade', '--gradescope', '--root', root]);
    expect(run.code).toBe(70);
    const r = results(root);
    expect(r.score).toBe(0);
    expect(r.output).toContain('internal error');
  });

  it('builds the autograder zip: setup.sh and run_autograder executable, the harness, the configuration', async () => {
    const zipFile = join(dir, 'autograder.zip');
    const run = await workbook(['autograder', 'gradescope', '--out', zipFile, '--config', CLASS_CONFIG]);
    expect(run.code).toBe(0);
    const entries = await new Promise<Map<string, number>>((resolve, reject) =>
      yauzl.open(zipFile, { lazyEntries: true }, (error, zip) => {
        if (error) return reject(error);
        const found = new Map<string, number>();
        zip.on('entry', (e: yauzl.Entry) => {
          found.set(e.fileName, (e.externalFileAttributes >>> 16) & 0o777);
          zip.readEntry();
        });
        zip.on('end', () => resolve(found));
        zip.readEntry();
      }),
    );
    expect(entries.get('setup.sh')).toBe(0o755);
    expect(entries.get('run_autograder')).toBe(0o755);
    for (const f of ['grading.json', 'package.json', 'package-lock.json', 'bin/workbook.js', 'scripts/build.js', 'harness/grading/grade/grade-run.ts']) expect(entries.has(f), f).toBe(true);
    expect([...entries.keys()].some((f) => f.startsWith('solutions/') || f.startsWith('test/') || f.startsWith('node_modules/'))).toBe(false);
  });
});
