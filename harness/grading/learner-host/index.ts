/**
 * The learner side of the grading boundary, bundled to dist/learner-host.js (this is its entry, and it
 * exports nothing: importing it starts a host). It evaluates learner modules and answers `call`
 * requests, in a worker thread or in a locked-down child process.
 *
 * The clock, randomness, timers and console are replaced before any learner code runs; the real
 * functions the host itself needs are captured at start-up by each module, because learner code may
 * overwrite globals.
 */
import { installConsoleCapture } from './console-capture.ts';
import { installDeterminism } from './determinism.ts';
import { patch } from './patch.ts';
import { closeProcessSurface } from './process-surface.ts';
import { handle, setCallbackSender } from './requests.ts';
import { installStackFormatting } from './stack-mapping.ts';
import { isAttachSlot, serveSlot, type HostQueue } from './slot-server.ts';
import { detectTransport, sendSafely } from './transport.ts';
import { replayBatch } from './replay-batch.ts';
import type { HostMessage } from '../protocol.ts';
import { isReplayRequest } from '../replay-log.ts';

const realQueueMicrotask = globalThis.queueMicrotask;
const RealPromise = Promise;

function main(): void {
  const transport = detectTransport();
  installStackFormatting();
  installConsoleCapture();
  installDeterminism();
  closeProcessSurface();
  // process.abort() would take the whole harness process down with a worker; make it end just this side.
  patch(process, 'abort', () => process.exit(134));
  setCallbackSender((message) => transport.send(message));
  let tail: Promise<void> = RealPromise.resolve();
  let received = 0;
  const queue: HostQueue = {
    enqueue: (work) => {
      tail = tail
        .then(work)
        // A host bug must not wedge the queue silently; an uncaught error ends this side and the port says so.
        .catch((error: unknown) => realQueueMicrotask(() => {
          throw error;
        }));
      return tail;
    },
    drained: async () => {
      for (let seen: Promise<void> | undefined; seen !== tail; ) await (seen = tail);
    },
    received: () => received,
  };
  const send = (reply: HostMessage): void => sendSafely(transport, reply);
  transport.onMessage((message) => {
    received++;
    // A worker's harness may attach a shared slot for cheaper calls (a child process never does).
    if (isAttachSlot(message)) return serveSlot(message, queue, handle, send);
    // Only a worker's harness (the learner's own check) replays in batches: a child process's parent
    // asks one call at a time and never lets recorded answers reach learner code's side.
    if (isReplayRequest(message)) {
      if (transport.worker) void queue.enqueue(async () => send(await replayBatch(message, handle) as unknown as HostMessage));
      return;
    }
    void queue.enqueue(async () => {
      const reply = await handle(message);
      if (reply !== undefined) send(reply);
    });
  });
}

main();
