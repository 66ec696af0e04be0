/**
 * Messages between a learner port (harness side) and the learner host (learner side).
 *
 * Transport-agnostic on purpose: the same messages travel over a worker `MessagePort` today and over a
 * child process's IPC channel (`process.send`) once learner code runs under the Node permission model.
 * Every message is a plain object. `args` and returned values are sent as-is, so a child-process
 * transport must use `serialization: 'advanced'` (structured clone), matching what workers do.
 */
import type { LearnerAnswer, LearnerCallContext, LearnerError } from './learner-port.ts';

/** Harness → host: evaluate `code` (an ESM bundle) as a new module instance; `fresh` makes its URL unique. */
export interface LoadRequest {
  type: 'load';
  code: string;
  /** The learner file as the harness names it; source positions in errors are reported relative to it. */
  filename: string;
  fresh: number;
}

/** Harness → host: call the loaded module's export `fn`. Answered by an `AnswerMessage` with the same `id`. */
export interface CallRequest {
  type: 'call';
  id: number;
  fn: string;
  args: readonly unknown[];
  ctx: LearnerCallContext;
}

/**
 * Harness → host: how the callback `seq` of call `id` ended. The host settles the learner's promise with
 * it (a rejection as an `Error` with this `name` and `message`), lets learner code run, and answers with
 * a `WaitingMessage` or the call's `AnswerMessage`. `now` is the simulated time learner code sees.
 */
export type CallbackResultMessage = { type: 'callback-result'; id: number; seq: number; now?: number } & (
  | { ok: true; value: unknown }
  | { ok: false; error: { name: string; message: string } }
);

/** Everything the harness sends to the learner host. */
export type HarnessMessage = LoadRequest | CallRequest | CallbackResultMessage;

/** Host → harness: the module loaded; `exports` are all its export names, `functions` the callable ones. */
export interface LoadedMessage {
  type: 'loaded';
  exports: string[];
  functions: string[];
}

/** The load problems only the host can detect; the port adds the rest (missing exports, timeouts, crashes). */
export type HostLoadProblem = { kind: 'threw-at-import'; error: LearnerError };

/** Host → harness: evaluating the module threw. */
export interface LoadFailedMessage {
  type: 'load-failed';
  problem: HostLoadProblem;
}

/** The answers only the host can give; `timed-out` and `crashed` are decided by the port. */
export type HostAnswer = Extract<LearnerAnswer, { kind: 'returned' | 'threw' | 'never-settled' }>;

/** Host → harness: how call `id` ended. */
export interface AnswerMessage {
  type: 'answer';
  id: number;
  answer: HostAnswer;
}

/**
 * Host → harness: learner code called method `target` (`${handle}.${method}`) of a callback object of
 * call `id`. Sent at once, while learner code runs; `seq` numbers the callbacks of one call from 0.
 * Answered by a `CallbackResultMessage` with the same `id` and `seq`.
 */
export interface CallbackMessage {
  type: 'callback';
  id: number;
  seq: number;
  target: string;
  args: unknown[];
}

/**
 * Host → harness: learner code of call `id` is idle, its promise pending on callbacks still outstanding.
 * Every `call` and `callback-result` the host receives for a live call is answered by exactly one
 * `waiting` or `answer`, so the harness knows when learner code runs (and when its time limit applies).
 */
export interface WaitingMessage {
  type: 'waiting';
  id: number;
}

/** Everything the learner host sends to the harness. */
export type HostMessage = LoadedMessage | LoadFailedMessage | AnswerMessage | CallbackMessage | WaitingMessage;
