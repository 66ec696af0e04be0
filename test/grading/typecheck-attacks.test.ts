/**
 * One student's file against the type checker (review findings 1 and 2): an array literal nested deep
 * enough keeps the native compiler busy for minutes (it ignores SIGTERM), nested deeper it crashes it
 * ("fatal error: stack overflow", exit status 2, as a run with errors). Neither may hang the class or
 * erase a classmate's diagnostics: a batch settles only when the compiler shows it ran to its end, an
 * unsettled one leaves every file to its pair, and every compiler is killed with its group on its own
 * timer. The compiler's slowness on the first literal and its crash on the second were measured on
 * this machine (20,000 deep: over 13 s of CPU, killed by its CPU cap; 1,000,000 deep: crash in ~2 s).
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { findExercise } from '../../harness/curriculum/index.ts';
import { packageRoot, typecheckLearnerFile } from '../../harness/grading/index.ts';
import { runCompiler } from '../../harness/grading/compiler-process.ts';
import { typecheckConfinedBatch } from '../../harness/grading/typecheck.ts';
import { nestingDepth, showDiagnostic, stageSubmission, typecheckSubmissions } from '../../harness/grading/grade/typecheck-class.ts';
import type { SubmittedExercise } from '../../harness/grading/grade/submission-files.ts';
import { makeWorkFolderAsync } from '../../harness/grading/grade/work-folders.ts';

const exercise = findExercise('failover-coordinator')!;
const main = exercise.file;
const solution = readFileSync(join(packageRoot(), exercise.solution), 'utf8');
const one = (content: string): SubmittedExercise => ({ main, files: [{ path: main, content }], hash: String(content.length) });
/** An array literal nested `depth` deep: the compiler's parser recurses once per level. */
export const deepLiteral = (depth: number): string => `${solution}\nexport const deep = ${'['.repeat(depth)}${']'.repeat(depth)};\n`;
const SLOW = deepLiteral(20_000);
const CRASH = deepLiteral(1_000_000);
const typeError = `${solution}\nconst broken: number = 'a real type error';\n`;

/** Whether a process group is gone (a killed leader is reaped by Node shortly after). */
async function groupGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(-pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function alone(sub: SubmittedExercise, options: { timeoutMs?: number; onStart?: (pid: number) => void } = {}) {
  const stage = await makeWorkFolderAsync('ddia-grade-');
  try {
    const staged = await stageSubmission(stage, sub);
    return (await typecheckLearnerFile(staged.file, { confinedTo: dirname(staged.file), ...options })).map((d) => showDiagnostic(d, staged, sub.main));
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

it('kills a compiler that ignores SIGTERM with its group at its own timer, without waiting for its exit', async () => {
  let pid = 0;
  const ran = await runCompiler('/bin/sh', ['-c', 'trap "" TERM; sleep 300 & wait; sleep 300'], { cwd: '/', timeoutMs: 500, onStart: (p) => (pid = p) });
  expect(ran.kind).toBe('timed-out');
  expect(await groupGone(pid)).toBe(true);
}, 60_000);

it('never takes diagnostics from a batch the compiler crashed on: every file goes to its pair', async () => {
  const stage = await makeWorkFolderAsync('ddia-grade-');
  try {
    const staged = await Promise.all([one(CRASH), one(typeError)].map((s, i) => stageSubmission(join(stage, `s${i}`), s)));
    expect(await typecheckConfinedBatch(staged.map((s) => ({ file: s.file, folder: dirname(s.file) })))).toEqual([undefined, undefined]);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}, 120_000);

it('leaves a file nested that deep to its pair, which ends with a named diagnostic, and its classmates’ diagnostics as when checked alone', async () => {
  const subs = [one(CRASH), one(solution), one(typeError)];
  const batched = await typecheckSubmissions(subs);
  const each = await Promise.all(subs.map((s) => alone(s)));
  expect(batched).toEqual([undefined, each[1], each[2]]);
  expect(each[2]!.map((d) => d.code)).toEqual(['TS2322']);
  expect(each[1]).toEqual([]);
  expect(each[0]!.map((d) => d.code)).toEqual(['TS0000']);
  expect(each[0]![0]!.message).toMatch(/stopped before its end/);
  expect(nestingDepth(SLOW)).toBeGreaterThan(1_000);
  expect(nestingDepth(solution)).toBeLessThan(20);
}, 120_000);

it('ends a batch the compiler is stuck on at its timer, leaving every file to its pair, with the compiler killed', async () => {
  const stage = await makeWorkFolderAsync('ddia-grade-');
  try {
    const staged = await Promise.all([one(SLOW), one(typeError)].map((s, i) => stageSubmission(join(stage, `s${i}`), s)));
    expect(await typecheckConfinedBatch(staged.map((s) => ({ file: s.file, folder: dirname(s.file) })), 2_000)).toEqual([undefined, undefined]);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}, 120_000);

it('ends a pair’s own check of such a file at its timer with a named diagnostic, its compiler killed', async () => {
  let pid = 0;
  const ds = await alone(one(SLOW), { timeoutMs: 2_000, onStart: (p) => (pid = p) });
  expect(ds.map((d) => d.code)).toEqual(['TS0000']);
  expect(ds[0]!.message).toMatch(/did not finish within 2 s/);
  expect(await groupGone(pid)).toBe(true);
}, 120_000);
