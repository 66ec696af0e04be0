/**
 * A `LearnerTransport` over a locked-down child process: dist/learner-host.js runs under Node's
 * permission model (reads limited to the host and the public exercise module; no writes, workers or
 * child processes), with a scrubbed environment, a V8 heap cap, an OS CPU-time cap, its own process
 * group, and a parent-side watch on its CPU time and resident memory read from /proc.
 *
 * Limits are in CPU time of the child, not wall time, so a verdict does not depend on how loaded the
 * machine is, and they are this process's own measurements: nothing the child sends switches a watch
 * off (a child can write anything to its own channel). The permission model is a seat belt, not a
 * sandbox (see the README): on Node 20 it does not restrict the network, so the child gets its own
 * network namespace where the machine allows one, and an unprivileged user when the grader is root
 * (see child-isolation.ts).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { harnessError } from '../errors.ts';
import { childIsolation, isolatedCommand, type ChildIsolation } from './child-isolation.ts';
import type { LearnerTransport, TransportEvents } from './port-session.ts';
import type { HostMessage } from './protocol.ts';

/** Resource limits of one learner child. */
export interface ChildLimits {
  /** CPU time one request (a load or a call) may use before the child is killed. */
  readonly cpuMsPerRequest: number;
  /** Resident memory (heap, buffers, code) above which the child is killed. The V8 heap cap is 3/4 of it. */
  readonly memoryMb: number;
  /** RLIMIT_CPU of the child process: the kernel's own backstop should the parent be gone. */
  readonly lifetimeCpuSeconds: number;
}

export const DEFAULT_CHILD_LIMITS: ChildLimits = { cpuMsPerRequest: 1000, memoryMb: 384, lifetimeCpuSeconds: 120 };

/** How a child ended when the transport ended it; `onExit` reasons start with these words. */
export const CPU_LIMIT_REASON = 'timeout';
export const MEMORY_LIMIT_REASON = 'out of memory';
export const MALFORMED_REASON = 'malformed answer';

export interface ChildTransportConfig {
  /** dist/learner-host.js. */
  readonly hostFile: string;
  /** Files the child may read besides the host (the public exercise module). */
  readonly readable: readonly string[];
  readonly limits: ChildLimits;
  /** Told the CPU time a finished child used in total, once, when it ends. */
  readonly onCpuUsed?: (ms: number) => void;
  /** Told each resident-memory sample, in MB. */
  readonly onRss?: (mb: number) => void;
  /** Told the process group of the child as soon as it is started (a pool's watchdog kills it). */
  readonly onStart?: (pid: number) => void;
  /** Default: what this machine allows (`childIsolation()`). */
  readonly isolation?: ChildIsolation;
}

/** A started child, with the figures a run log needs. */
export interface ChildTransport extends LearnerTransport {
  readonly pid: number | undefined;
  /**
   * The child's CPU time in ms, read from /proc at most once per poll interval (a read costs about
   * as much as a whole call): never more than the true figure, and at most one interval behind it.
   * `fresh` reads it now (for a figure reported once, such as a run log's).
   */
  cpuMs(fresh?: boolean): number;
}

const POLL_MS = 20;

/** Process groups of the learner children alive in this process. */
const live = new Set<number>();

/**
 * Kills every learner child this process started (their process groups). For a grading process that
 * is told to stop: the children are in their own groups, so they would outlive it otherwise.
 */
export function killAllLearnerChildren(): void {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  live.clear();
}
/** Linux reports utime/stime in USER_HZ ticks, which is 100 on every architecture it supports. */
const TICK_MS = 10;

/** Node's flags for the permission model, which was renamed when it became stable (22.13 / 23.5). */
export function permissionFlags(version: string = process.versions.node): string[] {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const stable = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);
  return [stable ? '--permission' : '--experimental-permission'];
}

/** The node arguments that lock a learner child down (exported for the run log and tests). */
export function childExecArgv(config: Pick<ChildTransportConfig, 'hostFile' | 'readable' | 'limits'>): string[] {
  return [
    ...permissionFlags(),
    // One flag per path: a comma-separated list is no longer accepted (Node 20.20+, 22+).
    ...[config.hostFile, ...config.readable].map((file) => `--allow-fs-read=${file}`),
    `--max-old-space-size=${Math.max(16, Math.floor(config.limits.memoryMb * 0.75))}`,
    '--disallow-code-generation-from-strings',
    '--no-warnings',
  ];
}

