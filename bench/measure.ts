/**
 * How the bench measures: medians (a shared 2-core machine makes bests flattering and means noisy),
 * CPU beside wall (wall counts whatever else the machine does; CPU is what this work costs), and the
 * load average printed with every figure so a reader can judge how quiet the machine was.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** One measurement: wall-clock and CPU milliseconds (CPU of every thread and reaped child process). */
export interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median wall and the median CPU of `samples` (each taken on its own). */
export function medianSample(samples: readonly Sample[]): Sample {
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)) };
}

/**
 * CPU of this process and of every descendant it has reaped, in ms: /proc/self/stat utime, stime,
 * cutime, cstime (10 ms ticks). Linux only; elsewhere the children's share is unknown (NaN).
 */
export function treeCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** CPU of this process only (every thread), in ms: exact to the microsecond, unlike the tick counts. */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Runs a command to completion `runs` times after one warm-up run (the OS file cache, npm's cache)
 * and returns the median wall and CPU. A non-zero exit is fine (a failing check exits 1); the output
 * is discarded, and a command that cannot start at all throws.
 */
export function processSample(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; runs?: number }): Sample {
  const once = (): Sample => {
    const cpu0 = treeCpuMs();
    const t0 = performance.now();
    const r = spawnSync(command, args, { cwd: options.cwd, stdio: 'ignore', env: options.env ?? process.env, shell: process.platform === 'win32' });
    const wallMs = performance.now() - t0;
    if (r.error !== undefined) throw r.error;
    return { wallMs, cpuMs: treeCpuMs() - cpu0 };
  };
  once();
  return medianSample(Array.from({ length: options.runs ?? 5 }, once));
}

/** The 1-minute load average now, for the line of every figure. */
export function load(): string {
  return loadavg()[0]!.toFixed(2);
}

/** "123 ms wall / 180 ms CPU" (or another unit: a sample may be in µs). */
export function describeSample(s: Sample, unit = 'ms'): string {
  return `${s.wallMs.toFixed(0)} ${unit} wall / ${Number.isNaN(s.cpuMs) ? '?' : s.cpuMs.toFixed(0)} ${unit} CPU`;
}

/** How many times less wall and CPU `now` takes than `before` ("2.4× wall, 3.1× CPU"). */
export function ratio(before: Sample, now: Sample): string {
  const r = (a: number, b: number): string => (b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(1)}×` : '?');
  return `${r(before.wallMs, now.wallMs)} wall, ${r(before.cpuMs, now.cpuMs)} CPU`;
}
