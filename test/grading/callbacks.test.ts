/**
 * Learner code calling back into the harness (`callbackObject` + `CallOptions.handlers`): ordering,
 * rejections, waiting versus never-settled, the time limit counting running time only, busy periods,
 * aborts, and the simulated time learner code sees when it is handed a result.
 */
import { describe, expect, it } from 'vitest';
import { callbackObject, type CallOptions } from '../../harness/curriculum/learner-call.ts';
import type { LearnerPort } from '../../harness/grading/learner-port.ts';
import { createWorkerPort } from '../../harness/grading/worker-port.ts';

const CTX = { seed: 1, now: 1000 };

/** Learner modules written as plain ESM, so each test shows exactly what the learner side does. */
const LEARNER = `
export async function readBoth(api) {
  const a = api.read('a');
  const b = api.read('b');
  const order = [];
  a.then((v) => order.push('a=' + v));
  b.then((v) => order.push('b=' + v));
  await Promise.all([a, b]);
  return { ids: api.ids, order };
}
export async function catches(api) {
  try {
    await api.read('a');
    return 'resolved';
  } catch (e) {
    return [e.name, e.message, e instanceof Error].join('|');
  }
}
export async function awaitsThenStuck(api) {
  await api.read('a');
  await new Promise(() => undefined);
}
export async function awaitsThenSpins(api) {
  await api.read('a');
  for (;;) {}
}
export async function clockAfter(api) {
  const before = Date.now();
  await api.read('a');
  return [before, Date.now()];
}
export function fireAndForget(api) {
  api.repair('a', 1);
  Promise.resolve().then(() => api.repair('microtask', 2));
  api.read('a').then(() => api.repair('after the answer', 3));
  return 'done';
}
export async function resolvesBeforeAll(api) {
  const replies = [];
  return new Promise((resolve) => {
    for (const id of api.ids) api.read(id).then((v) => { replies.push(v); if (replies.length === 2) resolve(replies); });
  });
}
export function syncStore(store) {
  const all = store.all();
  all.push('mutated');
  return [store.all(), store.key];
}
let calls = 0;
export function callsSoFar() { return calls++; }
export function unknownTarget(api) { return api.read('x'); }
`;

function open(options: { callTimeoutMs?: number } = {}): LearnerPort {
  const code = `${LEARNER}`;
  return createWorkerPort({ code, filename: 'callbacks-learner.js', ...options });
}

async function withPort(body: (port: LearnerPort) => Promise<void>, options: { callTimeoutMs?: number } = {}): Promise<void> {
  const port = open(options);
  try {
    const loaded = await port.load(['readBoth']);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problem));
    await body(port);
  } finally {
    await port.close();
  }
}

const api = (ids: string[] = ['a', 'b']) => callbackObject('replicas', { ids }, ['read', 'repair']);
const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const never = (): Promise<never> => new Promise(() => undefined);

