/**
 * The answers of a replay batch (check mode only, worker-replay.ts), written by the learner host into
 * shared memory as each call answers. The harness reads them when the host reports the batch done,
 * and also when the worker hangs or dies in the middle of it: the calls that answered before keep
 * their answers, and only the call that was running gets the time-out or crash, exactly as when the
 * calls are asked one message at a time. Writing costs no wake-up of the harness thread.
 *
 * Both sides import this file: the harness (worker-replay.ts) and the host (learner-host/replay-batch.ts).
 */
import { Buffer } from 'node:buffer';
import type { HostAnswer } from './protocol.ts';
import { decodeMessage, encodeMessage } from './shared-slot.ts';

/** How many answers are written; how many calls were started (a call is running while they differ); bytes used. */
const COUNT = 0;
const STARTED = 1;
const USED = 2;
const HEADER_BYTES = 16;
/** Far more than one schedule's answers; an answer that does not fit travels in the reply instead. */
export const LOG_BYTES = 1024 * 1024;

// Captured at load: the host loads learner code into the same realm, which may replace globals.
const { load, store } = Atomics;

export interface ReplayLog {
  readonly control: Int32Array;
  /** The entries: each a 4-byte length, then the answer as the shared slot encodes it. */
  readonly data: Buffer;
}

export function createLogBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + LOG_BYTES);
}

export function replayLog(buffer: SharedArrayBuffer): ReplayLog {
  return { control: new Int32Array(buffer, 0, 3), data: Buffer.from(buffer, HEADER_BYTES) };
}

/** Empties the log before a batch (harness side, while the host is idle). */
export function resetLog(log: ReplayLog): void {
  store(log.control, COUNT, 0);
  store(log.control, STARTED, 0);
  store(log.control, USED, 0);
}

/** Host: a call of the batch starts. */
export function markStarted(log: ReplayLog): void {
  store(log.control, STARTED, load(log.control, STARTED) + 1);
}

/** Host: appends one answer; false when it does not fit (the host then sends it in its reply). */
export function appendAnswer(log: ReplayLog, answer: HostAnswer): boolean {
  const used = load(log.control, USED);
  const length = encodeMessage(log.data, used + 4, log.data.length - used - 4, answer);
  if (length < 0) return false;
  log.data.writeUInt32LE(length, used);
  store(log.control, USED, used + 4 + length);
  store(log.control, COUNT, load(log.control, COUNT) + 1);
  return true;
}

/** Harness: the answers written so far, in call order. */
export function readAnswers(log: ReplayLog): HostAnswer[] {
  const count = load(log.control, COUNT);
  const answers: HostAnswer[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const length = log.data.readUInt32LE(at);
    answers.push(decodeMessage(log.data, at + 4, length) as HostAnswer);
    at += 4 + length;
  }
  return answers;
}

/** Harness: how many answers the host has written. */
export function answeredCalls(log: ReplayLog): number {
  return load(log.control, COUNT);
}

/** Harness: how many calls the host has started (one more than the answers while a call runs). */
export function startedCalls(log: ReplayLog): number {
  return load(log.control, STARTED);
}

/** One call of a batch and the hash of the answer its recorded run got (run-record.ts `answerKey`). */
export interface BatchCall {
  readonly fn: string;
  readonly args: readonly unknown[];
  readonly ctx: { readonly seed: number; readonly now: number; readonly freezeArgs?: boolean };
  readonly expect: string;
}

/** Harness → worker host: ask `calls` in order, stopping after the first answer whose hash is not its `expect`. */
export interface ReplayRequest {
  readonly type: 'replay';
  readonly id: number;
  readonly calls: readonly BatchCall[];
  /** The per-call time limit: the host stops after a call that ran longer (the harness answers it `timed-out`). */
  readonly limitMs: number;
  /** The log, in a worker's first batch only: posting shared memory costs ~0.1 ms a message. */
  readonly log?: SharedArrayBuffer;
}

/** Worker host → harness: the batch is over; its answers are in the log. */
export interface ReplayedMessage {
  readonly type: 'replayed';
  readonly id: number;
  /** The last answer, when it did not fit in the log. */
  readonly overflow?: HostAnswer;
  /** The last call ran longer than `limitMs`. */
  readonly over?: true;
  /** A call waited on a callback (a plain call cannot): the batch stopped there, unanswered. */
  readonly stuck?: true;
}

export function isReplayRequest(message: unknown): message is ReplayRequest {
  const m = message as Partial<ReplayRequest> | null;
  return typeof m === 'object' && m !== null && m.type === 'replay' && Array.isArray(m.calls) && (m.log === undefined || m.log instanceof SharedArrayBuffer);
}
