/**
 * Spawns the real `workbook` command (bin/workbook.js over the built dist/) the way a learner runs it,
 * without a terminal, and collects what it printed.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../harness/grading/index.ts';

export const ROOT = packageRoot();

export interface WorkbookRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** `timeoutMs` kills the command after that long (120 s unless a test that grades much says more). */
export function workbook(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<WorkbookRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin', 'workbook.js'), ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '', ...options.env }, timeout: options.timeoutMs ?? 120_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 99;
        resolve({ code, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}