/**
 * Starts dist/learner-host.js in a child process through `/bin/sh -c 'ulimit -t …; exec node …'`, so the
 * kernel caps its lifetime CPU even if this process dies first. IPC uses structured clone
 * (`serialization: 'advanced'`), as worker messages do. Every message the child sends is checked for
 * shape: anything else is a `malformed answer` and ends the child.
 */
export function startChildTransport(config: ChildTransportConfig, events: TransportEvents): ChildTransport {
  const argv = [...childExecArgv(config), config.hostFile];
  const script = `ulimit -t ${Math.max(1, Math.ceil(config.limits.lifetimeCpuSeconds))} 2>/dev/null; unset PWD OLDPWD; exec "$0" "$@"`;
  const isolated = isolatedCommand(config.isolation ?? childIsolation(), ['/bin/sh', '-c', script, process.execPath, ...argv]);
  const child = spawn(isolated.command, isolated.args, {
    ...(isolated.uid !== undefined ? { uid: isolated.uid, gid: isolated.gid } : {}),
    // A scrubbed environment: no secrets, no NODE_OPTIONS; spawn adds the IPC channel's own variables.
    env: {},
    cwd: '/',
    detached: true,
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    windowsHide: true,
  });
  if (child.pid !== undefined) {
    live.add(child.pid);
    config.onStart?.(child.pid);
  }
  // The host captures console output itself; keep only the end of stderr, to explain a crash.
  let stderrTail = '';
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4096);
  });

  let killedFor: string | undefined;
  let ended = false;
  // The child's CPU time when the current load or call was sent. Only a new request moves it: the
  // child's messages never stop the watch, so CPU used after a (forged) answer counts too.
  let requestStartCpu: number | undefined;
  let lastCpu = 0;
  let lastCpuAt = Number.NEGATIVE_INFINITY;
  /** `lastCpu`, read again when older than a poll interval. */
  const recentCpu = (fresh = false): number => {
    const now = performance.now();
    if (child.pid !== undefined && !ended && (fresh || now - lastCpuAt >= POLL_MS)) {
      const cpu = readCpuMs(child.pid);
      if (cpu !== undefined) lastCpu = cpu;
      lastCpuAt = now;
    }
    return lastCpu;
  };
  let spawnError: Error | undefined;

  const killGroup = (reason: string): void => {
    killedFor ??= reason;
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };

  const poll = setInterval(() => {
    if (child.pid === undefined || ended) return;
    const cpu = readCpuMs(child.pid);
    if (cpu !== undefined) lastCpu = cpu;
    lastCpuAt = performance.now();
    // Memory first: on a loaded machine a poll can come late, when a hoarding call is past both
    // limits, and "out of memory" is the cause while the CPU it used is only a symptom.
    const rss = readRssMb(child.pid);
    if (rss !== undefined) {
      config.onRss?.(rss);
      if (rss > config.limits.memoryMb) {
        killGroup(`${MEMORY_LIMIT_REASON} (resident memory above ${config.limits.memoryMb} MB)`);
        return;
      }
    }
    if (cpu !== undefined && requestStartCpu !== undefined && cpu - requestStartCpu > config.limits.cpuMsPerRequest) {
      killGroup(`${CPU_LIMIT_REASON}: used more than ${config.limits.cpuMsPerRequest} ms of CPU time`);
    }
  }, POLL_MS);

  child.on('error', (error) => (spawnError ??= error));
  child.on('message', (message: unknown) => {
    if (ended || killedFor !== undefined) return;
    const problem = malformed(message);
    if (problem !== undefined) {
      killGroup(`${MALFORMED_REASON}: ${problem}`);
      return;
    }
    events.onMessage(message as HostMessage);
  });
  child.on('exit', (code, signal) => {
    if (ended) return;
    ended = true;
    clearInterval(poll);
    if (child.pid !== undefined) live.delete(child.pid);
    // The exit may have been the shell's before exec, or the group may still hold stragglers.
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Nothing left.
      }
    }
    config.onCpuUsed?.(lastCpu);
    events.onExit(exitReason(code, signal, killedFor, stderrTail, spawnError));
  });

  return {
    pid: child.pid,
    cpuMs: recentCpu,
    send(message) {
      if (ended || !child.connected) throw harnessError('ERR_IPC_CHANNEL_CLOSED', 'the learner process has ended');
      // At most a poll interval old: a request is charged up to that much of its predecessors' CPU, never less than its own.
      if (child.pid !== undefined && message.type !== 'callback-result') requestStartCpu = recentCpu(false);
      // An asynchronous send failure means the channel closed; the exit event reports why.
      child.send(message, (error) => {
        if (error !== null && error !== undefined) killGroup(`crashed: ${error.message}`);
      });
    },
    kill() {
      if (ended) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        killGroup('killed by the harness');
      });
    },
  };
}

