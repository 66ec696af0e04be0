/**
 * The pool's watchdog and its answer to a grading process that dies or stops while a pair runs, on
 * real grading processes: the pair is retried once in a fresh process, then ends as the student's
 * outcome (crashed / timed out), never an internal error that every rerun would repeat; and a pair
 * starved of CPU (its threads waiting on the run queue) gets its watchdog re-armed instead.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExercise } from '../../harness/curriculum/index.ts';
import { parseGradeConfig, readSubmittedExercise, type PairJob } from '../../harness/grading/index.ts';
import { createGraderPool } from '../../harness/grading/grade/grader-pool.ts';
import { createRunDelayMeter } from '../../harness/grading/grade/run-delay.ts';
import { WORK_PREFIXES } from '../../harness/grading/grade/work-folders.ts';
import { CLASS } from './grade-fixtures.ts';

const config = parseGradeConfig({ exercises: ['failover-coordinator'], hidden: { 'failover-coordinator': { seed: 4242, schedules: 60 } }, limits: { cpuMsPerCall: 400, memoryMb: 256, cpuMsPerExercise: 8000 } }, 'test');
const exercise = findExercise('failover-coordinator')!;
const submission = readSubmittedExercise(join(CLASS, 'alice-correct'), exercise);
if (submission === undefined || 'problem' in submission) throw new Error('alice has no submission');
const job: PairJob = { student: 'alice-correct', exercise: exercise.id, submission, config };

/** Pids whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** Grading processes of this test process that have a learner child: a pair is running on them. */
function gradingWithLearner(): number[] {
  return childrenOf(process.pid).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('--worker') && childrenOf(p).length > 0;
    } catch {
      return false;
    }
  });
}

/** Sends `signal` to each grading process running a pair, `times` different processes in all. */
async function signalWhileRunning(signal: NodeJS.Signals, times: number, until: Promise<unknown>): Promise<number[]> {
  const hit: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  while (!done && hit.length < times) {
    for (const p of gradingWithLearner()) {
      if (hit.includes(p) || hit.length >= times) continue;
      process.kill(p, signal);
      hit.push(p);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return hit;
}

describe('grader pool: a grading process lost mid-pair', () => {
  it('retries a pair whose grading process was killed, and records "crashed" when it is killed again', async () => {
    const pool = createGraderPool(1);
    try {
      const graded = pool.grade(job);
      const hit = await signalWhileRunning('SIGKILL', 2, graded);
      const { result, usage } = await graded;
      expect(hit).toHaveLength(2);
      expect(result.outcome).toBe('graded');
      expect(new Set(result.checks.map((c) => c.status))).toEqual(new Set(['crashed']));
      expect(result.problem).toBe('crashed: the grading process ended twice while grading this pair (SIGKILL)');
      expect(usage.notes).toContain('retried once in a fresh grading process');
      // What the killed processes had staged of the student's code is gone with them.
      expect(readdirSync(tmpdir()).filter((name) => WORK_PREFIXES.some((p) => hit.some((pid) => name.startsWith(`${p}${pid}-`))))).toEqual([]);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('retries a pair whose grading process was stopped once, when the watchdog finds no progress, and grades it', async () => {
    const pool = createGraderPool(1, { watchdogMs: (_job, attempt) => (attempt === 1 ? 2500 : 120_000) });
    try {
      const graded = pool.grade(job);
      const hit = await signalWhileRunning('SIGSTOP', 1, graded);
      const { result, usage } = await graded;
      expect(hit).toHaveLength(1);
      expect(result.score).toBe(25);
      expect(usage.notes?.[0]).toMatch(/^attempt 1: the watchdog fired after \d+ ms with \d+ ms of CPU used \(less than half/);
      expect(usage.notes).toContain('retried once in a fresh grading process');
      // The stopped process and its learner child were killed, not left behind.
      await new Promise((r) => setTimeout(r, 200));
      expect(() => process.kill(hit[0]!, 0)).toThrow();
    } finally {
      await pool.close();
    }
  }, 120_000);
});

describe('grader pool: a pair starved of CPU is not a pair that made no progress', () => {
  it('keeps the run-queue delay of threads and processes that have ended', () => {
    const now = new Map<number, Map<number, number>>([[10, new Map([[10, 100], [11, 50]])], [20, new Map([[20, 30]])]]);
    const meter = createRunDelayMeter((pid) => now.get(pid) ?? new Map());
    expect(meter.sample([10, 20])).toBe(180);
    // Thread 11 ends, process 20 is reaped, thread 10 waits 40 ms more: nothing seen is lost.
    now.set(10, new Map([[10, 140]]));
    now.delete(20);
    expect(meter.sample([10, 20])).toBe(220);
    // A new process (a bundler) counts from its first sight.
    now.set(30, new Map([[30, 25]]));
    expect(meter.sample([10, 30])).toBe(245);
  });

  // Busy loops on one core for several seconds slow every other test file: CI runs it, a plain `npm test` does not.
  it.runIf(process.env.CI === 'true')('re-arms the watchdog while the pair waits on the run queue (pinned to one core beside busy loops), and grades it', async () => {
    const affinity = execFileSync('taskset', ['-p', String(process.pid)], { encoding: 'utf8' }).trim().split(': ').pop()!;
    const hogs: ChildProcess[] = [];
    // This process and so every grading process it forks share core 0 with three busy loops: the pair
    // waits for the CPU three quarters of the time. The watchdog is short, so even a pair that needs
    // well under a second of CPU outlives it (a fast quiet machine graded the pair before a 2.5 s one fired).
    // Its ten default re-arms bound the wait at 8.8 s, which a slow CI machine outran: this pool waits
    // as long as the test does, since what is under test is that the watchdog is re-armed at all.
    execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
    const pool = createGraderPool(1, { watchdogMs: () => 800, maxRearms: 1000 });
    try {
      for (let i = 0; i < 3; i++) hogs.push(spawn('taskset', ['-c', '0', 'sh', '-c', 'while :; do :; done'], { stdio: 'ignore' }));
      const publicOnly = parseGradeConfig({ exercises: ['failover-coordinator'], limits: { cpuMsPerCall: 1000, memoryMb: 256, cpuMsPerExercise: 8000 } }, 'test');
      const { result, usage } = await pool.grade({ ...job, config: publicOnly });
      expect(result.outcome).toBe('graded');
      expect(new Set(result.checks.map((c) => c.status))).toEqual(new Set(['passed']));
      expect(usage.notes).toHaveLength(1);
      expect(usage.notes![0]).toMatch(/^attempt 1: the watchdog was re-armed [1-9]\d* time\(s\): the pair's processes were waiting for a CPU/);
    } finally {
      for (const h of hogs) h.kill('SIGKILL');
      await pool.close();
      execFileSync('taskset', ['-a', '-p', affinity, String(process.pid)], { stdio: 'ignore' });
    }
  }, 240_000);
});
