/**
 * Runs the type-check compiler as a child this process can always end. The native compiler (Go)
 * ignores SIGTERM, and one file can keep it busy for minutes or crash it part-way, so: it runs in a
 * process group of its own, under a kernel CPU cap set before it starts (`ulimit -t`, which holds
 * even if this process dies first), and on a timer of its own: at the limit its group is killed with
 * SIGKILL and the call settles at once, never waiting for the exit.
 */
import { spawn } from 'node:child_process';
import { atTeardown } from './teardown.ts';

export type CompilerRun =
  | { readonly kind: 'exited'; readonly code: number | null; readonly signal: string | null; readonly output: string }
  | { readonly kind: 'timed-out' | 'aborted' | 'failed' };

export interface CompilerRunOptions {
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** The compiler's process group, once started (a grading process reports it to the pool's watchdog). */
  readonly onStart?: (pid: number) => void;
}

const POSIX = process.platform !== 'win32';

/** More output than any real diagnostics list: a run printing more is ended. */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** Groups of the compilers alive in this process, killed should it exit or be interrupted first. */
const live = new Set<number>();
let teardownHook = false;

export function runCompiler(command: string, args: readonly string[], options: CompilerRunOptions): Promise<CompilerRun> {
  if (!teardownHook) {
    teardownHook = true;
    atTeardown(() => [...live].forEach(killGroup));
  }
  return new Promise((resolve) => {
    // Above the timer even for a compiler using both cores: the cap is for when the timer is gone with this process.
    const cpuSeconds = 2 * Math.ceil(options.timeoutMs / 1000) + 1;
    const script = `ulimit -t ${cpuSeconds} 2>/dev/null; exec "$0" "$@"`;
    let child: ReturnType<typeof spawn>;
    try {
      // Windows has neither a POSIX shell nor process groups: there the compiler itself is the one killed.
      child = POSIX
        ? spawn('/bin/sh', ['-c', script, command, ...args], { cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(command, [...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch {
      return resolve({ kind: 'failed' });
    }
    const pid = child.pid;
    if (pid !== undefined) {
      live.add(pid);
      options.onStart?.(pid);
    }
    let settled = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    const end = (): void => {
      if (pid === undefined) return;
      killGroup(pid);
      live.delete(pid);
    };
    const settle = (run: CompilerRun): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(run);
    };
    const timer = setTimeout(() => {
      end();
      settle({ kind: 'timed-out' });
    }, options.timeoutMs);
    const onAbort = (): void => {
      end();
      settle({ kind: 'aborted' });
    };
    if (options.signal?.aborted === true) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (into: Buffer[]) => (chunk: Buffer): void => {
      bytes += chunk.length;
      if (bytes > MAX_OUTPUT_BYTES) {
        end();
        settle({ kind: 'failed' });
      } else into.push(chunk);
    };
    child.stdout?.on('data', collect(out));
    child.stderr?.on('data', collect(err));
    child.on('error', () => {
      end();
      settle({ kind: 'failed' });
    });
    child.on('close', (code, signal) => {
      // Anything it left behind goes with it.
      end();
      settle({ kind: 'exited', code, signal, output: Buffer.concat(out).toString('utf8') + Buffer.concat(err).toString('utf8') });
    });
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(POSIX ? -pid : pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
