/**
 * Temporary folders that hold students' code while a run grades it: named with the pid of the
 * process that made them, removed when the run ends, when it is interrupted (SIGINT, SIGTERM, SIGHUP), and,
 * for what a killed run left behind, by the next run: a folder whose process is gone is stale.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Prefixes of this harness's work folders: extracted submissions, one pair's staged files, and a compiler's configuration (typecheck.ts). */
export const WORK_PREFIXES = ['ddia-submissions-', 'ddia-grade-', 'ddia-typecheck-'] as const;
type Prefix = (typeof WORK_PREFIXES)[number];

export function makeWorkFolder(prefix: Prefix): string {
  return mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`));
}

export function makeWorkFolderAsync(prefix: Prefix): Promise<string> {
  return mkdtemp(join(tmpdir(), `${prefix}${process.pid}-`));
}

/** Removes the work folders of processes that no longer exist; returns how many. */
export function removeStaleWorkFolders(dir: string = tmpdir()): number {
  let removed = 0;
  for (const { path, pid } of workFoldersIn(dir)) {
    if (alive(pid)) continue;
    rmSync(path, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/**
 * Removes the work folders of `pid`, a grading process this one has just killed: what it held of
 * students' code goes with the run, not with the next one.
 */
export function removeWorkFoldersOf(pid: number, dir: string = tmpdir()): void {
  // Retried: a process killed a moment ago may still finish a write it was in.
  for (const folder of workFoldersIn(dir)) if (folder.pid === pid) rmSync(folder.path, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
}

/** This harness's work folders in `dir`, with the pid each is named after. */
function workFoldersIn(dir: string): { path: string; pid: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const prefix = WORK_PREFIXES.find((p) => name.startsWith(p));
    const pid = prefix !== undefined ? /^(\d+)-/.exec(name.slice(prefix.length))?.[1] : undefined;
    return pid === undefined ? [] : [{ path: join(dir, name), pid: Number(pid) }];
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
