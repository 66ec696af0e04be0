/**
 * Gradescope: `workbook grade --gradescope` on a fake /autograder, its results.json checked against a
 * JSON Schema written from Gradescope's published field list, also when grading fails; what the
 * visible output may say before the deadline; identity and lateness from submission_metadata.json;
 * the hidden-visibility switch; and the autograder zip that `workbook autograder gradescope` builds.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { detectIsolation, othersCanRead } from '../../harness/grading/child-isolation.ts';
import { LEARNER_USER, PLATFORM_NODE_VERSION, RUN_AUTOGRADER, SETUP_PERMISSIONS, SETUP_SH } from '../../harness/cli/commands/autograder.ts';
import { ROOT, workbook } from '../cli/run-workbook.ts';
import { CLASS, CLASS_CONFIG } from '../grading/grade-fixtures.ts';

const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'gradescope', 'results.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
const dir = mkdtempSync(join(tmpdir(), 'ddia-gradescope-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Results {
  score: number;
  output: string;
  tests: { name: string; score?: number; max_score?: number; status: string; output: string; visibility: string; tags: string[] }[];
  extra_data: Record<string, unknown> & { submission?: { users: { name: string; email: string; id: string }[]; daysLate?: number; submissionId?: string } };
}

function results(root: string): Results {
  const json = JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8')) as Results;
  const ok = validate(json);
  if (!ok) throw new Error(JSON.stringify(validate.errors, null, 2));
  return json;
}

describe('Gradescope', () => {
  it('the schema rejects what Gradescope would not accept', () => {
    expect(validate({ score: 1, tests: [{ name: 'x', score: 1, max_score: 1, status: 'ok', output: '', visibility: 'visible' }] })).toBe(false);
    expect(validate({ score: 1, tests: [{ name: 'x', score: 1, max_score: 1, status: 'passed', output: '', visibility: 'public' }] })).toBe(false);
    expect(validate({ tests: [] })).toBe(false);
    // A status-only test has neither score nor max_score; half of the pair is not accepted.
    expect(validate({ score: 0, tests: [{ name: 'x', status: 'failed', output: '', visibility: 'visible' }] })).toBe(true);
    expect(validate({ score: 0, tests: [{ name: 'x', score: 0, status: 'failed', output: '', visibility: 'visible' }] })).toBe(false);
  });

  /** A fake /autograder holding carol's workbook (one type error added) and the class configuration. */
  function autograderRoot(name: string, config: object = {}): string {
    const root = join(dir, name);
    mkdirSync(join(root, 'source'), { recursive: true });
    cpSync(join(CLASS, 'carol-partial'), join(root, 'submission'), { recursive: true });
    appendFileSync(join(root, 'submission', 'exercises', '06-replication', '2.3-failover-coordinator', 'failover-coordinator.ts'), "\nexport const typeSlip: number = 'not a number';\n");
    writeFileSync(join(root, 'source', 'grading.json'), JSON.stringify({ ...JSON.parse(readFileSync(CLASS_CONFIG, 'utf8')), ...config }));
    return root;
  }

  it('writes a valid results.json: visible public tests, reduced hidden ones, a status-only type check, identity and lateness', async () => {
    const root = autograderRoot('autograder');
    writeFileSync(
      join(root, 'submission_metadata.json'),
      JSON.stringify({
        id: 123456,
        created_at: '2026-03-03T10:00:00.000000-08:00',
        assignment: { due_date: '2026-03-01T23:00:00.000000-08:00', late_due_date: null, title: 'Replication' },
        users: [{ email: 'li.lei@example.edu', id: 1234, name: '李雷' }],
      }),
    );
    const run = await workbook(['grade', '--gradescope', '--root', root]);
    expect(run.code).toBe(0);
    const r = results(root);
    expect(r.score).toBe(16);
    const scored = r.tests.filter((t) => t.max_score !== undefined);
    expect(scored).toHaveLength(14);
    expect(scored.reduce((s, t) => s + t.max_score!, 0)).toBe(25);
    expect(scored.reduce((s, t) => s + t.score!, 0)).toBe(16);
    const hidden = r.tests.filter((t) => t.name.includes('(hidden)'));
    expect(hidden).toHaveLength(5);
    expect(hidden.every((t) => t.visibility === 'after_due_date')).toBe(true);
    const hiddenFailure = hidden.find((t) => t.status === 'failed')!;
    expect(hiddenFailure.output).toContain('violated in a hidden scenario');
    expect(hiddenFailure.output).not.toMatch(/replay|t=\d+ms|Scenario/);
    const publicFailure = r.tests.find((t) => t.name.endsWith('Cluster: No acknowledged write is lost'))!;
    expect(publicFailure).toMatchObject({ status: 'failed', score: 0, max_score: 2, visibility: 'visible' });
    expect(publicFailure.output).toContain('Replay exactly this run: ./workbook check failover-coordinator --replay');

    // Type errors: one visible, status-only test, failed, naming the student's own file.
    const typeCheck = r.tests.find((t) => t.tags.includes('typecheck'))!;
    expect(typeCheck).toMatchObject({ status: 'failed', visibility: 'visible' });
    expect(typeCheck.score).toBeUndefined();
    expect(typeCheck.output).toMatch(/failover-coordinator\.ts:\d+:\d+ TS2322/);

    // The visible output: public points only, so no hidden loss can be read from it before the deadline.
    const publicScore = r.tests.filter((t) => t.tags.includes('public')).reduce((s, t) => s + t.score!, 0);
    const publicMax = r.tests.filter((t) => t.tags.includes('public')).reduce((s, t) => s + t.max_score!, 0);
    expect(publicMax).toBeLessThan(25);
    expect(r.output).toContain(`Visible checks: ${publicScore} / ${publicMax}`);
    expect(r.output).not.toMatch(/\b25\b/);
    expect(r.output).not.toMatch(/\b16 \//);
    expect(r.output).toContain('1 type error (shown, not scored)');
    expect(r.output).toContain('Hidden checks: 5, shown after the due date');
    expect(r.output).toContain('Submitted 2 days after the due date.');

    // For the instructor: versions, hashes, identity.
    expect(r.extra_data).toMatchObject({ harnessVersion: expect.any(String), configHash: expect.stringMatching(/^[0-9a-f]{64}$/), harnessHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(Object.values(r.extra_data.submissionHashes as Record<string, string>)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(r.extra_data.submission).toMatchObject({ submissionId: '123456', daysLate: 2, users: [{ name: '李雷', email: 'li.lei@example.edu', id: '1234' }] });
  }, 120_000);

  it('shows hidden checks once published, with their scenario when the instructor reveals it (never the replay token)', async () => {
    const root = autograderRoot('revealed', { gradescope: { hiddenVisibility: 'after_published', revealHidden: true } });
    const run = await workbook(['grade', '--gradescope', '--root', root]);
    expect(run.code).toBe(0);
    const r = results(root);
    const hidden = r.tests.filter((t) => t.name.includes('(hidden)'));
    expect(hidden.every((t) => t.visibility === 'after_published')).toBe(true);
    const failure = hidden.find((t) => t.status === 'failed')!;
    expect(failure.output).toContain('Scenario');
    expect(failure.output).not.toContain('--replay');
    expect(r.output).toContain('shown once grades are published');
    expect(r.extra_data.submission).toBeUndefined();
  }, 120_000);

  it('refuses an unknown hidden visibility in the configuration', async () => {
    const file = join(dir, 'bad-visibility.json');
    writeFileSync(file, JSON.stringify({ gradescope: { hiddenVisibility: 'visible' } }));
    const run = await workbook(['autograder', 'gradescope', '--out', join(dir, 'never.zip'), '--config', file]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('"gradescope.hiddenVisibility" must be "after_due_date" or "after_published"');
  });

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

  it('setup.sh pins Node exactly, checks its SHA-256, and creates the unprivileged learner user; run_autograder grades as root with learners as that user', () => {
    expect(PLATFORM_NODE_VERSION).toMatch(/^26\.\d+\.\d+$/);
    expect(SETUP_SH).toContain(`NODE_VERSION=${PLATFORM_NODE_VERSION}`);
    expect(SETUP_SH).toContain('sha256sum -c -');
    expect(SETUP_SH).not.toMatch(/nodesource|setup_\d+\.x/);
    expect(SETUP_SH).toContain(`useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin ${LEARNER_USER}`);
    expect(RUN_AUTOGRADER).toContain(`export WORKBOOK_LEARNER_USER=${LEARNER_USER}`);
    expect(RUN_AUTOGRADER).not.toMatch(/\b(su|sudo|runuser|setpriv)\b/);
    for (const script of [SETUP_SH, RUN_AUTOGRADER]) execFileSync('bash', ['-n'], { input: script });
    // The user named by WORKBOOK_LEARNER_USER is the one learner children get; a missing one is said.
    expect(detectIsolation('26.0.0', 'linux', 0, 'nobody').user?.name).toBe('nobody');
    expect(detectIsolation('26.0.0', 'linux', 0, 'no-such-learner-user').missing).toEqual(['no user "no-such-learner-user": learner processes run as root']);
  });

  it.runIf(process.getuid?.() === 0)('after setup, the learner user can read the learner host and exercise module, and nothing else of source/', () => {
    const source = join(mkdtempSync(join(tmpdir(), 'ddia-autograder-')), 'source');
    for (const f of ['dist/learner-host.js', 'dist/exercise.js', 'dist/cli.js', 'grading.json', 'harness/grading/index.ts']) {
      mkdirSync(join(source, f, '..'), { recursive: true });
      writeFileSync(join(source, f), 'x');
    }
    execFileSync('bash', ['-e', '-c', SETUP_PERMISSIONS], { env: { ...process.env, SOURCE: source } });
    expect(othersCanRead(join(source, 'dist', 'learner-host.js'))).toBe(true);
    expect(othersCanRead(join(source, 'dist', 'exercise.js'))).toBe(true);
    for (const f of ['grading.json', 'dist/cli.js', 'harness/grading/index.ts']) expect(othersCanRead(join(source, f)), f).toBe(false);
    rmSync(join(source, '..'), { recursive: true, force: true });
  });
});
