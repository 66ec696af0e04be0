/**
 * The readings of the real machine that `determinism.ts` does not cover, made simulated or refused
 * before learner code runs: node:crypto's other random sources, the process's own clocks and meters,
 * `performance`'s marks and origin, `Intl` formatting of "now", `Temporal.Now`, `os`'s load and
 * uptime, `Atomics.wait` (a real-time block the CPU limits cannot see), and `node:vm`, whose fresh
 * contexts carry real globals of their own (`runInNewContext('Date.now()')`). A review graded one
 * submission three times for three scores by drawing `randomBytes`; each of these let an answer
 * depend on when and where it ran.
 */
import { Buffer } from 'node:buffer';
import nodeCrypto from 'node:crypto';
import os from 'node:os';
import perfHooks from 'node:perf_hooks';
import vm from 'node:vm';
import { patch } from './patch.ts';

/** What the simulated call gives these readings: its clock (ms) and its crypto stream. */
export interface SimulatedSources {
  readonly now: () => number;
  readonly uint32: () => number;
}

/** Thrown by what is refused; the harness matches errors by name, as it does `RealTimerError`. */
// Captured at load, before learner code can overwrite the global.
const realQueueMicrotask = globalThis.queueMicrotask;

class MachineReadingError extends Error {
  override readonly name = 'MachineReadingError';
}

// A plain function, so `new vm.Script(…)` throws this error too rather than "not a constructor".
const refuse = (what: string) =>
  function refused(): never {
    throw new MachineReadingError(`${what} is not available in exercise code: it reads the real machine, and an answer must depend only on its arguments and the simulator`);
  };

