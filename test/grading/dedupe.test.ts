/**
 * Identical submissions graded once: a class with copies (two correct, two of a hostile infinite
 * loop, two untouched stubs) grades the same gradebook with and without dedupe, with half the
 * gradings; the shared hostile submission times out for both its students and for nobody else.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { discoverSubmissions, gradeRun, parseGradeConfig, type GradeRunResult } from '../../harness/grading/index.ts';
import { CLASS } from './grade-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'ddia-dedupe-'));
const config = parseGradeConfig({ exercises: ['failover-coordinator'], limits: { cpuMsPerCall: 400, memoryMb: 256, cpuMsPerExercise: 8000 } }, 'test');
let once: GradeRunResult;
let each: GradeRunResult;

beforeAll(async () => {
  for (const [from, names] of [
    ['alice-correct', ['alice', 'alice-twin']],
    ['erin-infinite-loop', ['erin', 'erin-twin']],
    ['dave-stub', ['dave', 'dave-twin']],
  ] as const) {
    for (const name of names) cpSync(join(CLASS, from), join(dir, name), { recursive: true });
  }
  const submissions = discoverSubmissions(dir);
  once = await gradeRun({ submissions, config, jobs: 2 });
  each = await gradeRun({ submissions, config, jobs: 2, dedupe: false });
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('grades each distinct submission once and gives every student the same grades as grading each copy', () => {
  expect([once.graded, once.copied, once.internalErrors]).toEqual([3, 3, 0]);
  expect([each.graded, each.copied]).toEqual([6, 0]);
  expect(JSON.stringify(once.students)).toBe(JSON.stringify(each.students));
  // Each copy carries its own student's name, and its usage says whose grading it shares.
  expect(once.students.map((s) => [s.student, s.pairs[0]!.student, s.score])).toEqual([
    ['alice', 'alice', 15],
    ['alice-twin', 'alice-twin', 15],
    ['dave', 'dave', 0],
    ['dave-twin', 'dave-twin', 0],
    ['erin', 'erin', 0],
    ['erin-twin', 'erin-twin', 0],
  ]);
  const shared = [...once.usage].filter(([, u]) => u.sameAs !== undefined).map(([k, u]) => [k.split('/')[0], u.sameAs!.split('/')[0]]);
  expect(shared.sort()).toEqual([
    ['alice-twin', 'alice'],
    ['dave-twin', 'dave'],
    ['erin-twin', 'erin'],
  ]);
});

it('times out a shared hostile submission for both its students, and for nobody else', () => {
  const statuses = (student: string) => new Set(once.students.find((s) => s.student === student)!.pairs[0]!.checks.map((c) => c.status));
  expect(statuses('erin')).toEqual(new Set(['timed-out']));
  expect(statuses('erin-twin')).toEqual(new Set(['timed-out']));
  expect(statuses('alice')).toEqual(new Set(['passed']));
});
