/**
 * The reference solution's runs are recorded once in the grader's cache folder and kept: a class of
 * two already records them, every pair of that run and of later runs reuses them, a later run grades the
 * reference again only when the record is missing, unreadable or made for other code, and grades are
 * the same as without any reuse.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findExercise } from '../../harness/curriculum/index.ts';
import { discoverSubmissions, gradeRun, parseGradeConfig, type GradeRunResult } from '../../harness/grading/index.ts';
import { unseal, type Sealed } from '../../harness/grading/record-seal.ts';
import { CLASS } from './grade-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'ddia-reference-records-'));
const cacheDir = join(dir, 'cache');
const exercise = findExercise('failover-coordinator')!;
const recordFile = join(cacheDir, 'runs', `${exercise.id}.v8`);
// Public tier only: plain `npm test` has a time budget (grade-reuse.test.ts covers the hidden tier under CI).
const config = parseGradeConfig({ exercises: [exercise.id], limits: { cpuMsPerCall: 1000, memoryMb: 256, cpuMsPerExercise: 8000 } }, 'test');
let plain: GradeRunResult;
const submissions = () => discoverSubmissions(join(dir, 'class'));
const grade = (reuse = true) => gradeRun({ submissions: submissions(), config, jobs: 2, cacheDir, force: true, reuse });
// Read as the file is laid out: records are keyed by the bundled harness the grading processes run, not this test's sources.
const recorded = (): boolean => {
  const file = deserialize(readFileSync(recordFile)) as { key: string; sealed: Sealed };
  const groups = deserialize(unseal(readFileSync(join(cacheDir, 'runs', 'key')), file.sealed, `runs\0${exercise.id}\0${file.key}`)!) as Map<string, { reference?: unknown[] }>;
  return exercise.groups.every((g, i) => !g.replayable || groups.get(`${i}:public:${exercise.seed}:${exercise.schedules}`)?.reference?.length === exercise.schedules);
};

beforeAll(async () => {
  // Two students: far fewer than a run without a cache folder records the reference for (a lone one records nothing).
  for (const name of ['alice-correct', 'ivan-flat']) cpSync(join(CLASS, name), join(dir, 'class', name), { recursive: true });
  // --no-reuse (with a cache folder) neither reads nor writes records.
  plain = await grade(false);
  expect(existsSync(join(cacheDir, 'runs'))).toBe(false);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('records the reference in the cache folder for a class of two, with the grades of no reuse', async () => {
  const first = await grade();
  expect(recorded()).toBe(true);
  expect(JSON.stringify(first.students)).toBe(JSON.stringify(plain.students));
}, 300_000);

it('keeps the record for later runs: the reference is not graded again', async () => {
  const before = readFileSync(recordFile);
  const mtime = statSync(recordFile).mtimeMs;
  const again = await grade();
  expect(statSync(recordFile).mtimeMs).toBe(mtime);
  expect(readFileSync(recordFile).equals(before)).toBe(true);
  expect(JSON.stringify(again.students)).toBe(JSON.stringify(plain.students));
}, 300_000);

it('rebuilds a record that does not parse, never trusting it', async () => {
  writeFileSync(recordFile, 'not a record');
  const again = await grade();
  expect(existsSync(`${recordFile}.unreadable`)).toBe(true);
  expect(recorded()).toBe(true);
  expect(JSON.stringify(again.students)).toBe(JSON.stringify(plain.students));
}, 300_000);
