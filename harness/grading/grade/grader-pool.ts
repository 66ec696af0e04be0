/**
 * Runs pair jobs on N grading processes (`workbook grade --worker`), one job per process at a time.
 * A grading process that dies takes only its current pair with it: that pair becomes an internal
 * error (never cached, so the next run grades it again) and a fresh process takes over.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { harnessError } from '../../errors.ts';
import { packageRoot } from '../package-root.ts';
import { gradePairFailure } from './pair-failure.ts';
import type { PairJob } from './grade-pair.ts';
import type { PairResult, PairUsage } from './pair-result.ts';
import type { WorkerReply, WorkerRequest } from './grader-worker.ts';

export interface GraderPool {
  grade(job: PairJob): Promise<{ result: PairResult; usage: PairUsage }>;
  close(): Promise<void>;
}

interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  busy?: { id: number; job: PairJob; resolve: (r: { result: PairResult; usage: PairUsage }) => void };
}

/** Starts `jobs` grading processes lazily, as work arrives. */
export function createGraderPool(jobs: number): GraderPool {
  const slots: Slot[] = [];
  const waiting: (() => void)[] = [];
  let nextId = 1;
  let closed = false;

  const start = (): Slot => {
    const child = fork(join(packageRoot(), 'bin', 'workbook.js'), ['grade', '--worker'], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      // Not the parent's flags: a test runner's loaders would slow every grading process down.
      execArgv: [],
    });
    let ready!: () => void;
    const slot: Slot = { child, ready: new Promise<void>((r) => (ready = r)) };
    child.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') return ready();
      const busy = slot.busy;
      if (busy === undefined || busy.id !== reply.id) return;
      slot.busy = undefined;
      busy.resolve(reply.type === 'graded' ? { result: reply.result, usage: reply.usage } : gradePairFailure(busy.job, reply.message));
      waiting.shift()?.();
    });
    child.on('exit', (code, signal) => {
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      ready();
      const busy = slot.busy;
      slot.busy = undefined;
      if (busy !== undefined) busy.resolve(gradePairFailure(busy.job, `the grading process ended (${signal ?? `code ${code}`})`));
      waiting.shift()?.();
    });
    slots.push(slot);
    return slot;
  };

  /** A free slot, marked busy with `busy` before anyone else can take it. */
  const acquire = async (busy: NonNullable<Slot['busy']>): Promise<Slot> => {
    for (;;) {
      if (closed) throw harnessError('ERR_POOL_CLOSED', 'the grader pool is closed');
      let slot = slots.find((s) => s.busy === undefined && s.child.exitCode === null && s.child.signalCode === null);
      if (slot === undefined && slots.length < jobs) slot = start();
      if (slot !== undefined) {
        slot.busy = busy;
        return slot;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };

  return {
    async grade(job) {
      const id = nextId++;
      return new Promise((resolve) => {
        void acquire({ id, job, resolve }).then((slot) =>
          slot.ready.then(() => {
            if (slot.busy?.id !== id) return;
            slot.child.send({ type: 'grade', id, job } satisfies WorkerRequest, (error) => {
              if (error && slot.busy?.id === id) slot.child.kill('SIGKILL');
            });
          }),
        );
      });
    },
    async close() {
      closed = true;
      for (const w of waiting.splice(0)) w();
      await Promise.all(
        slots.map(
          (s) =>
            new Promise<void>((resolve) => {
              if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
              s.child.once('exit', () => resolve());
              s.child.disconnect();
            }),
        ),
      );
    },
  };
}
