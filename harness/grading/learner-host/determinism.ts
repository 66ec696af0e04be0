/**
 * The simulated world of the current call. Everything learner code could use to observe the real
 * world (the clock, randomness, timers; the rest of the machine's readings in machine-readings.ts) is
 * replaced before any learner code runs, so an answer is a pure function of (code, args, ctx).
 */
import { Buffer } from 'node:buffer';
import nodeCrypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';
import timersPromises from 'node:timers/promises';
import { SeededRandom } from '../../sim/random.ts';
import type { LearnerCallContext } from '../learner-port.ts';
import { installMachineReadings } from './machine-readings.ts';
import { patch } from './patch.ts';

// Captured at start-up, before learner code can overwrite the global.
const RealDate = Date;

/**
 * Thrown by `setTimeout` & co in learner code: time belongs to the simulator, not the wall clock. Not
 * exported from the host: importing its entry module would start a host, and the harness matches
 * errors by `name`.
 */
class RealTimerError extends Error {
  override readonly name = 'RealTimerError';
}

let clock = 0;
let mathRandom = new SeededRandom(0);
let cryptoRandom = new SeededRandom(0);

/** Sets the clock and the random streams for a call; pairs with `installDeterminism`. */
export function enterSimulatedCall(ctx: Pick<LearnerCallContext, 'seed' | 'now'>): void {
  clock = ctx.now;
  // Named child streams, so a learner's crypto draws do not shift the numbers Math.random returns.
  const root = new SeededRandom(ctx.seed);
  mathRandom = root.child('Math.random');
  cryptoRandom = root.child('crypto');
}

/** Moves the simulated clock (a callback's result comes back at a later simulated time). */
export function setSimulatedClock(now: number): void {
  clock = now;
}

/** Replaces the clock, randomness and timers of this thread with the simulated ones, once, before learner code runs. */
export function installDeterminism(): void {
  patch(Math, 'random', () => mathRandom.next());

  // A function rather than a class so `Date()` without `new` works; sharing the prototype keeps
  // `instanceof Date` and learner subclasses working, and `new Date(x)` behaves as before.
  function SimDate(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return new RealDate(clock).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [clock] : args, new.target);
  }
  Object.setPrototypeOf(SimDate, RealDate);
  SimDate.prototype = RealDate.prototype; // writable but not configurable on functions
  patch(SimDate, 'now', () => clock);
  patch(RealDate.prototype, 'constructor', SimDate);
  patch(globalThis, 'Date', SimDate);
  patch(performance, 'now', () => clock);

  patch(globalThis.crypto, 'getRandomValues', seededGetRandomValues);
  patch(globalThis.crypto, 'randomUUID', seededRandomUUID);
  // node:crypto's getRandomValues is a fixed getter that delegates to webcrypto, patched just above.
  patch(nodeCrypto, 'randomUUID', seededRandomUUID);

  for (const name of ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate']) {
    patch(globalThis, name, refuseTimer(name));
    patch(timers, name, refuseTimer(name));
  }
  for (const name of ['setTimeout', 'setInterval', 'setImmediate']) patch(timersPromises, name, refuseTimer(name));
  installMachineReadings({ now: () => clock, uint32: () => cryptoRandom.nextUint32() });
  // `import { setTimeout } from 'node:timers'` reads these live bindings, not the globals.
  syncBuiltinESMExports();
}

function refuseTimer(name: string): () => never {
  return () => {
    throw new RealTimerError(
      `${name} is not available in exercise code: the simulator owns time. ` +
        'Compute your answer directly (or await the promises the exercise gives you).',
    );
  };
}

function seededGetRandomValues<T extends ArrayBufferView | null>(array: T): T {
  if (
    !ArrayBuffer.isView(array) ||
    array instanceof DataView ||
    array instanceof Float32Array ||
    array instanceof Float64Array
  ) {
    throw new TypeError('crypto.getRandomValues needs an integer typed array');
  }
  if (array.byteLength > 65536) throw new RangeError('crypto.getRandomValues can fill at most 65536 bytes');
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  for (let i = 0; i < bytes.length; i++) bytes[i] = cryptoRandom.nextUint32() & 0xff;
  return array;
}

function seededRandomUUID(): `${string}-${string}-${string}-${string}-${string}` {
  const b = seededGetRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
