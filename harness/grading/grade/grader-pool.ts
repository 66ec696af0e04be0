/**
 * Runs pair jobs on N grading processes (`workbook grade --worker`), one job per process at a time,
 * each under a wall-clock watchdog that sits above everything a learner can reach.
 *
 * A pair's processes are the grading process (its own process group) and the learner children it
 * reports. When the watchdog fires (3 × the pair's CPU budget of wall-clock time) they are all
 * killed. A pair that used less than half its CPU budget by then made no progress (blocked, or
 * stopped): it is retried once in a fresh grading process before it is recorded "timed out (no
 * progress)"; one that used more is "timed out" at once. A grading process that dies while a pair
 * runs is retried once too, then the pair is "crashed". A pair whose processes were runnable but
 * starved of CPU (an overloaded machine: the kernel's run-queue wait, run-delay.ts) was not
 * blocked: its watchdog is re-armed instead, up to 10 times, so load alone never fails a student.
 * Both are the student's outcomes, cached like
 * any grade: rerunning would only crash again. A harness exception reported by the grading process
 * stays an internal error (never cached, graded again on the next run).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { harnessError } from '../../errors.ts';
import { readCpuMs } from '../child-transport.ts';
import { packageRoot } from '../package-root.ts';
import { atTeardown, teardownOnSignals } from '../teardown.ts';
import { gradePairFailure, unfinishedPair } from './pair-failure.ts';
import type { GradedPair, PairJob } from './grade-pair.ts';
import type { WorkerReply, WorkerRequest } from './grader-worker.ts';
import { createRunDelayMeter, processGroup } from './run-delay.ts';
import { removeWorkFoldersOf } from './work-folders.ts';

export interface GraderPool {
  grade(job: PairJob): Promise<GradedPair>;
  close(): Promise<void>;
}

export interface GraderPoolOptions {
  /** Wall-clock watchdog of one attempt (1, 2) at a pair; default 3 × its `cpuMsPerExercise`. */
  readonly watchdogMs?: (job: PairJob, attempt: number) => number;
  /**
   * How often a starved pair's watchdog may be re-armed before it fires anyway; default 10. The bound
   * on the wait is this times the watchdog: a short watchdog needs more re-arms to wait as long.
   */
  readonly maxRearms?: number;
}

/** How one attempt at a pair ended. */
type Attempt =
  | { kind: 'graded'; out: GradedPair; rearmed?: number }
  | { kind: 'ended'; reason: string }
  | { kind: 'watchdog'; cpuMs: number; wallMs: number };

interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  /** Killed by the watchdog and not yet exited: takes no more work. */
  dead?: boolean;
  busy?: { id: number; learners: Set<number>; settle: (attempt: Attempt) => void };
}

/** Lines of a grading process's stderr passed on (an esbuild crash dumps megabytes of Go stacks). */
const STDERR_FORWARD_BYTES = 16 * 1024;

