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
import { detectTransport, sendSafely } from './transport.ts';

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
  let queue: Promise<void> = RealPromise.resolve();
  transport.onMessage((message) => {
    queue = queue
      .then(async () => {
        const reply = await handle(message);
        if (reply !== undefined) sendSafely(transport, reply);
      })
      // A host bug must not wedge the queue silently; an uncaught error ends this side and the port says so.
      .catch((error: unknown) => realQueueMicrotask(() => {
        throw error;
      }));
  });
}

main();
