/**
 * The learner side of the grading boundary (bundled to dist/learner-host.js). It evaluates learner
 * modules and answers `call` requests, in a worker thread today and in a locked-down child process later.
 *
 * Everything learner code could use to observe the real world — the clock, randomness, timers — is
 * replaced before any learner code runs, so an answer is a pure function of (code, args, ctx). The real
 * functions the host itself needs are captured first, because learner code may overwrite globals.
 */
import { Buffer } from 'node:buffer';
import nodeCrypto from 'node:crypto';
import { SourceMap, syncBuiltinESMExports, type SourceMapPayload } from 'node:module';
import { dirname, join } from 'node:path';
import timers from 'node:timers';
import timersPromises from 'node:timers/promises';
import { formatWithOptions, inspect } from 'node:util';
import { parentPort } from 'node:worker_threads';
import { harnessError } from '../errors.ts';
import { SeededRandom } from '../sim/random.ts';
import type { LearnerCallContext, LearnerError } from './learner-port.ts';
import { MISSING_EXPORT_ERROR, type CallbackObjectMarker, type LookupFunctionMarker } from '../curriculum/learner-call.ts';
import type { AnswerMessage, CallbackResultMessage, CallRequest, HarnessMessage, HostAnswer, HostMessage, LoadedMessage, LoadFailedMessage } from './protocol.ts';

const realSetImmediate = globalThis.setImmediate;
const realQueueMicrotask = globalThis.queueMicrotask;
const realStructuredClone = globalThis.structuredClone;
const RealDate = Date;
const RealPromise = Promise;
const HOST_URL = import.meta.url;
const CONSOLE_LIMIT = 2048;
const TRUNCATED = '…[truncated]';

/**
 * Thrown by `setTimeout` & co in learner code: time belongs to the simulator, not the wall clock. Not
 * exported: importing this entry module would start a host, and the harness matches errors by `name`.
 */
class RealTimerError extends Error {
  override readonly name = 'RealTimerError';
}

// ---- The simulated world of the current call --------------------------------------------------------

let clock = 0;
let mathRandom = new SeededRandom(0);
let cryptoRandom = new SeededRandom(0);
let consoleText = '';
let consoleTruncated = false;

function enterCall(ctx: LearnerCallContext): void {
  clock = ctx.now;
  // Named child streams, so a learner's crypto draws do not shift the numbers Math.random returns.
  const root = new SeededRandom(ctx.seed);
  mathRandom = root.child('Math.random');
  cryptoRandom = root.child('crypto');
  consoleText = '';
  consoleTruncated = false;
}

function capture(text: string): void {
  if (consoleTruncated) return;
  consoleText += text;
  if (consoleText.length > CONSOLE_LIMIT) {
    consoleText = consoleText.slice(0, CONSOLE_LIMIT) + TRUNCATED;
    consoleTruncated = true;
  }
}