describe('learner callbacks', () => {
  it('sends callbacks in call order and hands results back in the order they settle', async () => {
    await withPort(async (port) => {
      const seen: string[] = [];
      const handlers: CallOptions['handlers'] = {
        'replicas.read': async (id) => {
          seen.push(String(id));
          return id === 'a' ? later(40, 'A') : later(5, 'B');
        },
      };
      const answer = await port.call('readBoth', [api()], CTX, { handlers });
      expect(seen).toEqual(['a', 'b']);
      expect(answer).toEqual({ kind: 'returned', value: { ids: ['a', 'b'], order: ['b=B', 'a=A'] }, console: '' });
    });
  });

  it('rejects the learner promise with an Error of the handler error\'s name and message', async () => {
    await withPort(async (port) => {
      const timeout = Object.assign(new Error('a did not answer within 500 ms'), { name: 'ReplicaTimeoutError' });
      const answer = await port.call('catches', [api()], CTX, { handlers: { 'replicas.read': () => Promise.reject(timeout) } });
      expect(answer).toMatchObject({ kind: 'returned', value: 'ReplicaTimeoutError|a did not answer within 500 ms|true' });
      const unknown = await port.call('unknownTarget', [callbackObject('replicas', {}, ['read'])], CTX, { handlers: {} });
      expect(unknown).toMatchObject({ kind: 'threw', error: { name: 'TypeError', message: 'replicas.read is not a callback of this call' } });
    });
  });

  it('waits on an outstanding callback, but answers never-settled once nothing can settle the promise', async () => {
    await withPort(async (port) => {
      const answer = await port.call('awaitsThenStuck', [api()], CTX, { handlers: { 'replicas.read': () => later(30, 1) } });
      expect(answer).toEqual({ kind: 'never-settled', console: '' });
    });
  });

  it('counts only running time against the limit: a slow callback is fine, a spin after it is not', async () => {
    await withPort(
      async (port) => {
        const slow = { 'replicas.read': () => later(400, 7) };
        expect(await port.call('clockAfter', [api()], CTX, { handlers: slow })).toMatchObject({ kind: 'returned' });
        const started = Date.now();
        expect(await port.call('awaitsThenSpins', [api()], CTX, { handlers: { 'replicas.read': () => later(10, 1) } })).toEqual({
          kind: 'timed-out',
          limitMs: 150,
        });
        expect(Date.now() - started).toBeLessThan(2000);
        // The next call runs on a fresh learner side.
        expect(await port.call('callsSoFar', [], CTX)).toMatchObject({ kind: 'returned', value: 0 });
      },
      { callTimeoutMs: 150 },
    );
  });

  it('reports each running period to busy, and none while learner code waits on the harness', async () => {
    await withPort(async (port) => {
      const periods: { settled: boolean }[] = [];
      let openWhileWaiting = -1;
      const answer = await port.call('readBoth', [api()], CTX, {
        busy: (running) => {
          const p = { settled: false };
          periods.push(p);
          void running.then(() => (p.settled = true));
        },
        handlers: {
          'replicas.read': async (id) => {
            await later(20, undefined);
            if (id === 'a') openWhileWaiting = periods.filter((p) => !p.settled).length;
            // b's result comes once the learner code that a's started is idle again, however loaded the
            // machine is (a fixed later time could land while it still runs, and share its period).
            else while (periods.length < 2 || periods.some((p) => !p.settled)) await later(5, undefined);
            return id;
          },
        },
      });
      expect(answer).toMatchObject({ kind: 'returned' });
      // The call itself, then one period per result handed back (results arriving while learner code
      // runs would share its period).
      expect(periods.length).toBe(3);
      expect(openWhileWaiting).toBe(0);
      await Promise.resolve();
      expect(periods.every((p) => p.settled)).toBe(true);
    });
  });

  it('answers a call aborted through its signal never-settled, and restarts the learner side fresh', async () => {
    await withPort(async (port) => {
      expect(await port.call('callsSoFar', [], CTX)).toMatchObject({ value: 0 });
      expect(await port.call('callsSoFar', [], CTX)).toMatchObject({ value: 1 });
      const controller = new AbortController();
      const pending = port.call('readBoth', [api()], CTX, { handlers: { 'replicas.read': () => never() }, signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      expect(await pending).toEqual({ kind: 'never-settled', console: '' });
      expect(await port.call('callsSoFar', [], CTX)).toMatchObject({ value: 0 });
      const aborted = new AbortController();
      aborted.abort();
      expect(await port.call('callsSoFar', [], CTX, { signal: aborted.signal })).toEqual({ kind: 'never-settled', console: '' });
    });
  });

  it('shows learner code the simulated time of each result', async () => {
    await withPort(async (port) => {
      let t = 1000;
      const answer = await port.call('clockAfter', [api()], CTX, {
        handlers: { 'replicas.read': () => later(5, 1).then(() => void (t = 1042)) },
        now: () => t,
      });
      expect(answer).toMatchObject({ kind: 'returned', value: [1000, 1042] });
    });
  });

  it('resolves at a partial quorum, runs fire-and-forget callbacks made before the answer, and drops later ones', async () => {
    await withPort(async (port) => {
      const repaired: unknown[] = [];
      const handlers = { 'replicas.repair': async (...args: unknown[]) => void repaired.push(args), 'replicas.read': (id: unknown) => (id === 'c' ? never() : later(5, id)) };
      expect(await port.call('fireAndForget', [api()], CTX, { handlers })).toMatchObject({ kind: 'returned', value: 'done' });
      // A callback made in a microtask still belongs to the call; one that needs a result first never runs.
      expect(repaired).toEqual([['a', 1], ['microtask', 2]]);
      expect(await port.call('resolvesBeforeAll', [api(['a', 'b', 'c'])], CTX, { handlers })).toMatchObject({ kind: 'returned', value: ['a', 'b'] });
    });
  });

  it('answers synchronous methods on the learner side with a fresh copy of a fixed value', async () => {
    await withPort(async (port) => {
      const store = callbackObject('hints', { key: 'k1' }, ['remove'], { all: ['h1', 'h2'] });
      expect(await port.call('syncStore', [store], CTX)).toMatchObject({ kind: 'returned', value: [['h1', 'h2'], 'k1'] });
    });
  });
});