export function installMachineReadings(sim: SimulatedSources): void {
  const bytes = (view: Uint8Array): void => {
    for (let i = 0; i < view.length; i++) view[i] = sim.uint32() & 0xff;
  };
  // Node's own callback style, settled as a microtask: real timers are refused in exercise code.
  const settle = <T>(cb: unknown, value: T): T | undefined => {
    if (typeof cb !== 'function') return value;
    realQueueMicrotask(() => (cb as (e: null, v: T) => void)(null, value));
    return undefined;
  };
  patch(nodeCrypto, 'randomBytes', (size: number, cb?: unknown) => {
    if (!Number.isSafeInteger(size) || size < 0 || size > 2 ** 31 - 1) throw new RangeError(`randomBytes: size must be an integer from 0 to 2^31-1, got ${String(size)}`);
    const buf = Buffer.alloc(size);
    bytes(buf);
    return settle(cb, buf);
  });
  const fillSync = (buf: ArrayBufferView | ArrayBuffer, offset = 0, size?: number): ArrayBufferView | ArrayBuffer => {
    const whole = buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    const end = size === undefined ? whole.length : offset + size;
    if (!Number.isSafeInteger(offset) || offset < 0 || end > whole.length || end < offset) throw new RangeError('randomFill: offset and size must lie within the buffer');
    bytes(whole.subarray(offset, end));
    return buf;
  };
  patch(nodeCrypto, 'randomFillSync', fillSync);
  patch(nodeCrypto, 'randomFill', (buf: ArrayBufferView, ...rest: unknown[]) => {
    const cb = rest.find((x) => typeof x === 'function');
    const [offset, size] = rest.filter((x): x is number => typeof x === 'number');
    settle(cb, fillSync(buf, offset, size));
  });
  patch(nodeCrypto, 'randomInt', (a: number, b?: unknown, c?: unknown) => {
    const [min, max, cb] = typeof b === 'number' ? [a, b, c] : [0, a, b];
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max <= min || max - min > 2 ** 48) throw new RangeError(`randomInt: need safe integers min < max, at most 2^48 apart, got ${String(min)} and ${String(max)}`);
    return settle(cb, min + Math.floor(((sim.uint32() * 2 ** 21 + (sim.uint32() >>> 11)) / 2 ** 53) * (max - min)));
  });

  const nanos = (): bigint => BigInt(Math.round(sim.now() * 1e6));
  const hrtime = (previous?: readonly [number, number]): [number, number] => {
    let ns = nanos();
    if (previous !== undefined) ns -= BigInt(previous[0]) * 1_000_000_000n + BigInt(previous[1]);
    return [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
  };
  hrtime.bigint = nanos;
  patch(process, 'hrtime', hrtime);
  patch(process, 'uptime', () => sim.now() / 1000);
  patch(process, 'cpuUsage', () => ({ user: Math.round(sim.now() * 1000), system: 0 }));
  for (const name of ['memoryUsage', 'resourceUsage', 'availableMemory', 'constrainedMemory']) patch(process, name, refuse(`process.${name}`));

  patch(performance, 'timeOrigin', 0);
  for (const name of ['mark', 'measure', 'timerify', 'eventLoopUtilization', 'toJSON']) patch(performance, name, refuse(`performance.${name}`));
  Object.defineProperty(performance, 'nodeTiming', { get: refuse('performance.nodeTiming'), configurable: true, enumerable: false });
  for (const name of ['monitorEventLoopDelay', 'createHistogram']) patch(perfHooks, name, refuse(`perf_hooks.${name}`));

  // `new Intl.DateTimeFormat().format()` formats the real now; `format` is a getter of a bound function.
  const dtf = Intl.DateTimeFormat.prototype;
  const formatOf = Object.getOwnPropertyDescriptor(dtf, 'format')?.get;
  if (formatOf !== undefined)
    Object.defineProperty(dtf, 'format', {
      configurable: true,
      get(this: Intl.DateTimeFormat) {
        const format = formatOf.call(this) as (d?: Date | number) => string;
        return (d?: Date | number) => format(d === undefined ? sim.now() : d);
      },
    });
  const formatToParts = dtf.formatToParts;
  patch(dtf, 'formatToParts', function (this: Intl.DateTimeFormat, d?: Date | number) {
    return formatToParts.call(this, d === undefined ? sim.now() : d);
  });
  const temporal = (globalThis as { Temporal?: { Now?: object; Instant?: { fromEpochMilliseconds(ms: number): { toZonedDateTimeISO(tz: string): Record<string, () => unknown> } } } }).Temporal;
  if (temporal?.Now !== undefined && temporal.Instant !== undefined) {
    const instant = (): ReturnType<NonNullable<typeof temporal.Instant>['fromEpochMilliseconds']> => temporal.Instant!.fromEpochMilliseconds(sim.now());
    patch(temporal.Now, 'instant', instant);
    patch(temporal.Now, 'timeZoneId', () => 'UTC');
    for (const [name, to] of [['zonedDateTimeISO', undefined], ['plainDateTimeISO', 'toPlainDateTime'], ['plainDateISO', 'toPlainDate'], ['plainTimeISO', 'toPlainTime']] as const)
      patch(temporal.Now, name, (tz = 'UTC') => {
        const zoned = instant().toZonedDateTimeISO(String(tz));
        return to === undefined ? zoned : zoned[to]!();
      });
  }

  patch(os, 'uptime', () => sim.now() / 1000);
  patch(os, 'loadavg', () => [0, 0, 0]);
  patch(os, 'freemem', () => os.totalmem());
  const cpus = os.cpus;
  patch(os, 'cpus', () => cpus().map((c) => ({ ...c, speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } })));

  // A block in real time: no CPU used, so only the wall-clock backstops would end it. The host's
  // shared slot captured the real functions at load.
  patch(Atomics, 'wait', refuse('Atomics.wait'));
  patch(Atomics, 'waitAsync', refuse('Atomics.waitAsync'));

  // The host evaluates learner modules without vm, so none of it is needed here.
  for (const name of ['Script', 'createContext', 'createScript', 'runInContext', 'runInNewContext', 'runInThisContext', 'compileFunction', 'measureMemory', 'SourceTextModule', 'SyntheticModule'])
    if (name in vm) patch(vm, name, refuse(`vm.${name}`));
}