function replace(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

function installDeterminism(): void {
  replace(Math, 'random', () => mathRandom.next());

  // A function rather than a class so `Date()` without `new` works; sharing the prototype keeps
  // `instanceof Date` and learner subclasses working, and `new Date(x)` behaves as before.
  function SimDate(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return new RealDate(clock).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [clock] : args, new.target);
  }
  Object.setPrototypeOf(SimDate, RealDate);
  SimDate.prototype = RealDate.prototype; // writable but not configurable on functions
  replace(SimDate, 'now', () => clock);
  replace(RealDate.prototype, 'constructor', SimDate);
  replace(globalThis, 'Date', SimDate);
  replace(performance, 'now', () => clock);

  replace(globalThis.crypto, 'getRandomValues', seededGetRandomValues);
  replace(globalThis.crypto, 'randomUUID', seededRandomUUID);
  // node:crypto's getRandomValues is a fixed getter that delegates to webcrypto, patched just above.
  replace(nodeCrypto, 'randomUUID', seededRandomUUID);

  for (const name of ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate']) {
    replace(globalThis, name, refuseTimer(name));
    replace(timers, name, refuseTimer(name));
  }
  for (const name of ['setTimeout', 'setInterval', 'setImmediate']) replace(timersPromises, name, refuseTimer(name));
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

function installConsoleCapture(): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    replace(console, method, (...args: unknown[]) => capture(formatWithOptions({ colors: false }, ...args) + '\n'));
  }
  // Anything else that writes to stdout/stderr (console.table, process.stdout.write) lands here too.
  const write = (chunk: unknown): boolean => {
    capture(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  replace(process.stdout, 'write', write);
  replace(process.stderr, 'write', write);
  // A floating rejected promise is a learner bug worth seeing, not a reason to kill the learner side.
  process.on('unhandledRejection', (reason) => capture(`[unhandled promise rejection] ${describeThrown(reason)}\n`));
}

// ---- Source positions --------------------------------------------------------------------------------

interface LoadedModule {
  url: string;
  filename: string;
  code: string;
  map: SourceMap | null | undefined;
  namespace: Record<string, unknown> | undefined;
}

let current: LoadedModule | undefined;
const locations = new WeakMap<object, string>();

/**
 * Node 20 does not apply source maps to modules imported from `data:` URLs (their frames show the whole
 * base64 URL and JavaScript positions), so the host formats stacks itself: learner frames are mapped
 * through the bundle's inline source map and host frames are dropped.
 */
function installStackFormatting(): void {
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): string => {
    const lines: string[] = [];
    let location: string | undefined;
    for (const frame of frames) {
      const file = frame.getFileName();
      if (file === HOST_URL) continue;
      if (file?.startsWith('data:')) {
        const mapped = file === current?.url ? mapPosition(frame.getLineNumber(), frame.getColumnNumber()) : undefined;
        location ??= mapped;
        const name = frame.getFunctionName() ?? '<anonymous>';
        lines.push(`\n    at ${frame.isAsync() ? 'async ' : ''}${name} (${mapped ?? 'learner code'})`);
      } else {
        lines.push(`\n    at ${String(frame)}`);
      }
    }
    if (location !== undefined && typeof error === 'object' && error !== null) locations.set(error, location);
    return errorHeader(error) + lines.join('');
  };
}

function errorHeader(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}

function mapPosition(line: number | null, column: number | null): string | undefined {
  if (current === undefined || line === null || column === null) return undefined;
  if (current.map === undefined) current.map = parseInlineMap(current.code);
  if (current.map === null) return undefined;
  const entry = current.map.findEntry(line - 1, column - 1);
  if (!('originalSource' in entry)) return undefined;
  // esbuild wrote sources relative to the learner file's directory; re-anchor them on `filename`.
  const file = join(dirname(current.filename), entry.originalSource);
  return `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

function parseInlineMap(code: string): SourceMap | null {
  const marker = '//# sourceMappingURL=data:application/json;base64,';
  const at = code.lastIndexOf(marker);
  if (at < 0) return null;
  const base64 = code.slice(at + marker.length).split('\n', 1)[0]!.trim();
  try {
    return new SourceMap(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as SourceMapPayload);
  } catch {
    return null;
  }
}

function toLearnerError(thrown: unknown): LearnerError {
  if (typeof thrown === 'object' && thrown !== null && 'message' in thrown) {
    const stack = safeString(() => (thrown as { stack?: unknown }).stack);
    const error: LearnerError = {
      name: safeString(() => (thrown as { name?: unknown }).name) ?? 'Error',
      message: safeString(() => (thrown as { message?: unknown }).message) ?? '',
    };
    const location = locations.get(thrown);
    if (location !== undefined) error.location = location;
    if (stack !== undefined) error.stack = stack;
    return error;
  }
  return { name: 'NonErrorThrown', message: `threw ${describeThrown(thrown)}, which is not an Error` };
}

function safeString(read: () => unknown): string | undefined {
  try {
    const value = read();
    return typeof value === 'string' ? value : value === undefined ? undefined : String(value);
  } catch {
    return undefined;
  }
}

function describeThrown(value: unknown): string {
  if (value instanceof Error) return errorHeader(value);
  return inspect(value, { depth: 2, breakLength: Infinity });
}

// ---- Requests ----------------------------------------------------------------------------------------

async function load(code: string, filename: string, fresh: number): Promise<LoadedMessage | LoadFailedMessage> {
  enterCall({ seed: 0, now: 0 });
  // The comment makes each load a different URL, hence a new module instance with fresh state.
  const url = 'data:text/javascript;base64,' + Buffer.from(`${code}\n//# fresh=${fresh}`).toString('base64');
  current = { url, filename, code, map: undefined, namespace: undefined };
  try {
    const namespace = (await import(url)) as Record<string, unknown>;
    current.namespace = namespace;
    const exports = Object.keys(namespace);
    return { type: 'loaded', exports, functions: exports.filter((name) => typeof namespace[name] === 'function') };
  } catch (thrown) {
    return { type: 'load-failed', problem: { kind: 'threw-at-import', error: toLearnerError(thrown) } };
  }
}