/** Starts `jobs` grading processes lazily, as work arrives. */
export function createGraderPool(jobs: number, options: GraderPoolOptions = {}): GraderPool {
  const slots: Slot[] = [];
  const waiting: (() => void)[] = [];
  const watchdogMs = options.watchdogMs ?? ((job: PairJob) => 3 * job.config.limits.cpuMsPerExercise);
  const maxRearms = options.maxRearms ?? MAX_REARMS;
  let nextId = 1;
  let closed = false;
  // Grading processes are in their own groups, out of reach of a terminal's Ctrl-C: should this
  // process exit or be interrupted before the pool is closed, take them (and their learner children) along.
  teardownOnSignals();
  const dropTeardown = atTeardown(() => {
    for (const s of slots) killPair(s, s.busy?.learners ?? new Set());
    for (const s of slots) if (s.child.pid !== undefined) removeWorkFoldersOf(s.child.pid);
  });

  const start = (): Slot => {
    const child = fork(join(packageRoot(), 'bin', 'workbook.js'), ['grade', '--worker'], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Its own process group, so the watchdog can kill it with whatever it started.
      detached: true,
      // Not the parent's flags: a test runner's loaders would slow every grading process down.
      execArgv: [],
    });
    let forwarded = 0;
    child.stderr?.on('data', (chunk: Buffer) => {
      if (forwarded >= STDERR_FORWARD_BYTES) return;
      process.stderr.write(chunk.subarray(0, STDERR_FORWARD_BYTES - forwarded));
      forwarded += chunk.length;
    });
    let ready!: () => void;
    const slot: Slot = { child, ready: new Promise<void>((r) => (ready = r)) };
    child.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') return ready();
      if (reply.type === 'retiring') return void (slot.dead = true);
      const busy = slot.busy;
      if (busy === undefined || busy.id !== reply.id) return;
      if (reply.type === 'learner') return void busy.learners.add(reply.pid);
      busy.settle({ kind: 'graded', out: reply.type === 'graded' ? { result: reply.result, usage: reply.usage, ...(reply.firstRuns !== undefined ? { firstRuns: reply.firstRuns } : {}) } : gradePairFailure(jobOf(reply.id), reply.message) });
    });
    child.on('exit', (code, signal) => {
      // Killed or crashed, it could not remove what it staged of students' code: that goes with it, not with the next run.
      if (child.pid !== undefined) removeWorkFoldersOf(child.pid);
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      ready();
      slot.busy?.settle({ kind: 'ended', reason: signal ?? `code ${code}` });
      waiting.shift()?.();
    });
    slots.push(slot);
    return slot;
  };

  const jobsById = new Map<number, PairJob>();
  const jobOf = (id: number): PairJob => jobsById.get(id)!;

  /** A free slot, marked busy before anyone else can take it. */
  const acquire = async (busy: NonNullable<Slot['busy']>): Promise<Slot> => {
    for (;;) {
      if (closed) throw harnessError('ERR_POOL_CLOSED', 'the grader pool is closed');
      let slot = slots.find((s) => s.busy === undefined && s.dead !== true && s.child.exitCode === null && s.child.signalCode === null);
      if (slot === undefined && slots.length < jobs) slot = start();
      if (slot !== undefined) {
        slot.busy = busy;
        return slot;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };

  const attempt = (job: PairJob, round: number): Promise<Attempt> => {
    const id = nextId++;
    jobsById.set(id, job);
    return new Promise<Attempt>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let sampler: ReturnType<typeof setInterval> | undefined;
      let slot: Slot | undefined;
      let rearmed = 0;
      const busy: NonNullable<Slot['busy']> = {
        id,
        learners: new Set(),
        settle: (a) => {
          if (slot?.busy !== busy) return;
          clearTimeout(timer);
          clearInterval(sampler);
          slot.busy = undefined;
          jobsById.delete(id);
          resolve(a.kind === 'graded' && rearmed > 0 ? { ...a, rearmed } : a);
          waiting.shift()?.();
        },
      };
      void acquire(busy).then((s) => {
        slot = s;
        return s.ready.then(() => {
          if (s.busy !== busy) return;
          const started = performance.now();
          const cpuAtStart = cpuOf(s, busy.learners);
          const limit = watchdogMs(job, round);
          const meter = createRunDelayMeter();
          const waitOf = (): number => meter.sample([...processGroup(s.child.pid), ...busy.learners]);
          let waitedAt = waitOf();
          // Sampled while the pair runs, so a bundler or learner child that ends keeps its wait counted.
          sampler = setInterval(waitOf, Math.max(50, Math.min(1000, limit / 4)));
          sampler.unref();
          const fire = (): void => {
            const cpuMs = Math.max(0, cpuOf(s, busy.learners) - cpuAtStart);
            const waited = waitOf();
            // Starved, not blocked: its threads spent at least half the window waiting for a CPU.
            if (cpuMs < job.config.limits.cpuMsPerExercise && waited - waitedAt >= limit / 2 && rearmed < maxRearms) {
              rearmed++;
              waitedAt = waited;
              timer = setTimeout(fire, limit);
              return;
            }
            killPair(s, busy.learners);
            busy.settle({ kind: 'watchdog', cpuMs, wallMs: Math.round(performance.now() - started) });
          };
          timer = setTimeout(fire, limit);
          s.child.send({ type: 'grade', id, job } satisfies WorkerRequest, (error) => {
            if (error && s.busy === busy) killPair(s, busy.learners);
          });
        });
      });
    });
  };

  return {
    async grade(job) {
      const notes: string[] = [];
      const budget = job.config.limits.cpuMsPerExercise;
      for (let round = 1; ; round++) {
        const a = await attempt(job, round);
        if (a.kind === 'graded') {
          if (a.rearmed !== undefined) notes.push(`attempt ${round}: the watchdog was re-armed ${a.rearmed} time(s): the pair's processes were waiting for a CPU (an overloaded machine), not blocked`);
          return notes.length === 0 ? a.out : { ...a.out, usage: { ...a.out.usage, notes } };
        }
        const usage = { wallMs: a.kind === 'watchdog' ? a.wallMs : 0, childCpuMs: 0, harnessCpuMs: a.kind === 'watchdog' ? a.cpuMs : 0, peakRssMb: 0, childStarts: 0, cached: false };
        if (a.kind === 'watchdog' && a.cpuMs >= budget / 2) {
          return unfinishedPair(job, 'timed-out', `timed out: grading did not finish within ${a.wallMs} ms of wall-clock time (the watchdog is 3 × this exercise's ${budget} ms CPU budget)`, { ...usage, notes });
        }
        const what =
          a.kind === 'watchdog'
            ? `the watchdog fired after ${a.wallMs} ms with ${Math.round(a.cpuMs)} ms of CPU used (less than half the ${budget} ms budget: no progress)`
            : `the grading process ended (${a.reason}) while grading this pair`;
        notes.push(`attempt ${round}: ${what}`);
        if (round === 1) {
          notes.push('retried once in a fresh grading process');
          continue;
        }
        return a.kind === 'watchdog'
          ? unfinishedPair(job, 'timed-out', `timed out (no progress): grading this pair made no progress twice (blocked or stopped; ${what})`, { ...usage, notes })
          : unfinishedPair(job, 'crashed', `crashed: the grading process ended twice while grading this pair (${a.reason})`, { ...usage, notes });
      }
    },
    async close() {
      closed = true;
      for (const w of waiting.splice(0)) w();
      // Interrupted while they wind down: they are still killed.
      await Promise.all(
        slots.map(
          (s) =>
            new Promise<void>((resolve) => {
              if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
              s.child.once('exit', () => resolve());
              s.child.disconnect();
              // A stopped process never sees the disconnect.
              setTimeout(() => killPair(s, new Set()), 5000).unref();
            }),
        ),
      );
      dropTeardown();
    },
  };
}

/** How often a starved pair's watchdog is re-armed before it fires anyway (a bound on the wait). */
const MAX_REARMS = 10;

/** CPU time of a grading process and its group, of the learner children it reported and of those it already reaped. */
function cpuOf(slot: Slot, learners: ReadonlySet<number>): number {
  let ms = 0;
  for (const pid of processGroup(slot.child.pid)) ms += readCpuMs(pid, pid === slot.child.pid) ?? 0;
  for (const pid of learners) ms += readCpuMs(pid) ?? 0;
  return ms;
}

/** Kills a grading process's group and every learner group it reported (each child has its own). */
function killPair(slot: Slot, learners: ReadonlySet<number>): void {
  slot.dead = true;
  for (const pid of [...learners, slot.child.pid]) {
    if (pid === undefined) continue;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
