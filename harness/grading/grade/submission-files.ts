/**
 * Finds an exercise's files in a student's submission and reads them, safely: regular files only
 * (symlinks are skipped, so a submission cannot point the grader at the instructor's files), under
 * size and count caps, and hashed so a finished pair is recognised on the next run.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, posix, relative, sep } from 'node:path';
import type { ExerciseEntry } from '../../curriculum/index.ts';

/** One file of an exercise folder; `path` is relative to the submission root, with `/`. */
export interface SubmittedFile {
  readonly path: string;
  readonly content: string;
}

/** An exercise as submitted: the main file and every file of its folder. */
export interface SubmittedExercise {
  /** The main file, relative to the submission root. */
  readonly main: string;
  readonly files: readonly SubmittedFile[];
  readonly hash: string;
}

const MAX_FILES = 64;
const MAX_BYTES = 2 * 1024 * 1024;
const SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js|json)$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', '.workbook']);

/**
 * The exercise in `root`: at its workbook path if present, else the one file with the same name
 * anywhere in the submission (the shallowest, then the first by name). Undefined when absent.
 */
export function readSubmittedExercise(root: string, exercise: ExerciseEntry): SubmittedExercise | { problem: string } | undefined {
  const main = locate(root, exercise.file);
  if (main === undefined) return undefined;
  const folder = dirname(join(root, main));
  // A symlinked directory on the way would lead outside the submission.
  const realRoot = realpathSync(root);
  if (!(realpathSync(folder) + sep).startsWith(realRoot + sep)) return { problem: `${dirname(main)} leads outside the submission (a symbolic link); submit the files themselves` };
  const files: SubmittedFile[] = [];
  let bytes = 0;
  const walk = (dir: string, depth: number): string | undefined => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const stat = lstatSync(full);
      if (stat.isDirectory()) {
        if (depth < 3 && !SKIPPED_DIRS.has(name)) {
          const problem = walk(full, depth + 1);
          if (problem !== undefined) return problem;
        }
        continue;
      }
      if (!stat.isFile() || !SOURCE.test(name)) continue;
      bytes += stat.size;
      if (files.length >= MAX_FILES || bytes > MAX_BYTES)
        return `the exercise folder holds more than ${MAX_FILES} source files or ${MAX_BYTES / 1024 / 1024} MB; submit only the exercise's own files`;
      files.push({ path: toPosix(relative(root, full)), content: readFileSync(full, 'utf8') });
    }
    return undefined;
  };
  const problem = walk(folder, 0);
  if (problem !== undefined) return { problem };
  return { main, files, hash: hashFiles(files) };
}

/** SHA-256 over the files' paths and contents, in path order. */
export function hashFiles(files: readonly SubmittedFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    h.update(f.path).update('\0').update(createHash('sha256').update(f.content).digest('hex')).update('\0');
  }
  return h.digest('hex');
}

/** SHA-256 of a short text (the reason a pair has no files). */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function locate(root: string, file: string): string | undefined {
  if (isRegularFile(join(root, file))) return toPosix(file);
  const wanted = basename(file);
  const found: string[] = [];
  let visited = 0;
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  while (queue.length > 0 && visited < 20_000) {
    const { dir, depth } = queue.shift()!;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      visited++;
      const full = join(dir, name);
      const stat = lstatSync(full);
      if (stat.isDirectory() && depth < 8 && !SKIPPED_DIRS.has(name)) queue.push({ dir: full, depth: depth + 1 });
      else if (stat.isFile() && name === wanted) found.push(toPosix(relative(root, full)));
    }
    if (found.length > 0) break; // breadth first: the shallowest match wins
  }
  return found.sort()[0];
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

function toPosix(path: string): string {
  return path.split(sep).join(posix.sep);
}