/** The call in progress: its outcome once settled, and the callbacks learner code is still waiting on. */
interface ActiveCall {
  readonly id: number;
  readonly fn: string;
  outcome: { fulfilled: true; value: unknown } | { fulfilled: false; reason: unknown } | undefined;
  readonly outstanding: Map<number, { resolve: (value: unknown) => void; reject: (reason: unknown) => void }>;
  nextSeq: number;
}

let active: ActiveCall | undefined;
let sendToHarness: (message: HostMessage) => void = () => undefined;

async function call(request: CallRequest): Promise<HostMessage> {
  const { id, fn, ctx } = request;
  enterCall(ctx);
  const target = current?.namespace?.[fn];
  if (typeof target !== 'function') {
    return answer(id, threw({ name: MISSING_EXPORT_ERROR, message: `the learner module has no exported function "${fn}"` }));
  }
  const state: ActiveCall = { id, fn, outcome: undefined, outstanding: new Map(), nextSeq: 0 };
  active = state;
  try {
    const args = request.args.map((arg) => materialize(arg, state));
    if (ctx.freezeArgs === true) for (const arg of args) deepFreeze(arg);
    const result = (target as (...a: unknown[]) => unknown)(...args);
    if (isThenable(result)) {
      RealPromise.resolve(result).then(
        (value) => (state.outcome ??= { fulfilled: true, value }),
        (reason: unknown) => (state.outcome ??= { fulfilled: false, reason }),
      );
    } else {
      state.outcome = { fulfilled: true, value: result };
    }
  } catch (thrown) {
    state.outcome = { fulfilled: false, reason: thrown };
  }
  return afterDrain(state);
}

/** Hands a callback's outcome to the learner promise waiting on it, then lets learner code run. */
async function deliver(result: CallbackResultMessage): Promise<HostMessage | undefined> {
  const state = active;
  // The call already answered (or was replaced): nobody can observe this result any more.
  if (state === undefined || state.id !== result.id) return undefined;
  const waiter = state.outstanding.get(result.seq);
  state.outstanding.delete(result.seq);
  if (result.now !== undefined) clock = result.now;
  if (waiter !== undefined) {
    if (result.ok) waiter.resolve(result.value);
    else waiter.reject(Object.defineProperty(new Error(result.error.message), 'name', { value: result.error.name, writable: true, configurable: true }));
  }
  return afterDrain(state);
}

/**
 * Microtasks (and unhandled-rejection reports) all run before an immediate fires. With no real timers
 * or I/O, learner code is then idle: settled, waiting on an outstanding callback, or stuck for good.
 */
async function afterDrain(state: ActiveCall): Promise<HostMessage> {
  await new RealPromise<void>((resolve) => realSetImmediate(resolve));
  const { outcome } = state;
  if (outcome === undefined && state.outstanding.size > 0) return { type: 'waiting', id: state.id };
  if (active === state) active = undefined;
  if (outcome === undefined) return answer(state.id, { kind: 'never-settled', console: consoleText });
  return answer(state.id, outcome.fulfilled ? returned(outcome.value, state.fn) : threw(toLearnerError(outcome.reason)));
}

