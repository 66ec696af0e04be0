/**
 * Transport detection: the host talks to the harness over a worker's `parentPort`, or over the IPC
 * channel of a child process forked with `serialization: 'advanced'`.
 */
import { parentPort } from 'node:worker_threads';
import { harnessError } from '../../errors.ts';
import type { LearnerError } from '../learner-port.ts';
import type { AnswerMessage, HarnessMessage, HostMessage } from '../protocol.ts';
import { threw } from './requests.ts';

export interface HostTransport {
  /** True in a worker thread (the learner's own check), false in a locked-down child process. */
  readonly worker: boolean;
  send(message: HostMessage): void;
  onMessage(handler: (message: HarnessMessage) => void): void;
}

/** The channel to the harness this host was started with; throws `ERR_NO_TRANSPORT` when there is none. */
export function detectTransport(): HostTransport {
  const port = parentPort;
  if (port !== null) {
    return { worker: true, send: (m) => port.postMessage(m), onMessage: (h) => port.on('message', h) };
  }
  const send = process.send?.bind(process);
  if (send !== undefined) {
    return { worker: false, send: (m) => void send(m), onMessage: (h) => process.on('message', h as (m: unknown) => void) };
  }
  throw harnessError('ERR_NO_TRANSPORT', 'learner-host must run in a worker thread or in a child process with an IPC channel');
}

/** Sends `message`; one the channel cannot carry becomes an `UnserializableValueError` answer instead. */
export function sendSafely(transport: HostTransport, message: HostMessage): void {
  try {
    transport.send(message);
  } catch (error) {
    const problem: LearnerError = { name: 'UnserializableValueError', message: (error as Error).message };
    transport.send(
      message.type === 'answer'
        ? ({ type: 'answer', id: message.id, answer: threw(problem) } satisfies AnswerMessage)
        : { type: 'load-failed', problem: { kind: 'threw-at-import', error: problem } },
    );
  }
}
