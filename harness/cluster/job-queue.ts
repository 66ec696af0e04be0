/**
 * One job at a time per node (a replica, a leader), in arrival order, each a simulator task: a job that asks learner code
 * freezes simulated time while it waits (`ctx.external`), so a job is one moment of the run and a fault
 * never falls inside it. A job that throws or is abandoned at the deadline is a problem the run stops on.
 */
import type { NodeContext } from '../sim/index.ts';

export class JobQueue {
  private readonly jobs: { label: string; run: () => Promise<void> }[] = [];
  private busy = false;

  constructor(
    private readonly ctx: Pick<NodeContext, 'task'>,
    private readonly deadlineMs: number,
    private readonly onProblem: (fn: string, problem: string) => void,
    /** What the node is called in a problem: "the replica failed: …". */
    private readonly noun: string,
  ) {}

  /** Queues `run`; it starts once every job queued before it has finished. */
  push(label: string, run: () => Promise<void>): void {
    this.jobs.push({ label, run });
    if (!this.busy) this.pump();
  }

  /** Whether no job is running or waiting. */
  get idle(): boolean {
    return !this.busy;
  }

  private pump(): void {
    const job = this.jobs.shift();
    if (job === undefined) {
      this.busy = false;
      return;
    }
    this.busy = true;
    this.ctx.task(job.label, job.run, {
      deadlineMs: this.deadlineMs,
      onSettled: (result) => {
        if (result.status === 'threw') this.onProblem(job.label, `the ${this.noun} failed: ${String(result.error)}`);
        if (result.status === 'never-settled') this.onProblem(job.label, `${job.label} never settled`);
        this.pump();
      },
    });
  }
}