function answer(id: number, hostAnswer: HostAnswer): AnswerMessage {
  return { type: 'answer', id, answer: hostAnswer };
}

/**
 * A `callbackObject` marker becomes an object whose methods call back into the harness, a
 * `lookupFunction` marker a synchronous function; other args pass as they are.
 */
function materialize(arg: unknown, state: ActiveCall): unknown {
  if (typeof arg === 'object' && arg !== null && '$lookup' in arg) {
    const { table, otherwise } = (arg as LookupFunctionMarker).$lookup;
    return (key: unknown) => realStructuredClone(Object.hasOwn(table, String(key)) ? table[String(key)] : otherwise);
  }
  if (typeof arg !== 'object' || arg === null || !('$callbacks' in arg)) return arg;
  const { handle, fields, methods, returns } = (arg as CallbackObjectMarker).$callbacks;
  const object: Record<string, unknown> = { ...fields };
  for (const method of methods) object[method] = (...args: unknown[]) => callBack(state, `${handle}.${method}`, args);
  for (const [method, value] of Object.entries(returns ?? {})) object[method] = () => realStructuredClone(value);
  return object;
}

function callBack(state: ActiveCall, target: string, args: unknown[]): Promise<unknown> {
  // After the call answered nothing would deliver a result: the promise stays pending, as in real life
  // a request sent after its caller gave up gets no audience.
  if (active !== state) return new RealPromise(() => undefined);
  const seq = state.nextSeq++;
  try {
    sendToHarness({ type: 'callback', id: state.id, seq, target, args });
  } catch (error) {
    return RealPromise.reject(new TypeError(`${target}(): cannot send these arguments to the harness (${(error as Error).message})`));
  }
  return new RealPromise((resolve, reject) => state.outstanding.set(seq, { resolve, reject }));
}

/** Freezes `value` and everything reachable from it (plain data: objects and arrays). For `freezeArgs`. */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function returned(value: unknown, fn: string): HostAnswer {
  try {
    realStructuredClone(value);
  } catch (error) {
    return threw({
      name: 'UnserializableValueError',
      message:
        `${fn}() returned a value the harness cannot receive (${(error as Error).message}). ` +
        'Return plain data: objects, arrays, strings, numbers, booleans and null.',
    });
  }
  return { kind: 'returned', value, console: consoleText };
}

function threw(error: LearnerError): HostAnswer {
  return { kind: 'threw', error, console: consoleText };
}

async function handle(message: HarnessMessage): Promise<HostMessage | undefined> {
  switch (message.type) {
    case 'load':
      active = undefined;
      return load(message.code, message.filename, message.fresh);
    case 'call':
      return call(message);
    case 'callback-result':
      return deliver(message);
  }
}

// ---- Transport ---------------------------------------------------------------------------------------

interface HostTransport {
  send(message: HostMessage): void;
  onMessage(handler: (message: HarnessMessage) => void): void;
}

/** A worker's `parentPort`, or the IPC channel of a child process forked with `serialization: 'advanced'`. */
function detectTransport(): HostTransport {
  const port = parentPort;
  if (port !== null) {
    return { send: (m) => port.postMessage(m), onMessage: (h) => port.on('message', h) };
  }
  const send = process.send?.bind(process);
  if (send !== undefined) {
    return { send: (m) => void send(m), onMessage: (h) => process.on('message', h as (m: unknown) => void) };
  }
  throw harnessError('ERR_NO_TRANSPORT', 'learner-host must run in a worker thread or in a child process with an IPC channel');
}

function sendSafely(transport: HostTransport, message: HostMessage): void {
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

function main(): void {
  const transport = detectTransport();
  installStackFormatting();
  installConsoleCapture();
  installDeterminism();
  // process.abort() would take the whole harness process down with a worker; make it end just this side.
  replace(process, 'abort', () => process.exit(134));
  sendToHarness = (message) => transport.send(message);
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