/**
 * utime + stime of a process in ms, or undefined (not Linux, or gone). With `reapedChildren`, plus
 * the CPU time of the children it has waited for (cutime + cstime): a grading process's learner
 * children that already ended.
 */
export function readCpuMs(pid: number, reapedChildren = false): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces and parentheses: count fields from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = (reapedChildren ? [11, 12, 13, 14] : [11, 12]).map((i) => Number(fields[i]));
    return ticks.every(Number.isFinite) ? ticks.reduce((a, b) => a + b, 0) * TICK_MS : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in MB, or undefined. */
export function readRssMb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function exitReason(code: number | null, signal: NodeJS.Signals | null, killedFor: string | undefined, stderr: string, spawnError: Error | undefined): string {
  if (killedFor !== undefined && killedFor !== 'killed by the harness') return killedFor;
  if (spawnError !== undefined) return `crashed: the learner process could not start (${spawnError.message})`;
  if (/heap out of memory|Reached heap limit|Fatal JavaScript out of memory|Allocation failed/i.test(stderr)) return MEMORY_LIMIT_REASON;
  if (signal === 'SIGXCPU' || signal === 'SIGKILL') return signal === 'SIGXCPU' ? `${CPU_LIMIT_REASON}: the learner process used up its CPU time` : killedFor ?? 'crashed: killed by SIGKILL';
  if (signal !== null) return `crashed: killed by ${signal}`;
  if (/ERR_ACCESS_DENIED/.test(stderr)) return `crashed: the permission model refused an operation (${lastLine(stderr)})`;
  return `exited with code ${code ?? 'unknown'}`;
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => l.trim() !== '');
  return (lines.find((l) => /Error|denied/i.test(l)) ?? lines[lines.length - 1] ?? '').trim().slice(0, 200);
}

/** Why a message from the child is not a host message, or undefined when it is one. */
function malformed(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return 'not an object';
  const m = message as Record<string, unknown>;
  // Export names are few and short in any real module; a flood of them is an attack on this process.
  const isStrings = (v: unknown): boolean => Array.isArray(v) && v.length <= 10_000 && v.every((x) => typeof x === 'string' && x.length <= 1000);
  switch (m.type) {
    case 'loaded':
      return isStrings(m.exports) && isStrings(m.functions) ? undefined : '"loaded" without export names';
    case 'load-failed':
      return isProblem(m.problem) ? undefined : '"load-failed" without a problem';
    case 'answer':
      return typeof m.id === 'number' && isAnswer(m.answer) ? undefined : '"answer" with no id or an unknown answer';
    case 'callback':
      return typeof m.seq === 'number' && typeof m.id === 'number' && typeof m.target === 'string' && m.target.length <= 200 && Array.isArray(m.args) ? undefined : 'bad "callback"';
    case 'waiting':
      return typeof m.id === 'number' ? undefined : '"waiting" with no id';
    default:
      return `unknown message type ${JSON.stringify(String(m.type)).slice(0, 40)}`;
  }
}

function isError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' && typeof (e as { message?: unknown }).message === 'string';
}

function isProblem(p: unknown): boolean {
  return typeof p === 'object' && p !== null && (p as { kind?: unknown }).kind === 'threw-at-import' && isError((p as { error?: unknown }).error);
}

function isAnswer(a: unknown): boolean {
  if (typeof a !== 'object' || a === null) return false;
  const x = a as Record<string, unknown>;
  if (typeof x.console !== 'string') return false;
  switch (x.kind) {
    case 'returned':
      return 'value' in x;
    case 'threw':
      return isError(x.error);
    case 'never-settled':
      return true;
    default:
      return false;
  }
}
