/**
 * How long a pair's processes waited for a CPU while runnable: the kernel's run-queue delay
 * (/proc/<pid>/task/<tid>/schedstat, second field, ns), summed over every thread of the grading
 * process, its process group (bundler, type checker) and the learner children it reported. The
 * watchdog reads it to tell a starved pair (an overloaded machine) from a blocked one.
 *
 * A process's counters vanish with it, and the bundler, the type checker and learner children come
 * and go while a pair runs. So the meter samples every thread it can see, keeps the largest value
 * seen per thread, and counts a thread that has ended at what it last showed: the delay of reaped
 * children stays counted.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Per thread id, its run-queue delay so far in ms; empty when the process is gone or /proc has none. */
export type ThreadDelayReader = (pid: number) => ReadonlyMap<number, number>;

export interface RunDelayMeter {
  /** Reads every thread of `pids` now; returns the pair's total so far, ended threads included. */
  sample(pids: Iterable<number>): number;
}

export function createRunDelayMeter(read: ThreadDelayReader = readThreadDelays): RunDelayMeter {
  const seen = new Map<string, number>();
  let total = 0;
  return {
    sample(pids) {
      for (const pid of pids) {
        for (const [tid, ms] of read(pid)) {
          const key = `${pid}/${tid}`;
          const before = seen.get(key) ?? 0;
          if (ms > before) {
            total += ms - before;
            seen.set(key, ms);
          }
        }
      }
      return total;
    },
  };
}

/** The run-queue delay of each thread of `pid`, in ms. */
export function readThreadDelays(pid: number): ReadonlyMap<number, number> {
  const out = new Map<number, number>();
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      const delayNs = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]);
      if (Number.isFinite(delayNs)) out.set(Number(tid), delayNs / 1e6);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

/**
 * `leader` and what runs in its process group: the bundler and type checker a grading process
 * starts are processes of their own, whose work is the pair's progress too.
 */
export function processGroup(leader: number | undefined): number[] {
  if (leader === undefined) return [];
  const out = [leader];
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === leader) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === leader) out.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}
