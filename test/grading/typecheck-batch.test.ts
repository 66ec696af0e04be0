/**
 * A class's type check in batches (one compiler process, one program per submission) gives each
 * submission exactly the diagnostics of checking it alone, as a pair does without batching: fixtures
 * with and without type errors, a submission of two files, and submissions that would change one
 * another's diagnostics if they shared a program (a `declare global`, two scripts declaring the same
 * globals, an import of another submission's file); and a batch the compiler did not finish is left
 * to the pairs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { findExercise } from '../../harness/curriculum/index.ts';
import { packageRoot, typecheckLearnerFile } from '../../harness/grading/index.ts';
import { typecheckConfinedBatch } from '../../harness/grading/typecheck.ts';
import { showDiagnostic, stageSubmission, typecheckSubmissions } from '../../harness/grading/grade/typecheck-class.ts';
import type { SubmittedExercise } from '../../harness/grading/grade/submission-files.ts';
import { makeWorkFolderAsync } from '../../harness/grading/grade/work-folders.ts';

const root = packageRoot();
const exercise = findExercise('failover-coordinator')!;
const main = exercise.file;
const folder = dirname(main);
const one = (content: string, more: Record<string, string> = {}): SubmittedExercise => ({
  main,
  files: [{ path: main, content }, ...Object.entries(more).map(([name, c]) => ({ path: `${folder}/${name}`, content: c }))],
  hash: content,
});
const fixtures = (kind: string): string[] => readdirSync(join(root, 'test/fixtures', kind, exercise.id)).filter((f) => f.endsWith('.ts')).map((f) => join(root, 'test/fixtures', kind, exercise.id, f));
const solution = readFileSync(join(root, exercise.solution), 'utf8');

/** What a pair checks on its own (grade-pair.ts without a batch). */
async function alone(sub: SubmittedExercise) {
  const stage = await makeWorkFolderAsync('ddia-grade-');
  try {
    const staged = await stageSubmission(stage, sub);
    return (await typecheckLearnerFile(staged.file, { confinedTo: dirname(staged.file) })).map((d) => showDiagnostic(d, staged, sub.main));
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

it('gives every submission of a batch the diagnostics of checking it alone', async () => {
  const subs = [
    one(solution),
    ...[...fixtures('buggy').slice(0, 3), ...fixtures('correct')].map((f) => one(readFileSync(f, 'utf8'))),
    one(readFileSync(join(root, exercise.file), 'utf8')),
    one(`${solution}\nconst wrong: number = 'text';\n`),
    // Two files: an error in the helper is the student's own, named by its path.
    one(`import { helper } from './helper.ts';\n${solution}\nexport const h: string = helper();\n`, { 'helper.ts': 'export function helper(): number { return "x"; }\n' }),
    // In one shared program this would give every other file's arrays a `bogus` member.
    one(`${solution}\ndeclare global { interface Array<T> { bogus: T } }\n`),
    one(`${solution}\nexport const b: number = [1].bogus;\n`),
    // Scripts (no import or export): in one program their globals would collide.
    one('function validateSafeFailover(view: unknown) { return view; }\nconst shared = 1;\n'),
    one('function validateSafeFailover(view: unknown) { return view; }\nconst shared = 2;\n'),
    // Another submission's file is not in this one's program.
    one(`import { helper } from '../s6/${main}';\n${solution}\n`),
  ];
  const batched = await typecheckSubmissions(subs);
  const each = await Promise.all(subs.map(alone));
  expect(batched.every((ds) => ds !== undefined)).toBe(true);
  expect(batched).toEqual(each);
  // The test means something: some submissions have errors, some none.
  expect(each.filter((ds) => ds.length > 0).length).toBeGreaterThan(3);
  expect(each.filter((ds) => ds.length === 0).length).toBeGreaterThan(3);
}, 120_000);

it('leaves every submission of a batch the compiler did not finish to its pair', async () => {
  const stage = await makeWorkFolderAsync('ddia-grade-');
  try {
    const staged = await Promise.all([0, 1].map((i) => stageSubmission(join(stage, `s${i}`), one(solution))));
    // A 1 ms limit: the compiler is killed before it prints anything, so nothing may be taken from it.
    expect(await typecheckConfinedBatch(staged.map((s) => ({ file: s.file, folder: dirname(s.file) })), 1)).toEqual([undefined, undefined]);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
});
