/**
 * A grading process: it receives pair jobs from `workbook grade` over IPC, grades them one at a time
 * with `gradePair`, and sends the results back. Several of them make `--jobs N`: the simulator is
 * CPU-bound JavaScript, so parallel grading needs parallel processes. Started as `workbook grade --worker`.
 */
import { harnessError } from '../../errors.ts';
import { killAllLearnerChildren } from '../child-transport.ts';
import { bundlerLost } from './confined-transpile.ts';
import { gradePair, type GradedPair, type PairJob } from './grade-pair.ts';
import type { PairResult, PairUsage } from './pair-result.ts';

/** Pool → worker. */
export type WorkerRequest = { readonly type: 'grade'; readonly id: number; readonly job: PairJob };

/** Worker → pool. */
export type WorkerReply =
  | { readonly type: 'ready' }
  /** Sent before a last result: this process ends after it and must get no more jobs. */
  | { readonly type: 'retiring' }
  /** A learner child of job `id` started: its process group, for the pool's watchdog. */
  | { readonly type: 'learner'; readonly id: number; readonly pid: number }
  | { readonly type: 'graded'; readonly id: number; readonly result: PairResult; readonly usage: PairUsage; readonly firstRuns?: GradedPair['firstRuns'] }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

/** Serves jobs until the pool disconnects; then ends every learner process it started, and exits. */
export function runGraderWorker(): Promise<number> {
  const send = process.send?.bind(process);
  if (send === undefined) throw harnessError('ERR_NO_IPC', 'workbook grade --worker runs only under workbook grade (it needs an IPC channel)');
  const stop = (code: number): void => {
    killAllLearnerChildren();
    process.exit(code);
  };
  process.on('disconnect', () => stop(0));
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));
  let queue: Promise<void> = Promise.resolve();
  process.on('message', (message: WorkerRequest) => {
    if (message?.type !== 'grade') return;
    queue = queue.then(async () => {
      try {
        const { id } = message;
        const { result, usage, firstRuns } = await gradePair(message.job, { onLearnerStart: (pid) => send({ type: 'learner', id, pid } satisfies WorkerReply) });
        // The bundler service of this process is gone (a submission crashed it): this process takes
        // no more pairs, so the pool starts a fresh one and classmates are bundled as usual.
        const retiring = bundlerLost();
        if (retiring) send({ type: 'retiring' } satisfies WorkerReply);
        send({ type: 'graded', id, result, usage, ...(firstRuns !== undefined ? { firstRuns } : {}) } satisfies WorkerReply, undefined, undefined, () => retiring && stop(0));
      } catch (error) {
        send({ type: 'error', id: message.id, message: (error as Error).stack ?? String(error) } satisfies WorkerReply);
      }
    });
  });
  send({ type: 'ready' } satisfies WorkerReply);
  // Never resolves: the process lives until the pool lets it go.
  return new Promise<number>(() => undefined);
}
