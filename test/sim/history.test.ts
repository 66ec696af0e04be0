import { describe, it, expect } from 'vitest';
import { History, Simulation } from '../../harness/sim/index.ts';
import { addScriptedNode } from './scripted-node.ts';

describe('History', () => {
  it('records invocations and completions with ids in order; pending ones read as unknown', () => {
    const h = new History();
    const w = h.invoke(10, 'c1', 'write', { key: 'x', value: 1 });
    const r = h.invoke(12, 'c2', 'read', { key: 'x' });
    h.complete(30, w, 'ok');
    expect([w, r]).toEqual([0, 1]);
    expect(h.ops()).toEqual([
      { id: 0, client: 'c1', op: 'write', input: { key: 'x', value: 1 }, invokedAt: 10, status: 'ok', completedAt: 30 },
      { id: 1, client: 'c2', op: 'read', input: { key: 'x' }, invokedAt: 12, status: 'unknown' },
    ]);
  });

  it('keeps the first outcome when an operation is completed twice', () => {
    const h = new History();
    const id = h.invoke(0, 'c', 'read', null);
    h.complete(5, id, 'ok', 'v1');
    h.complete(9, id, 'fail', 'v2');
    expect(h.ops()).toEqual([{ id, client: 'c', op: 'read', input: null, invokedAt: 0, status: 'ok', completedAt: 5, output: 'v1' }]);
  });

  it('throws on completing an unknown id, naming it', () => {
    const h = new History();
    expect(() => h.complete(1, 7, 'ok')).toThrow(RangeError);
    expect(() => h.complete(1, 7, 'ok')).toThrow('history: no operation with id 7');
  });

  it('hands out copies: changing a returned op does not change the history', () => {
    const h = new History();
    const id = h.invoke(0, 'c', 'read', null);
    const [op] = h.ops();
    op!.status = 'ok';
    op!.completedAt = 99;
    expect(h.ops()[0]).toMatchObject({ id, status: 'unknown' });
    expect(h.ops()[0]).not.toHaveProperty('completedAt');
  });
});

describe('the simulation’s client history', () => {
  it('uses true simulated time, not the invoking node’s skewed clock', async () => {
    const sim = new Simulation({ seed: 1, network: { latency: { min: 4, max: 4 } } });
    const client = addScriptedNode(sim, 'client');
    addScriptedNode(sim, 'server');
    sim.schedule([{ at: 0, fault: { kind: 'clock', node: 'client', skewMs: 1000, drift: 0.5 } }]);
    let w = -1;
    let localAtInvoke = -1;
    sim.at(10, 'invoke', () => {
      localAtInvoke = client.ctx.now();
      w = client.ctx.invoke('write', 'x=1');
    });
    sim.at(30, 'complete', () => client.ctx.complete(w, 'ok', 'done'));
    sim.at(40, 'read', () => client.ctx.invoke('read', 'x'));
    await sim.run(100);
    expect(localAtInvoke).toBe(1015);
    expect(sim.history.ops()).toEqual([
      { id: 0, client: 'client', op: 'write', input: 'x=1', invokedAt: 10, status: 'ok', completedAt: 30, output: 'done' },
      { id: 1, client: 'client', op: 'read', input: 'x', invokedAt: 40, status: 'unknown' },
    ]);
  });

  it('keeps the first outcome when a node completes an operation twice', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    let id = -1;
    sim.at(1, 'invoke', () => (id = n.ctx.invoke('cas', [1, 2])));
    sim.at(2, 'fail', () => n.ctx.complete(id, 'fail'));
    sim.at(3, 'ok', () => n.ctx.complete(id, 'ok', 'late'));
    await sim.run(10);
    expect(sim.history.ops()).toEqual([{ id: 0, client: 'n', op: 'cas', input: [1, 2], invokedAt: 1, status: 'fail', completedAt: 2 }]);
  });
});
