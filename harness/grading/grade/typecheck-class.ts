/**
 * The type check of a class: submissions are staged and checked in batches, one compiler process per
 * batch (typecheck.ts `typecheckConfinedBatch`: each submission its own program, so its diagnostics
 * are those of checking it alone), instead of one per pair: the compiler's start-up was most of a
 * correct pair's type check. A submission the batch could not settle (a diagnostic without a file,
 * a compiler that crashed or ran past its time) gets no entry, and its pair checks it alone, as
 * without batching, under its own limits. One student's file can crash the compiler or keep it busy
 * for minutes, so no batch is waited on past its deadline, and none holds the batches after it.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { packageRoot } from '../package-root.ts';
import { batchTimeoutMs, typecheckConfinedBatch, type TypeDiagnostic } from '../typecheck.ts';
import type { SubmittedExercise } from './submission-files.ts';
import { removeAtTeardown } from '../teardown.ts';
import { makeWorkFolderAsync } from './work-folders.ts';

/** Submissions per compiler process: big enough to share its start-up, small enough to keep the first pairs waiting briefly. */
const BATCH = 16;

/** How long a batch holds the next one back: one still running then gets company rather than a queue. */
const HOLD_MS = 10_000;

/** Staging and clean-up on top of the compiler's own time. */
const SLACK_MS = 10_000;

/** A staged submission: its folder, and its main file there. */
export interface Staged {
  readonly stage: string;
  readonly file: string;
}

/** Writes a submission's files under `stage`, at their paths in the submission. */
export async function stageSubmission(stage: string, sub: SubmittedExercise): Promise<Staged> {
  for (const f of sub.files) {
    const target = join(stage, ...f.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, f.content);
  }
  return { stage, file: join(stage, ...sub.main.split('/')) };
}

/** Names a diagnostic's file as in the submission, never by its staging path. */
export function showDiagnostic(diagnostic: TypeDiagnostic, staged: Staged, main: string): TypeDiagnostic {
  const { stage, file } = staged;
  const d = { ...diagnostic, message: diagnostic.message.split(`${stage}/`).join('') };
  if (d.file === file) return { ...d, file: main };
  const shown = relative(packageRoot(), stage).split(sep).join('/');
  if (d.file.startsWith(`${shown}/`)) return { ...d, file: d.file.slice(shown.length + 1) };
  if (d.file.startsWith(`${stage}/`)) return { ...d, file: d.file.slice(stage.length + 1) };
  return d;
}

/** Type-checks `subs` in batches; an entry is undefined where the pair must check alone. */
export async function typecheckSubmissions(subs: readonly SubmittedExercise[]): Promise<(readonly TypeDiagnostic[] | undefined)[]> {
  const out: (readonly TypeDiagnostic[] | undefined)[] = [];
  for (let i = 0; i < subs.length; i += BATCH) out.push(...(await typecheckBatch(subs.slice(i, i + BATCH))));
  return out;
}

/** A batch's entries, or none (each pair checks alone) once past its deadline, whatever it is doing then. */
async function typecheckBatch(subs: readonly SubmittedExercise[]): Promise<(readonly TypeDiagnostic[] | undefined)[]> {
  const none = subs.map(() => undefined);
  const shared = subs.flatMap((sub, i) => (sub.files.every((f) => nestingDepth(f.content) <= MAX_NESTING) ? [i] : []));
  // One submission shares nothing: its pair checks it, beside its run.
  if (shared.length < 2) return none;
  const results = await within(checkBatch(shared.map((i) => subs[i]!)), batchTimeoutMs(shared.length) + SLACK_MS, undefined);
  const out: (readonly TypeDiagnostic[] | undefined)[] = none;
  shared.forEach((i, k) => (out[i] = results?.[k]));
  return out;
}

/**
 * Nesting deeper than any program a student writes: the compiler's parser recurses once per level,
 * so a file nested this deep (tens of thousands of levels keep it busy for minutes, a million crash
 * it) is left to its pair rather than made to cost its batch its deadline.
 */
const MAX_NESTING = 1_000;

/** The deepest nesting of brackets in `text`, strings and comments counted as code (a bound, not a parse). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ( [ {
    if (c === 40 || c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    // ) ] }
    else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return deepest;
}

async function checkBatch(subs: readonly SubmittedExercise[]): Promise<(readonly TypeDiagnostic[] | undefined)[]> {
  const root = await makeWorkFolderAsync('ddia-grade-');
  const keepRoot = removeAtTeardown(root);
  try {
    const staged = await Promise.all(subs.map((sub, i) => stageSubmission(join(root, `s${i}`), sub)));
    const results = await typecheckConfinedBatch(staged.map((s) => ({ file: s.file, folder: dirname(s.file) })));
    return results.map((ds, i) => ds?.map((d) => showDiagnostic(d, staged[i]!, subs[i]!.main)));
  } catch {
    return subs.map(() => undefined);
  } finally {
    await rm(root, { recursive: true, force: true });
    keepRoot();
  }
}

/**
 * A class's type checker: requests made in the same turn are checked together in batches, one batch
 * at a time (a compiler process each), in the order they came; a batch not done within `HOLD_MS`
 * lets the next one start beside it, and its own pairs wait at most until its deadline.
 */
export function classTypechecker(): (sub: SubmittedExercise) => Promise<readonly TypeDiagnostic[] | undefined> {
  let waiting: { sub: SubmittedExercise; resolve: (ds: readonly TypeDiagnostic[] | undefined) => void }[] = [];
  let chain: Promise<void> = Promise.resolve();
  const flush = (): void => {
    const mine = waiting;
    waiting = [];
    for (let i = 0; i < mine.length; i += BATCH) {
      const batch = mine.slice(i, i + BATCH);
      chain = chain.then(() => {
        const done = typecheckBatch(batch.map((b) => b.sub)).then(
          (results) => batch.forEach((b, k) => b.resolve(results[k])),
          () => batch.forEach((b) => b.resolve(undefined)),
        );
        return within(done, HOLD_MS, undefined);
      });
    }
  };
  return (sub) =>
    new Promise((resolve) => {
      if (waiting.push({ sub, resolve }) === 1) setImmediate(flush);
    });
}

/** `work`'s value, or `otherwise` once `ms` have passed. */
function within<T>(work: Promise<T>, ms: number, otherwise: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(otherwise), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
