/**
 * The host's end of the shared slot (../shared-slot.ts). Between requests the host waits on the slot
 * in slices of at most 20 ms; after each slice, and whenever the harness has posted ordinary messages
 * the host has not read yet (a load, a callback's result), it yields to its event loop so they arrive.
 * It never waits while work is queued: a request runs exactly as one from the port would, through
 * the same queue and the same `handle`, and only its reply travels back differently.
 */
import type { MessagePort } from 'node:worker_threads';
import type { HarnessMessage, HostMessage } from '../protocol.ts';
import { moveSlot, postedCount, readSlot, setSlot, SLOT, slotMemory, slotState, waitSlot, writeSlot, type SlotMemory } from '../shared-slot.ts';

const realSetImmediate = globalThis.setImmediate;
const RealPromise = Promise;
const SLICE_MS = 20;

/** What the harness sends to attach a slot (once, before anything else reaches the host that way). */
export interface AttachSlotMessage {
  type: 'attach-slot';
  slot: SharedArrayBuffer;
  /** Where replies too large for the slot go. */
  answers: MessagePort;
}

export function isAttachSlot(message: unknown): message is AttachSlotMessage {
  const m = message as Partial<AttachSlotMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'attach-slot' && m.slot instanceof SharedArrayBuffer;
}

export interface HostQueue {
  /** Runs `work` after everything queued before it; resolves when it is done. */
  enqueue(work: () => Promise<void>): Promise<void>;
  /** Resolves once nothing is queued. */
  drained(): Promise<void>;
  /** Ordinary messages received so far. */
  received(): number;
}

/** Serves slot requests until the worker ends. `send` is the ordinary way, for replies the slot cannot carry. */
export function serveSlot(attach: AttachSlotMessage, queue: HostQueue, handle: (m: HarnessMessage) => Promise<HostMessage | undefined>, send: (m: HostMessage) => void): void {
  const memory = slotMemory(attach.slot);
  const yieldToLoop = (): Promise<void> => new RealPromise((resolve) => realSetImmediate(resolve));
  const loop = async (): Promise<void> => {
    for (;;) {
      await queue.drained();
      if (queue.received() < postedCount(memory)) {
        await yieldToLoop();
        continue;
      }
      const state = slotState(memory);
      if (state === SLOT.request && moveSlot(memory, SLOT.request, SLOT.busy)) {
        const request = readSlot(memory) as HarnessMessage;
        await queue.enqueue(async () => reply(memory, attach.answers, await handle(request), send));
        continue;
      }
      // Idle, or our last answer not yet taken: sleep until the harness writes (it always wakes us),
      // and after a whole slice without a change, let the event loop deliver posted messages.
      if (waitSlot(memory, state, SLICE_MS) === state) await yieldToLoop();
    }
  };
  void loop();
}

/** The reply to a slot request: in the slot, else on the answer port, else (unsendable) the ordinary way. */
function reply(memory: SlotMemory, answers: MessagePort, message: HostMessage | undefined, send: (m: HostMessage) => void): void {
  if (message === undefined) return;
  if (writeSlot(memory, message)) return setSlot(memory, SLOT.answer);
  try {
    answers.postMessage(message);
    setSlot(memory, SLOT.answerOnPort);
  } catch {
    // Neither fits nor clones: the ordinary channel turns it into an UnserializableValueError answer.
    setSlot(memory, SLOT.idle);
    send(message);
  }
}
