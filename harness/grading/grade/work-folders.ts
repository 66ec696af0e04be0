/**
 * Temporary folders that hold students' code while a run grades it: named with the pid of the
 * process that made them, removed when the run ends, when it is interrupted (SIGINT, SIGTERM), and,
 * for what a killed run left behind, by the next run: a folder whose process is gone is stale.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Prefixes of this harness's work folders: extracted submissions, and one pair's staged files. */
export const WORK_PREFIXES = ['ddia-submissions-', 'ddia-grade-'] as const;
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
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const prefix = WORK_PREFIXES.find((p) => name.startsWith(p));
    const pid = prefix !== undefined ? /^(\d+)-/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid === undefined || alive(Number(pid))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
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

/**
 * Removes `folder` if the process is interrupted, then lets the signal do what it would have done;
 * the returned function undoes the watch (call it when the folder is gone anyway).
 */
export function removeOnSignal(folder: string): () => void {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const handler = (signal: NodeJS.Signals): void => {
    rmSync(folder, { recursive: true, force: true });
    stop();
    // No other listener: the default action (the process ends by the signal, with its exit status).
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const stop = (): void => {
    for (const s of signals) process.off(s, handler);
  };
  for (const s of signals) process.on(s, handler);
  return stop;
}
