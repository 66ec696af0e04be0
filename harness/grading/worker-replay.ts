/**
 * Replay batches for the learner's own check (issue 10): a schedule's recorded calls go to the worker
 * in one message with the hashes of their recorded answers, and the host stops after the first answer
 * that differs, so a schedule that matches costs one round trip instead of one per call. Grading never
 * does this (its child is untrusted, and the recorded answers must not reach it): there the parent
 * asks one call at a time.
 *
 * A batch keeps the semantics of asking the calls one at a time through the port session: every
 * answer is bounded by its export's budget (over it, the worker is replaced); a call that ran past
 * the time limit answers `timed-out` and a call during which the worker died answers `crashed`, the
 * calls before it keeping their answers (the host writes each into a shared log as it answers,
 * replay-log.ts), and the worker is replaced, so the next call starts a fresh module, as the session
 * does after a time-out or crash.
 */
import type { Worker } from 'node:worker_threads';
import { answerBudgetOf, type AnswerBudgets } from './answer-budget.ts';
import { boundHostAnswer } from './bounded-answer.ts';
import type { LearnerAnswer } from './learner-port.ts';
import type { HostAnswer, HostMessage } from './protocol.ts';
import { answeredCalls, createLogBuffer, readAnswers, replayLog, resetLog, startedCalls, type BatchCall, type ReplayedMessage } from './replay-log.ts';

/** The answers of a prefix of `calls` (at least one), or undefined when no batch could be sent (ask one call the ordinary way). */
export type ReplayBatcher = (calls: readonly BatchCall[]) => Promise<readonly LearnerAnswer[] | undefined>;

/** The worker the session runs now, once it loaded the module with every required export. */
export interface ReadyWorker {
  readonly worker: Worker;
  /** Ends the worker; the session sees it exit and starts a new one for its next call. */
  kill(): Promise<void>;
}

export interface WorkerReplayer {
  /** Wire into the worker's events: a host message (true when it was a batch's reply and is consumed), its exit. */
  onMessage(worker: Worker, message: HostMessage | ReplayedMessage): boolean;
  onExit(worker: Worker, reason: string): void;
  /** The worker is ready for calls (loaded), or not any more (a new load started, killed, gone). */
  ready(worker: ReadyWorker | undefined): void;
  readonly replay: ReplayBatcher;
}

export function workerReplayer(config: { readonly callTimeoutMs: number; readonly answerBudgets?: AnswerBudgets }): WorkerReplayer {
  let current: ReadyWorker | undefined;
  let nextId = 1;
  let buffer: SharedArrayBuffer | undefined;
  // Workers that have the log: it is posted once per worker.
  const attached = new WeakSet<Worker>();
  let pending: { readonly worker: Worker; settle(end: { reply: ReplayedMessage } | { crashed: string } | { timedOut: true }): void } | undefined;

  const replay: ReplayBatcher = async (calls) => {
    const target = current;
    if (target === undefined || calls.length === 0 || pending !== undefined) return undefined;
    buffer ??= createLogBuffer();
    const log = replayLog(buffer);
    resetLog(log);
    const id = nextId++;
    const end = await new Promise<{ reply: ReplayedMessage } | { crashed: string } | { timedOut: true } | undefined>((resolve) => {
      // A call that never answers: one running at two looks a whole limit apart has run past the limit.
      let seen = -1;
      const watch = (): void => {
        const started = startedCalls(log);
        const running = started > answeredCalls(log);
        if (running && started === seen) return finish({ timedOut: true });
        seen = running ? started : -1;
        timer = setTimeout(watch, config.callTimeoutMs);
      };
      let timer = setTimeout(watch, 0);
      const finish = (e: { reply: ReplayedMessage } | { crashed: string } | { timedOut: true } | undefined): void => {
        clearTimeout(timer);
        pending = undefined;
        resolve(e);
      };
      pending = { worker: target.worker, settle: finish };
      const first = !attached.has(target.worker);
      try {
        target.worker.postMessage({ type: 'replay', id, calls, limitMs: config.callTimeoutMs, ...(first ? { log: buffer } : {}) });
      } catch {
        // Not sent (arguments that cannot cross): nothing ran, so the calls are asked the ordinary way.
        clearTimeout(timer);
        pending = undefined;
        return resolve(undefined);
      }
      attached.add(target.worker);
    });
    // From here on the calls ran: anything that fails is a harness bug, never a reason to ask them again.
    if (end === undefined) return undefined;
    const raw: HostAnswer[] = readAnswers(log);
    const running = startedCalls(log) > raw.length;
    if ('reply' in end && end.reply.overflow !== undefined) raw.push(end.reply.overflow);
    // The call that ran past the limit answers `timed-out`, whatever it returned after.
    const over = 'reply' in end && end.reply.over === true;
    if (over) raw.pop();
    const answers: LearnerAnswer[] = [];
    for (const [i, answer] of raw.entries()) {
      const bounded = boundHostAnswer(answer, calls[i]!.fn, answerBudgetOf(config.answerBudgets, calls[i]!.fn));
      answers.push(bounded.answer);
      if (bounded.overBudget) return replaced(target, answers);
    }
    const timedOut: LearnerAnswer = { kind: 'timed-out', limitMs: config.callTimeoutMs };
    if ('timedOut' in end || over) return replaced(target, [...answers, timedOut]);
    // Died during a call: that call crashed. Between calls (nothing of learner code running), the next call finds it gone.
    if ('crashed' in end) return running ? [...answers, { kind: 'crashed', reason: end.crashed }] : answers.length > 0 ? answers : undefined;
    // Unanswered (a call waited on a callback it cannot get): the worker is replaced and that call asked again the ordinary way.
    if (end.reply.stuck === true) return replaced(target, answers.length > 0 ? answers : undefined);
    return answers;
  };

  const replaced = async <T>(target: ReadyWorker, answers: T): Promise<T> => {
    if (current === target) current = undefined;
    await target.kill();
    return answers;
  };

  return {
    replay,
    ready: (worker) => void (current = worker),
    onMessage(worker, message) {
      if (message.type !== 'replayed') return false;
      if (pending?.worker === worker && message.id === nextId - 1) pending.settle({ reply: message });
      return true;
    },
    onExit(worker, reason) {
      if (current?.worker === worker) current = undefined;
      if (pending?.worker === worker) pending.settle({ crashed: reason });
    },
  };
}
