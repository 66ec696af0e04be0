/**
 * The cheap way across to a learner worker: one request/answer slot in a `SharedArrayBuffer`, woken
 * with `Atomics.notify` and awaited with `Atomics.wait`. A call through it costs no event-loop turn in
 * the harness and no message-queue hop either way, where a `postMessage` round trip cost ~66 µs of
 * structured clone plus two turns of each loop (issue 10). A message that JSON carries exactly (plain
 * objects and arrays, strings, finite numbers other than -0, booleans, null; no `undefined`) goes as
 * JSON, several times cheaper than `v8.serialize` from JavaScript; anything else is v8-serialized, the
 * structured-clone algorithm `postMessage` uses. Either way, what arrives is what would have arrived.
 *
 * Both sides import this file: the harness (worker-port.ts) and the host (learner-host/slot-server.ts).
 * The slot carries one message each way at a time; an answer larger than the slot travels through a
 * `MessagePort` that the harness reads synchronously with `receiveMessageOnPort`.
 */
import { Buffer } from 'node:buffer';
import { deserialize, serialize } from 'node:v8';

/** The states of the slot, in the control word. */
export const SLOT = {
  /** Nothing to do; the host may wait. */
  idle: 0,
  /** The harness wrote a request; the host has not taken it yet. */
  request: 1,
  /** The host took the request and is running it. */
  busy: 2,
  /** The host wrote its reply into the slot. */
  answer: 3,
  /** The host's reply was too large for the slot: it waits on the answer port. */
  answerOnPort: 4,
} as const;

const STATE = 0;
const LENGTH = 1;
/** How many ordinary messages the harness has posted: a host that has seen fewer reads its port first. */
const POSTED = 2;
const HEADER_BYTES = 16;
/** Plenty for every answer of every exercise; larger ones take the port. */
export const SLOT_BYTES = 256 * 1024;

/** The slot's memory, as both sides see it. */
export interface SlotMemory {
  readonly control: Int32Array;
  readonly data: Uint8Array;
  /** The same bytes as a Buffer, for UTF-8 in and out without a copy. */
  readonly bytes: Buffer;
}

/** The first byte of a message in the slot: how the rest is encoded. */
const JSON_TAG = 0x4a;
const V8_TAG = 0x56;

export function createSlotBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + SLOT_BYTES);
}

export function slotMemory(buffer: SharedArrayBuffer): SlotMemory {
  return { control: new Int32Array(buffer, 0, 3), data: new Uint8Array(buffer, HEADER_BYTES), bytes: Buffer.from(buffer, HEADER_BYTES) };
}

// Captured at load: the host loads learner code into the same realm, which may replace globals.
const { add, load, store, notify, wait, compareExchange } = Atomics;

export function slotState(memory: SlotMemory): number {
  return load(memory.control, STATE);
}

/** Moves the slot from `from` to `to` if it is in `from`; true when it did. */
export function moveSlot(memory: SlotMemory, from: number, to: number): boolean {
  return compareExchange(memory.control, STATE, from, to) === from;
}

/** Counts an ordinary message posted to the host, and wakes it to read it. */
export function countPosted(memory: SlotMemory): void {
  add(memory.control, POSTED, 1);
  notify(memory.control, STATE);
}

export function postedCount(memory: SlotMemory): number {
  return load(memory.control, POSTED);
}

/** Puts `to` in the slot and wakes the other side (unless `wake` is false: it will look anyway). */
export function setSlot(memory: SlotMemory, to: number, wake = true): void {
  store(memory.control, STATE, to);
  if (wake) notify(memory.control, STATE);
}

/** Waits at most `ms` while the slot is in state `while`; returns the state then. */
export function waitSlot(memory: SlotMemory, whileState: number, ms: number): number {
  wait(memory.control, STATE, whileState, ms);
  return load(memory.control, STATE);
}

/**
 * Serializes `message` into the slot; false (nothing written) when it does not fit or cannot be
 * serialized, so the caller sends it the ordinary way instead.
 */
export function writeSlot(memory: SlotMemory, message: unknown): boolean {
  const length = encodeMessage(memory.bytes, 0, memory.data.length, message);
  if (length < 0) return false;
  store(memory.control, LENGTH, length);
  return true;
}

/** The message in the slot. */
export function readSlot(memory: SlotMemory): unknown {
  return decodeMessage(memory.bytes, 0, load(memory.control, LENGTH));
}

/**
 * Writes `message` into `bytes` at `at`, in at most `capacity` bytes, as the slot carries it (JSON
 * when JSON carries it exactly, else v8-serialized); the bytes written, or -1 when it does not fit
 * or cannot be serialized. Paired with `decodeMessage`.
 */
export function encodeMessage(bytes: Buffer, at: number, capacity: number, message: unknown): number {
  const room = capacity - 1;
  if (jsonExact(message, 0)) {
    const text = stringify(message);
    if (text.length * 3 > room && Buffer.byteLength(text) > room) return -1;
    bytes[at] = JSON_TAG;
    return 1 + bytes.write(text, at + 1, 'utf8');
  }
  let encoded: Buffer;
  try {
    encoded = serialize(message);
  } catch {
    return -1;
  }
  if (encoded.length > room) return -1;
  bytes[at] = V8_TAG;
  bytes.set(encoded, at + 1);
  return 1 + encoded.length;
}

/** The message `encodeMessage` wrote at `at` in `length` bytes. */
export function decodeMessage(bytes: Buffer, at: number, length: number): unknown {
  if (bytes[at] === JSON_TAG) return parse(bytes.toString('utf8', at + 1, at + length));
  // Copied out first: the other side may write the next message there once we move on.
  return deserialize(new Uint8Array(bytes.subarray(at + 1, at + length)));
}

// Captured at load, like Atomics above.
const { stringify, parse } = JSON;
const { isArray } = Array;
const { getPrototypeOf, keys } = Object;
const { is } = Object;
const { isFinite } = Number;
const objectPrototype = Object.prototype;
const arrayPrototype = Array.prototype;

/** True when JSON round-trips `value` to what a structured clone would give; false to be safe. */
function jsonExact(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return isFinite(value) && !is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth > 64) return false;
      if (isArray(value)) {
        if (getPrototypeOf(value) !== arrayPrototype || keys(value).length !== value.length) return false;
        for (const item of value) if (!jsonExact(item, depth + 1)) return false;
        return true;
      }
      const proto = getPrototypeOf(value) as unknown;
      if (proto !== objectPrototype && proto !== null) return false;
      if ('toJSON' in (value as object)) return false;
      for (const key of keys(value as object)) if (!jsonExact((value as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}
