/**
 * The host's answers to the harness: load a learner module, call one of its exports, and hand back the
 * results of the callbacks a call is waiting on. One call is active at a time.
 */
import { Buffer } from 'node:buffer';
import { MISSING_EXPORT_ERROR } from '../../curriculum/learner-call.ts';
import type { LearnerError } from '../learner-port.ts';
import type { AnswerMessage, CallbackResultMessage, CallRequest, HarnessMessage, HostAnswer, HostMessage, LoadedMessage, LoadFailedMessage } from '../protocol.ts';
import { capturedConsole, resetConsole } from './console-capture.ts';
import { enterSimulatedCall, setSimulatedClock } from './determinism.ts';
import { deepFreeze, materialize } from './markers.ts';
import { loadedModule, setLoadedModule, toLearnerError } from './stack-mapping.ts';

// Captured at start-up, before learner code can overwrite the globals.
const realSetImmediate = globalThis.setImmediate;
const realStructuredClone = globalThis.structuredClone;
const RealPromise = Promise;

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

/** How callbacks reach the harness (the transport's `send`); set once at start-up. */
export function setCallbackSender(send: (message: HostMessage) => void): void {
  sendToHarness = send;
}

/** The reply to one message from the harness, or undefined when nobody waits for one. */
export async function handle(message: HarnessMessage): Promise<HostMessage | undefined> {
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

function enterCall(ctx: { seed: number; now: number }): void {
  enterSimulatedCall(ctx);
  resetConsole();
}

async function load(code: string, filename: string, fresh: number): Promise<LoadedMessage | LoadFailedMessage> {
  enterCall({ seed: 0, now: 0 });
  // The comment makes each load a different URL, hence a new module instance with fresh state.
  const url = 'data:text/javascript;base64,' + Buffer.from(`${code}\n//# fresh=${fresh}`).toString('base64');
  const current = { url, filename, code, map: undefined, namespace: undefined as Record<string, unknown> | undefined };
  setLoadedModule(current);
  try {
    const namespace = (await import(url)) as Record<string, unknown>;
    current.namespace = namespace;
    const exports = Object.keys(namespace);
    return { type: 'loaded', exports, functions: exports.filter((name) => typeof namespace[name] === 'function') };
  } catch (thrown) {
    return { type: 'load-failed', problem: { kind: 'threw-at-import', error: toLearnerError(thrown) } };
  }
}

async function call(request: CallRequest): Promise<HostMessage> {
  const { id, fn, ctx } = request;
  enterCall(ctx);
  const target = loadedModule()?.namespace?.[fn];
  if (typeof target !== 'function') {
    return answer(id, threw({ name: MISSING_EXPORT_ERROR, message: `the learner module has no exported function "${fn}"` }));
  }
  const state: ActiveCall = { id, fn, outcome: undefined, outstanding: new Map(), nextSeq: 0 };
  active = state;
  try {
    const args = request.args.map((arg) => materialize(arg, (to, a) => callBack(state, to, a)));
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
  if (result.now !== undefined) setSimulatedClock(result.now);
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
  if (outcome === undefined) return answer(state.id, { kind: 'never-settled', console: capturedConsole() });
  return answer(state.id, outcome.fulfilled ? returned(outcome.value, state.fn) : threw(toLearnerError(outcome.reason)));
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

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function answer(id: number, hostAnswer: HostAnswer): AnswerMessage {
  return { type: 'answer', id, answer: hostAnswer };
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
  return { kind: 'returned', value, console: capturedConsole() };
}

/** The answer for a call that threw `error`, with what it printed. */
export function threw(error: LearnerError): HostAnswer {
  return { kind: 'threw', error, console: capturedConsole() };
}
