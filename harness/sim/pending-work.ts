/**
 * The learner work a simulation waits on: tasks a node started (each with a deadline in simulated
 * time), promises it asked the loop to track, and deferreds it settles. The simulation runs events
 * synchronously while this is quiet and hands control to the host only until it is quiet again, so
 * simulated time never moves while learner code is running.
 */
import type { Deferred, TaskResult } from './node.ts';

/** A task a node started, settled once: by its body, by its deadline, or by the node crashing. */
export interface PendingTask {
  readonly node: string;
  readonly incarnation: number;
  readonly label: string;
  done: boolean;
  readonly onSettled: (r: TaskResult<unknown>) => void;
}

const ignore = (): void => undefined;

export class PendingWork {
  private readonly externals = new Set<Promise<void>>();
  private readonly tasks = new Set<PendingTask>();
  private needsDrain = false;

  /** Whether the host must run before the next event: something settled or is still in flight. */
  get busy(): boolean {
    return this.needsDrain || this.externals.size > 0;
  }

  /** Lets the host run until every tracked promise settled and nothing settled since the last yield. */
  async settle(hostYield: () => Promise<void>): Promise<void> {
    do {
      while (this.externals.size > 0) await Promise.race(this.externals);
      this.needsDrain = false;
      await hostYield();
    } while (this.externals.size > 0 || this.needsDrain);
  }

  /** Registers a task; the caller schedules its deadline, then calls `run` (in that order, for determinism). */
  add<T>(node: string, incarnation: number, label: string, onSettled: (result: TaskResult<T>) => void): PendingTask {
    const task: PendingTask = { node, incarnation, label, done: false, onSettled: onSettled as (r: TaskResult<unknown>) => void };
    this.tasks.add(task);
    return task;
  }

  /** Runs a task's body; its outcome settles the task unless the deadline or a crash came first. */
  run<T>(task: PendingTask, body: () => Promise<T> | T): void {
    const finish = (result: TaskResult<unknown>): void => {
      if (!this.take(task)) return;
      this.needsDrain = true;
      task.onSettled(result);
    };
    this.needsDrain = true;
    let result: Promise<T> | T;
    try {
      result = body();
    } catch (error) {
      finish({ status: 'threw', error });
      return;
    }
    Promise.resolve(result).then(
      (value) => finish({ status: 'ok', value }),
      (error: unknown) => finish({ status: 'threw', error }),
    );
  }

  /**
   * Takes `task` out as never settled; false when it had settled (or was forgotten) already. The caller
   * records that in the trace before calling `task.onSettled`, whose handler may record notes too.
   */
  abandon(task: PendingTask): boolean {
    return this.take(task);
  }

  /** The tasks still pending, in the order they started. */
  pending(): PendingTask[] {
    return [...this.tasks];
  }

  /** Drops a crashed node's tasks without settling them: the node that would hear the outcome is gone. */
  forget(node: string): void {
    for (const task of [...this.tasks]) if (task.node === node) this.tasks.delete(task);
  }

  /** Makes the loop wait for `promise` before the next event. */
  track<T>(promise: Promise<T>): Promise<T> {
    // The loop waits on a copy that never rejects; the caller observes the real outcome.
    const quiet: Promise<void> = promise.then(ignore, ignore).then(() => {
      this.externals.delete(quiet);
      this.needsDrain = true;
    });
    this.externals.add(quiet);
    return promise;
  }

  /** A deferred whose settling makes the loop let the host run before the next event. */
  deferred<T>(): Deferred<T> {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return {
      promise,
      resolve: (v) => {
        this.needsDrain = true;
        resolve(v);
      },
      reject: (e) => {
        this.needsDrain = true;
        reject(e);
      },
    };
  }

  private take(task: PendingTask): boolean {
    if (task.done || !this.tasks.has(task)) return false;
    task.done = true;
    this.tasks.delete(task);
    return true;
  }
}
