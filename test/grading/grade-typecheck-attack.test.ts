/**
 * `workbook grade` with a student whose file crashes the type-check compiler (review finding 2: the
 * batch read the crash as a clean run and erased classmates' type errors, and the result cache kept
 * them erased): every other student's gradebook row, entry and feedback are byte-identical to a run
 * without the attacker, a classmate's type error is still reported, and the attacker's pair ends with
 * a named status. A small class, one exercise and a small hidden tier keep it cheap; it still grades
 * two classes through the CLI, so it runs with CI=true only (typecheck-attacks.test.ts covers the
 * compiler's side in every run).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExercise } from '../../harness/curriculum/index.ts';
import type { StudentGrade } from '../../harness/grading/index.ts';
import { workbook, type WorkbookRun } from '../cli/run-workbook.ts';
import { CLASS } from './grade-fixtures.ts';

const FILE = findExercise('failover-coordinator')!.file;
const ALICE = readFileSync(join(CLASS, 'alice-correct', FILE), 'utf8');
const CONFIG = { exercises: ['failover-coordinator'], hidden: { 'failover-coordinator': { seed: 4242, schedules: 5, weight: 1 } }, limits: { cpuMsPerCall: 1000, memoryMb: 256, cpuMsPerExercise: 4000 } };
const DEPTH = 1_000_000;

let work: string;
let clean: WorkbookRun;
let attacked: WorkbookRun;
const out = (name: string) => join(work, `${name}-out`);
const gradebook = (name: string) => JSON.parse(readFileSync(join(out(name), 'gradebook.json'), 'utf8')) as { students: StudentGrade[] };
const student = (run: string, s: string) => gradebook(run).students.find((x) => x.student === s)!;

function classWith(name: string, students: Record<string, string>): string {
  const dir = join(work, name);
  cpSync(join(CLASS, 'alice-correct'), join(dir, 'alice-correct'), { recursive: true });
  for (const [s, source] of Object.entries(students)) {
    mkdirSync(join(dir, s, FILE, '..'), { recursive: true });
    writeFileSync(join(dir, s, FILE), source);
  }
  return dir;
}

describe.runIf(process.env.CI === 'true')('a student whose file crashes the type checker', () => {
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ddia-tsc-attack-'));
  const config = join(work, 'grading.json');
  writeFileSync(config, JSON.stringify(CONFIG));
  const carol = { 'carol-type-error': `${ALICE}\nconst broken: number = 'carol has a real type error';\n` };
  clean = await workbook(['grade', classWith('clean', carol), '--config', config, '--out', out('clean'), '--jobs', '2']);
  const aaron = `${ALICE}\nexport const deep = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)};\n`;
  attacked = await workbook(['grade', classWith('attacked', { ...carol, 'aaron-crash': aaron }), '--config', config, '--out', out('attacked'), '--jobs', '2']);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

it('leaves every other student byte-identical to a run without the attacker, and ends the attacker’s pair with a named status', () => {
  expect(clean.code, clean.stderr).toBe(0);
  expect(attacked.code, attacked.stderr).toBe(0);
  const rows = (name: string) => new Map(readFileSync(join(out(name), 'gradebook.csv'), 'utf8').trim().split('\r\n').map((l) => [l.split(',')[0], l]));
  for (const s of ['alice-correct', 'carol-type-error']) {
    expect(rows('attacked').get(s), s).toBe(rows('clean').get(s));
    expect(JSON.stringify(student('attacked', s))).toBe(JSON.stringify(student('clean', s)));
    for (const f of ['feedback.md', 'feedback.html']) expect(readFileSync(join(out('attacked'), 'students', s, f), 'utf8'), `${s}/${f}`).toBe(readFileSync(join(out('clean'), 'students', s, f), 'utf8'));
  }
  expect(student('attacked', 'carol-type-error').pairs[0]!.typeErrors.map((d) => d.code)).toEqual(['TS2322']);
  const aaron = student('attacked', 'aaron-crash').pairs[0]!;
  expect(aaron.outcome).toBe('graded');
  expect(aaron.problem).toMatch(/^your file does not compile .*the bundler crashed on this file/);
  expect(new Set(aaron.checks.map((c) => c.status))).toEqual(new Set(['failed']));
  // Loose on a shared machine: the attacker's pair costs one failed bundle and one crashed compiler.
  expect(attacked.ms).toBeLessThan(2 * clean.ms + 60_000);
}, 60_000);
});
