/**
 * A worker transport whose plain calls go through the shared slot (shared-slot.ts) instead of a
 * message each way. Everything else — loads, calls that may call back, callback results — is posted
 * as before, and the host reads it at once because the slot counts what was posted.
 *
 * Waiting for an answer blocks this thread, so it happens in slices of at most 20 ms with a turn of
 * the event loop between them: a worker's death (out of memory, `process.exit`) arrives as an event,
 * and so do the session's time limit and a kill, which end the wait. An answer that arrives is handed
 * to the session in a microtask, without waiting for a turn of the event loop.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { LearnerTransport, TransportEvents } from './port-session.ts';
import type { HarnessMessage, HostMessage } from './protocol.ts';
import { countPosted, createSlotBuffer, readSlot, setSlot, SLOT, slotMemory, slotState, waitSlot, writeSlot } from './shared-slot.ts';

const SLICE_MS = 20;

/** Wires `worker` to the session through a slot; `kill` ends the worker. */
export function slotTransport(worker: Worker, events: TransportEvents, kill: () => Promise<void>): LearnerTransport {
  const buffer = createSlotBuffer();
  const memory = slotMemory(buffer);
  const { port1: answers, port2: hostEnd } = new MessageChannel();
  let awaiting = false;
  let dead = false;
  const post = (message: unknown, transfer: MessagePort[] = []): void => {
    worker.postMessage(message, transfer);
    countPosted(memory);
  };
  post({ type: 'attach-slot', slot: buffer, answers: hostEnd }, [hostEnd]);

  const take = (state: number): void => {
    awaiting = false;
    const message = state === SLOT.answer ? readSlot(memory) : receiveMessageOnPort(answers)?.message;
    // No wake-up: the host sleeps until the next request, which wakes it.
    setSlot(memory, SLOT.idle, false);
    if (message === undefined) return void kill();
    queueMicrotask(() => events.onMessage(message as HostMessage));
  };
  const poll = (): void => {
    if (dead || !awaiting) return;
    const until = performance.now() + SLICE_MS;
    for (;;) {
      const state = slotState(memory);
      if (state === SLOT.answer || state === SLOT.answerOnPort) return take(state);
      // The host could not use the slot for its reply and posted it the ordinary way.
      if (state === SLOT.idle) return void (awaiting = false);
      const left = until - performance.now();
      if (left <= 0) break;
      waitSlot(memory, state, left);
    }
    setImmediate(poll);
  };

  return {
    send(message: HarnessMessage, options?: { mayCallBack?: boolean }) {
      if (message.type === 'call' && options?.mayCallBack !== true && !awaiting && writeSlot(memory, message)) {
        awaiting = true;
        setSlot(memory, SLOT.request);
        return poll();
      }
      post(message);
    },
    kill: async () => {
      dead = true;
      answers.close();
      await kill();
    },
  };
}
