/**
 * `workbook grade` end to end on the fixture class: expected scores, the reason of each bad
 * submission, a redacted hidden tier in student feedback, a killed run resumed without regrading what
 * was finished, and identical gradebooks with --jobs 2 and --jobs 1.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairResult, StudentGrade } from '../../harness/grading/index.ts';
import { ROOT, workbook } from '../cli/run-workbook.ts';
import { CLASS_CONFIG, copyClass, parseXml, zipFolder, zipWithDotDot } from './grade-fixtures.ts';

const EXPECTED: Record<string, { score: number; outcome: string }> = {
  'alice-correct': { score: 25, outcome: 'graded' },
  'bob-different': { score: 25, outcome: 'graded' },
  'carol-partial': { score: 16, outcome: 'graded' },
  'dave-stub': { score: 0, outcome: 'graded' },
  'erin-infinite-loop': { score: 0, outcome: 'graded' },
  'frank-memory-bomb': { score: 0, outcome: 'graded' },
  'grace-exit-fake-pass': { score: 0, outcome: 'graded' },
  'heidi-writes-file': { score: 25, outcome: 'graded' },
  'ivan-flat': { score: 25, outcome: 'graded' },
  'judy-zipped': { score: 25, outcome: 'graded' },
  'ken-empty': { score: 0, outcome: 'missing' },
  'mallory-zip-slip': { score: 0, outcome: 'rejected' },
};

let classDir: string;
let outA: string;
let outB: string;
let first: Awaited<ReturnType<typeof workbook>>;
const PWNED = '/tmp/ddia-workbook-pwned.txt';

function gradebook(out: string): { students: StudentGrade[] } {
  return JSON.parse(readFileSync(join(out, 'gradebook.json'), 'utf8')) as { students: StudentGrade[] };
}

function pair(out: string, student: string): PairResult {
  return gradebook(out).students.find((s) => s.student === student)!.pairs[0]!;
}

beforeAll(async () => {
  rmSync(PWNED, { force: true });
  classDir = await (async () => {
    const dir = copyClass();
    await zipFolder(join(dir, 'alice-correct'), join(dir, 'judy-zipped.zip'), (p) => `my-workbook/${p}`);
    mkdirSync(join(dir, 'ken-empty'));
    writeFileSync(join(dir, 'ken-empty', 'README.md'), '# I forgot my code\n');
    await zipWithDotDot(join(dir, 'mallory-zip-slip.zip'), 'evil.ts', 'export const x = 1;\n');
    return dir;
  })();
  outA = join(classDir, '..', `${classDir.split('/').pop()}-out-a`);
  outB = join(classDir, '..', `${classDir.split('/').pop()}-out-b`);
  first = await workbook(['grade', classDir, '--config', CLASS_CONFIG, '--out', outA, '--jobs', '2']);
}, 240_000);

afterAll(() => {
  for (const d of [classDir, outA, outB]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('workbook grade: the fixture class', () => {
  it('grades every student as expected and writes every output', () => {
    expect(first.stderr).toContain('12 students, 12 pairs: 12 graded, 0 from the cache');
    expect(first.code).toBe(0);
    const csv = readFileSync(join(outA, 'gradebook.csv'), 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('student,failover-coordinator,total,max,percent,notes');
    const rows = Object.fromEntries(csv.slice(1).map((l) => [l.split(',')[0], l.split(',')]));
    for (const [student, want] of Object.entries(EXPECTED)) {
      expect(rows[student]?.[2], student).toBe(String(want.score));
      expect(rows[student]?.[3], student).toBe('25');
      expect(pair(outA, student).outcome, student).toBe(want.outcome);
      for (const f of ['feedback.md', 'feedback.html']) expect(existsSync(join(outA, 'students', student, f)), `${student}/${f}`).toBe(true);
      expect(existsSync(join(outA, 'runs', `${student}.log`))).toBe(true);
    }
  });

  it('gives each bad submission its reason', () => {
    const statuses = (student: string) => new Set(pair(outA, student).checks.map((c) => c.status));
    expect(statuses('dave-stub')).toEqual(new Set(['not-implemented']));
    expect(statuses('erin-infinite-loop')).toEqual(new Set(['timed-out']));
    expect(pair(outA, 'erin-infinite-loop').checks[0]!.message).toContain('did not answer within 400 ms');
    expect(statuses('frank-memory-bomb')).toEqual(new Set(['crashed']));
    expect(pair(outA, 'frank-memory-bomb').checks.every((c) => c.message.includes('out of memory'))).toBe(true);
    expect(statuses('grace-exit-fake-pass')).toEqual(new Set(['crashed']));
    expect(pair(outA, 'grace-exit-fake-pass').problem).toContain('exited with code 0');
    expect(pair(outA, 'ken-empty').problem).toContain('no file for this exercise');
    expect(pair(outA, 'mallory-zip-slip').problem).toMatch(/refused.*\.\./);
    const carol = pair(outA, 'carol-partial');
    expect(carol.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual([
      'refuses-without-majority',
      'cluster-no-lost-acked-write',
      'cluster-committed-prefix-agreement',
      'hidden:cluster-no-lost-acked-write',
      'hidden:cluster-committed-prefix-agreement',
    ]);
  });

  it('lets writes at import change nothing but the student’s own answers', () => {
    expect(existsSync(PWNED)).toBe(false);
    expect(readdirSync(join(classDir, 'heidi-writes-file', 'exercises', '06-replication', '2.3-failover-coordinator'))).toEqual(['failover-coordinator.ts']);
    expect(readFileSync(join(outA, 'gradebook.csv'), 'utf8')).not.toContain('PASS');
    // What the file printed reached its own (public) console output, nothing else.
    const heidi = pair(outA, 'heidi-writes-file');
    expect(heidi.score).toBe(25);
  });

  it('shows students only the property a hidden check violated', () => {
    const carol = pair(outA, 'carol-partial');
    const hidden = carol.checks.find((c) => c.id === 'hidden:cluster-no-lost-acked-write')!;
    expect(hidden.replay).toBeDefined();
    expect(hidden.scenario).toBeDefined();
    for (const file of ['feedback.md', 'feedback.html']) {
      const text = readFileSync(join(outA, 'students', 'carol-partial', file), 'utf8');
      expect(text).not.toContain(hidden.replay!);
      expect(text).not.toContain(hidden.scenario!.parameters);
      expect(text).not.toContain(hidden.message.slice(0, 40));
      expect(text).toContain('violated in a hidden scenario');
      // Public failures keep everything.
      const publicFailure = carol.checks.find((c) => c.id === 'cluster-no-lost-acked-write')!;
      expect(text).toContain(publicFailure.replay!);
    }
    const html = readFileSync(join(outA, 'students', 'carol-partial', 'feedback.html'), 'utf8');
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/<script|<link|<img|https?:\/\//);
  });

  it('writes JUnit XML whose counts match the gradebook', () => {
    const xml = parseXml(readFileSync(join(outA, 'junit.xml'), 'utf8'));
    expect(xml.name).toBe('testsuites');
    expect(xml.children).toHaveLength(12);
    const cases = xml.children.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
    expect(cases).toHaveLength(12 * 14);
    expect(Number(xml.attrs.tests)).toBe(cases.length);
    const failures = cases.filter((c) => c.children.some((x) => x.name === 'failure')).length;
    const errors = cases.filter((c) => c.children.some((x) => x.name === 'error')).length;
    expect(Number(xml.attrs.failures)).toBe(failures);
    expect(Number(xml.attrs.errors)).toBe(errors);
    // erin (timeouts), frank and grace (crashes): 3 × 14 errors; no other errors.
    expect(errors).toBe(3 * 14);
    const carol = xml.children.find((s) => s.attrs.name === 'carol-partial / failover-coordinator')!;
    expect(carol.attrs).toMatchObject({ tests: '14', failures: '5', errors: '0' });
  });

  it('resumes a killed run without regrading finished pairs, and --jobs 1 matches --jobs 2 byte for byte', async () => {
    const cache = join(outB, '.cache');
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'workbook.js'), 'grade', classDir, '--config', CLASS_CONFIG, '--out', outB, '--jobs', '1'], {
      detached: true,
      stdio: 'ignore',
    });
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && (!existsSync(cache) || readdirSync(cache).filter((f) => f.endsWith('.json')).length < 4)) await new Promise((r) => setTimeout(r, 50));
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(join(outB, 'gradebook.csv'))).toBe(false);
    const finished = readdirSync(cache).filter((f) => f.endsWith('.json'));
    expect(finished.length).toBeGreaterThanOrEqual(4);
    expect(finished.length).toBeLessThan(12);
    const mtimes = Object.fromEntries(finished.map((f) => [f, statSync(join(cache, f)).mtimeMs]));

    const resumed = await workbook(['grade', classDir, '--config', CLASS_CONFIG, '--out', outB, '--jobs', '1']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`${12 - finished.length} graded, ${finished.length} from the cache`);
    for (const f of finished) expect(statSync(join(cache, f)).mtimeMs, f).toBe(mtimes[f]);
    for (const f of ['gradebook.csv', 'gradebook.json', 'junit.xml']) {
      expect(readFileSync(join(outB, f), 'utf8'), f).toBe(readFileSync(join(outA, f), 'utf8'));
    }
    for (const s of Object.keys(EXPECTED)) {
      expect(readFileSync(join(outB, 'students', s, 'feedback.md'), 'utf8')).toBe(readFileSync(join(outA, 'students', s, 'feedback.md'), 'utf8'));
    }
    const log = readFileSync(join(outB, 'runs', 'alice-correct.log'), 'utf8');
    expect(log).toMatch(/hidden tier: seed 4242, 60 schedules/);
    expect(log).toContain('node: v');
  }, 240_000);
});
