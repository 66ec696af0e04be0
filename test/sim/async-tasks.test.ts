import { describe, it, expect } from 'vitest';
import { Simulation, type Deferred, type NodeContext, type TaskResult } from '../../harness/sim/index.ts';
import { addScriptedNode } from './scripted-node.ts';
import { eventsOf } from './trace-filter.ts';

/** A promise that resolves after `ms` of real time: outside the simulation, like a learner worker's answer. */
const realDelay = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** A host yield that lets timers and I/O run, as the CLI passes it. */
const macrotaskYield = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What a task's onSettled saw, with the true time at which it was called. */
type Settled<T> = { at: number; result: TaskResult<T> };

/** Adds a node that ticks every ms, so the queue is never empty while a task is in flight. */
function addTicker(sim: Simulation): { ticks: number[] } {
  const ticks: number[] = [];
  sim.addNode('ticker', (ctx) => {
    ctx.setTimer('tick', 1);
    return {
      onMessage() {},
      onTimer() {
        ticks.push(sim.now);
        ctx.setTimer('tick', 1);
      },
    };
  });
  return { ticks };
}

describe('learner tasks (ctx.task)', () => {
  it('settles a task that returns synchronously as ok, at the time it started, before the next event', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    const order: string[] = [];
    const settled: Array<Settled<number>> = [];
    sim.at(10, 'start', () =>
      n.ctx.task('sync', () => 42, {
        deadlineMs: 100,
        onSettled: (result) => {
          settled.push({ at: sim.now, result });
          order.push('settled');
        },
      }),
    );
    sim.at(10, 'next event', () => order.push('next event'));
    await sim.run(200);
    expect(settled).toEqual([{ at: 10, result: { status: 'ok', value: 42 } }]);
    expect(order).toEqual(['settled', 'next event']);
    expect(eventsOf(sim.trace, 'never-settled')).toEqual([]);
  });

  it('waits for an external promise that settles in real time, without advancing simulated time', async () => {
    const sim = new Simulation({ seed: 1 });
    const { ticks } = addTicker(sim);
    const n = addScriptedNode(sim, 'n');
    const seen: Record<string, number> = {};
    const settled: Array<Settled<string>> = [];
    let realMs = -1;
    sim.at(100, 'start', () =>
      n.ctx.task(
        'ask the worker',
        async () => {
          seen.localBefore = n.ctx.now();
          seen.eventsBefore = sim.eventCount;
          const started = performance.now();
          const answer = await n.ctx.external(realDelay(20, 'answer'));
          realMs = performance.now() - started;
          seen.localAfter = n.ctx.now();
          seen.trueAfter = sim.now;
          seen.eventsAfter = sim.eventCount;
          return answer;
        },
        { deadlineMs: 50, onSettled: (result) => void settled.push({ at: sim.now, result }) },
      ),
    );
    await sim.run(300);
    expect(realMs).toBeGreaterThanOrEqual(15);
    expect(seen).toEqual({ localBefore: 100, eventsBefore: seen.eventsBefore, localAfter: 100, trueAfter: 100, eventsAfter: seen.eventsBefore });
    expect(settled).toEqual([{ at: 100, result: { status: 'ok', value: 'answer' } }]);
    // The simulation went on afterwards, tick by tick.
    expect(ticks.at(-1)).toBe(300);
    expect(ticks).toHaveLength(300);
  });

  it('reports a rejected external promise as threw, with its error', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    const settled: Array<Settled<unknown>> = [];
    const boom = new Error('worker crashed');
    sim.at(5, 'start', () =>
      n.ctx.task('ask', () => n.ctx.external(realDelay(5, null).then(() => Promise.reject(boom))), {
        deadlineMs: 50,
        onSettled: (result) => void settled.push({ at: sim.now, result }),
      }),
    );
    await sim.run(100);
    expect(settled).toEqual([{ at: 5, result: { status: 'threw', error: boom } }]);
  });

  it('settles a task awaiting a deferred at the simulated time a later message resolves it', async () => {
    const sim = new Simulation({ seed: 1, network: { latency: { min: 7, max: 7 } } });
    const settled: Array<Settled<[string, number]>> = [];
    sim.addNode('asker', (ctx: NodeContext<string>) => {
      let reply: Deferred<string> | undefined;
      ctx.setTimer('ask', 20);
      return {
        onTimer() {
          reply = ctx.deferred<string>();
          const waiting = reply;
          ctx.send('answerer', 'question');
          ctx.task(
            'wait for reply',
            async () => {
              const answer = await waiting.promise;
              return [answer, ctx.now()] as [string, number];
            },
            { deadlineMs: 100, onSettled: (result) => void settled.push({ at: sim.now, result }) },
          );
        },
        onMessage(_from, msg) {
          reply?.resolve(msg);
        },
      };
    });
    sim.addNode('answerer', (ctx: NodeContext<string>) => ({
      onMessage: (from) => ctx.send(from, 'forty-two'),
    }));
    await sim.run(500);
    expect(settled).toEqual([{ at: 34, result: { status: 'ok', value: ['forty-two', 34] } }]);
  });

  it('gives up on a task that never settles at its simulated deadline, with a never-settled trace event', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    const settled: Array<Settled<void>> = [];
    let deferred: Deferred<void> | undefined;
    sim.at(50, 'start', () => {
      deferred = n.ctx.deferred<void>();
      const d = deferred;
      n.ctx.task('stuck', () => d.promise, { deadlineMs: 100, onSettled: (result) => void settled.push({ at: sim.now, result }) });
    });
    sim.at(200, 'too late', () => deferred!.resolve());
    await sim.run(500);
    expect(settled).toEqual([{ at: 150, result: { status: 'never-settled' } }]);
    expect(eventsOf(sim.trace, 'never-settled')).toEqual([{ t: 150, kind: 'never-settled', node: 'n', label: 'stuck' }]);
  });

  it('gives up on a task still pending when run(until) ends, at `until`', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    const settled: Array<Settled<never>> = [];
    sim.at(10, 'start', () =>
      n.ctx.task('slow', () => new Promise<never>(() => undefined), { deadlineMs: 10_000, onSettled: (result) => void settled.push({ at: sim.now, result }) }),
    );
    await sim.run(200);
    expect(settled).toEqual([{ at: 200, result: { status: 'never-settled' } }]);
    expect(eventsOf(sim.trace, 'never-settled')).toEqual([{ t: 200, kind: 'never-settled', node: 'n', label: 'slow' }]);
    await sim.run(20_000); // the old deadline passing later changes nothing
    expect(settled).toHaveLength(1);
    expect(eventsOf(sim.trace, 'never-settled')).toHaveLength(1);
  });

  it('reports a task that throws, synchronously or after an await, as threw with the error', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    const settled: Record<string, TaskResult<unknown>> = {};
    const syncError = new Error('sync');
    const asyncError = new TypeError('async');
    sim.at(1, 'start', () => {
      n.ctx.task(
        'sync',
        () => {
          throw syncError;
        },
        { deadlineMs: 10, onSettled: (r) => void (settled.sync = r) },
      );
      n.ctx.task(
        'async',
        async () => {
          await null;
          throw asyncError;
        },
        { deadlineMs: 10, onSettled: (r) => void (settled.async = r) },
      );
    });
    await sim.run(100);
    expect(settled).toEqual({ sync: { status: 'threw', error: syncError }, async: { status: 'threw', error: asyncError } });
    expect(eventsOf(sim.trace, 'never-settled')).toEqual([]);
  });

  it('drops the pending tasks of a node that crashes: no onSettled and no never-settled event', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    const settled: Array<TaskResult<void>> = [];
    sim.at(0, 'start', () => n.ctx.task('doomed', () => n.ctx.deferred<void>().promise, { deadlineMs: 100, onSettled: (r) => void settled.push(r) }));
    sim.schedule([{ at: 10, fault: { kind: 'crash', node: 'n' } }]);
    await sim.run(300);
    expect(settled).toEqual([]);
    expect(eventsOf(sim.trace, 'never-settled')).toEqual([]);
  });

  it('calls hostYield only while learner work is in flight, never for plain events', async () => {
    const yieldsAt: number[] = [];
    const sim = new Simulation({
      seed: 1,
      hostYield: async () => {
        yieldsAt.push(sim.now);
        await macrotaskYield();
      },
    });
    const { ticks } = addTicker(sim);
    const n = addScriptedNode(sim, 'n');
    let reply: Deferred<string> | undefined;
    const settled: Array<Settled<string>> = [];
    sim.at(100, 'start', () => {
      reply = n.ctx.deferred<string>();
      const d = reply;
      n.ctx.task('wait', () => d.promise, { deadlineMs: 1000, onSettled: (result) => void settled.push({ at: sim.now, result }) });
    });
    sim.at(300, 'resolve', () => reply!.resolve('done'));
    await sim.run(2000);
    expect(ticks).toHaveLength(2000);
    expect(settled).toEqual([{ at: 300, result: { status: 'ok', value: 'done' } }]);
    expect(yieldsAt.length).toBeGreaterThan(0);
    expect(yieldsAt.length).toBeLessThanOrEqual(6);
    expect(new Set(yieldsAt)).toEqual(new Set([100, 300]));
  });

  it('does not call hostYield at all in a run without tasks or externals', async () => {
    let yields = 0;
    const sim = new Simulation({
      seed: 1,
      hostYield: async () => {
        yields++;
      },
    });
    const { ticks } = addTicker(sim);
    await sim.run(3000);
    expect(ticks).toHaveLength(3000);
    expect(yields).toBe(0);
  });

  it('with a macrotask hostYield, lets a task that awaits many times finish before time moves on', async () => {
    const sim = new Simulation({ seed: 1, hostYield: macrotaskYield });
    addTicker(sim);
    const n = addScriptedNode(sim, 'n');
    const settled: Array<Settled<number>> = [];
    sim.at(10, 'start', () =>
      n.ctx.task(
        'chatty',
        async () => {
          for (let i = 0; i < 100; i++) await null;
          return n.ctx.now();
        },
        { deadlineMs: 50, onSettled: (result) => void settled.push({ at: sim.now, result }) },
      ),
    );
    await sim.run(100);
    expect(settled).toEqual([{ at: 10, result: { status: 'ok', value: 10 } }]);
  });

  it('with the default hostYield, lets a task that awaits many times finish before time moves on', async () => {
    const sim = new Simulation({ seed: 1 });
    addTicker(sim);
    const n = addScriptedNode(sim, 'n');
    const settled: Array<Settled<number>> = [];
    sim.at(10, 'start', () =>
      n.ctx.task(
        'chatty',
        async () => {
          for (let i = 0; i < 40; i++) await null;
          return n.ctx.now();
        },
        { deadlineMs: 50, onSettled: (result) => void settled.push({ at: sim.now, result }) },
      ),
    );
    await sim.run(100);
    expect(settled).toEqual([{ at: 10, result: { status: 'ok', value: 10 } }]);
  });
});
