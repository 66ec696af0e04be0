/**
 * Learners' files left at the paths they had before exercise folders were named `<section>-<id>`
 * (`exercises/06-replication/<number>-<id>/…`): each is moved to its exercise's path, never
 * over a file already there. Progress and replay tokens are keyed by exercise id and file content,
 * so they carry over unchanged.
 */
import { copyFileSync, constants, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXERCISES } from '../curriculum/index.ts';
import type { CliIo } from './io.ts';
import { FORMER } from './text.ts';

/** What became of one file found at a former path (paths relative to the workbook root). */
export type FormerFile =
  | { readonly kind: 'moved'; readonly from: string; readonly to: string }
  /** The same content was at the new path already: the old copy was removed. */
  | { readonly kind: 'duplicate-removed'; readonly from: string; readonly to: string }
  /** Both exist and differ: both kept, the new path is the one checked. */
  | { readonly kind: 'both-kept'; readonly from: string; readonly to: string }
  /** The file system refused (permissions, a file that appeared meanwhile): the old file is still there. */
  | { readonly kind: 'not-moved'; readonly from: string; readonly to: string; readonly reason: string };

/** Moves every learner's file found at a former path under `root`, and says what it did. */
export function moveFormerFiles(root: string): FormerFile[] {
  const done: FormerFile[] = [];
  for (const exercise of EXERCISES) {
    for (const from of exercise.formerFiles) {
      const old = join(root, from);
      if (!existsSync(old)) continue;
      const to = exercise.file;
      try {
        const outcome = moveOne(root, from, to);
        done.push(outcome);
        if (outcome.kind !== 'both-kept') removeIfEmpty(dirname(old));
      } catch (error) {
        done.push({ kind: 'not-moved', from, to, reason: (error as Error).message });
      }
    }
  }
  return done;
}

function moveOne(root: string, from: string, to: string): FormerFile {
  const old = join(root, from);
  const target = join(root, to);
  if (existsSync(target)) {
    if (!readFileSync(old).equals(readFileSync(target))) return { kind: 'both-kept', from, to };
    unlinkSync(old);
    return { kind: 'duplicate-removed', from, to };
  }
  mkdirSync(dirname(target), { recursive: true });
  moveWithoutOverwriting(old, target);
  return { kind: 'moved', from, to };
}

/**
 * A link (or an exclusive copy where links are not possible) fails when the target exists, unlike a
 * rename: a file that appeared at the new path meanwhile is never overwritten.
 */
function moveWithoutOverwriting(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
    copyFileSync(from, to, constants.COPYFILE_EXCL);
  }
  unlinkSync(from);
}

function removeIfEmpty(dir: string): void {
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // Gone already, or not ours to remove: either way nothing is lost.
  }
}

/** Moves former files under `io.root` and tells the learner on stderr (stdout may be JSON). */
export function moveFormerFilesAndSay(io: CliIo): void {
  for (const f of moveFormerFiles(io.root)) io.err(`${f.kind === 'not-moved' ? FORMER.notMoved(f.from, f.to, f.reason) : FORMER[f.kind](f.from, f.to)}\n`);
}
