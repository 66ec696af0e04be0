/**
 * `workbook grade` must give every reference solution full marks, public and hidden tiers, through
 * the locked-down child process: async exercises call back into the simulator across that boundary.
 * The count of hidden schedules is not what this tests: a plain run grades a small hidden tier; CI
 * grades the built-in configuration, whose counts are the calibrated defaults (hundreds a tier).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXERCISES } from '../../harness/curriculum/index.ts';
import { exerciseHash, hasHiddenTier, type StudentGrade } from '../../harness/grading/index.ts';
import { FULL_SWEEP } from '../ci-depth.ts';
import { ROOT, workbook } from '../cli/run-workbook.ts';

const scratch = mkdtempSync(join(tmpdir(), 'workbook-grade-solutions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const shippedDefaults = FULL_SWEEP;

/** A configuration that grades every exercise, each hidden tier at 30 schedules of the built-in seed. */
function smallHiddenTier(): string {
  const file = join(scratch, 'grading.json');
  const hidden = Object.fromEntries(EXERCISES.filter(hasHiddenTier).map((e) => [e.id, { seed: 600_613, schedules: 30, weight: 1 }]));
  writeFileSync(file, JSON.stringify({ hidden }));
  return file;
}

describe('workbook grade on the reference solutions', () => {
  it(`gives every exercise full marks (${shippedDefaults ? 'the shipped hidden-tier defaults' : 'a 30-schedule hidden tier'})`, async () => {
    const student = join(scratch, 'class', 'reference');
    for (const e of EXERCISES) cpSync(join(ROOT, e.solution), join(student, e.file));
    const out = join(scratch, 'out');
    const config = shippedDefaults ? [] : ['--config', smallHiddenTier()];
    // Every exercise, both tiers: on a loaded machine that takes longer than a single check's 120 s.
    const r = await workbook(['grade', join(scratch, 'class'), '--out', out, '--jobs', '2', ...config], { timeoutMs: 570_000 });
    const book = JSON.parse(readFileSync(join(out, 'gradebook.json'), 'utf8')) as { students: StudentGrade[]; harnessHash: string; exerciseHashes: Record<string, string> };
    const pairs = book.students[0]!.pairs;
    const short = pairs.map((p) => ({
      exercise: p.exercise,
      full: p.score === p.maxScore,
      failing: p.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.message.slice(0, 160)}`),
    }));
    expect(short).toEqual(EXERCISES.map((e) => ({ exercise: e.id, full: true, failing: [] })));
    expect(r.code).toBe(0);
    // The bundled CLI records the hash the build wrote beside it; exercise hashes come from their files.
    expect(book.harnessHash).toBe((JSON.parse(readFileSync(join(ROOT, 'dist', 'harness-hash.json'), 'utf8')) as { sha256: string }).sha256);
    expect(book.exerciseHashes).toEqual(Object.fromEntries(EXERCISES.map((e) => [e.id, exerciseHash(e)])));
  }, 600_000);
});
