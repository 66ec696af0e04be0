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

/** Everything the harness sends to the learner host. */
export type HarnessMessage = LoadRequest | CallRequest;

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
 * RESERVED, not implemented: learner code awaiting something the simulator owns (e.g. `replicas.read(id)`)
 * will send this, and the harness will reply with a matching result message. Until then a port treats it
 * as a protocol error.
 */
export interface CallbackMessage {
  type: 'callback';
  callId: number;
  id: number;
  target: string;
  args: unknown[];
}

/** Everything the learner host sends to the harness. */
export type HostMessage = LoadedMessage | LoadFailedMessage | AnswerMessage | CallbackMessage;
