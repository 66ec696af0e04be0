import { describe, it, expect } from 'vitest';
import { Simulation, type NodeContext } from '../../harness/sim/index.ts';
import { addScriptedNode } from './scripted-node.ts';
import { eventsOf, kindsOf } from './trace-filter.ts';

/** Ping-pong: `a` sends 0 at start; each side answers n with n + 1 until `limit`. */
function pingPong(sim: Simulation, limit: number): number[] {
  const seen: number[] = [];
  const player = (first: boolean) => (ctx: NodeContext<number>) => {
    const peer = ctx.id === 'a' ? 'b' : 'a';
    if (first) ctx.send(peer, 0);
    return {
      onMessage(_from: string, n: number) {
        seen.push(n);
        if (n < limit) ctx.send(peer, n + 1);
      },
    };
  };
  sim.addNode('a', player(true)).addNode('b', player(false));
  return seen;
}

describe('Simulation basics', () => {
  it('plays ping-pong over the network with fixed latency, one hop per 5 ms', async () => {
    const sim = new Simulation({ seed: 1, network: { latency: { min: 5, max: 5 } } });
    const seen = pingPong(sim, 4);
    await sim.run(1000);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(eventsOf(sim.trace, 'deliver').map((e) => [e.t, e.from, e.to])).toEqual([
      [5, 'a', 'b'],
      [10, 'b', 'a'],
      [15, 'a', 'b'],
      [20, 'b', 'a'],
      [25, 'a', 'b'],
    ]);
    expect(sim.eventCount).toBe(5);
    expect(sim.now).toBe(1000);
  });

  it('runs events up to and including `until`, and a later run carries on from there', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    for (const t of [10, 20, 30]) sim.at(t, `tick ${t}`, () => n.ctx.setTimer(`t${t}`, 0));
    await sim.run(20);
    expect(n.log.map((h) => h.t)).toEqual([10, 20]);
    expect(sim.now).toBe(20);
    await sim.run(25);
    expect(sim.now).toBe(25);
    await sim.run(40);
    expect(n.log.map((h) => h.t)).toEqual([10, 20, 30]);
  });

  it('runs events at the same time in the order they were scheduled', async () => {
    const sim = new Simulation({ seed: 1 });
    addScriptedNode(sim, 'n');
    const order: string[] = [];
    sim.at(10, 'first', () => order.push('first'));
    sim.at(5, 'earlier', () => order.push('earlier'));
    sim.at(10, 'second', () => order.push('second'));
    sim.schedule([{ at: 10, fault: { kind: 'pause', node: 'n' } }]);
    sim.at(10, 'fourth', () => order.push(`fourth (n is ${sim.status('n')})`));
    await sim.run(10);
    expect(order).toEqual(['earlier', 'first', 'second', 'fourth (n is paused)']);
  });

  it('fires timers set for the same moment, and delivers same-latency messages, in the order they were set or sent', async () => {
    const sim = new Simulation({ seed: 1, network: { latency: { min: 3, max: 3 } } });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    sim.at(0, 'burst', () => {
      for (const name of ['t1', 't2', 't3', 't4']) a.ctx.setTimer(name, 7);
      for (let i = 0; i < 6; i++) a.ctx.send('b', i);
    });
    await sim.run(50);
    expect(a.log.map((h) => (h.kind === 'timer' ? [h.t, h.name] : null))).toEqual([
      [7, 't1'],
      [7, 't2'],
      [7, 't3'],
      [7, 't4'],
    ]);
    expect(b.arrivals()).toEqual([0, 1, 2, 3, 4, 5].map((i) => [3, i]));
  });

  it('passes the timer payload through and lets a cancelled timer never fire', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    sim.at(0, 'set', () => {
      const keep = n.ctx.setTimer('keep', 10, { x: 1 });
      const drop = n.ctx.setTimer('drop', 10, { x: 2 });
      n.ctx.cancelTimer(drop);
      n.ctx.cancelTimer(keep + 1000); // unknown id: ignored
    });
    await sim.run(50);
    expect(n.log).toEqual([{ t: 10, kind: 'timer', name: 'keep', payload: { x: 1 } }]);
    expect(eventsOf(sim.trace, 'timer')).toEqual([{ t: 10, kind: 'timer', node: 'n', name: 'keep' }]);
  });

  it('runs an action scheduled in the past at the current time', async () => {
    const sim = new Simulation({ seed: 1 });
    addScriptedNode(sim, 'n');
    const times: number[] = [];
    sim.at(50, 'late scheduler', () => sim.at(10, 'past', () => times.push(sim.now)));
    await sim.run(100);
    expect(times).toEqual([50]);
  });

  it('records a message to an unknown node as dropped with reason not-a-node', async () => {
    const sim = new Simulation({ seed: 1 });
    const a = addScriptedNode(sim, 'a');
    sim.at(4, 'send', () => a.ctx.send('ghost', 'boo'));
    await sim.run(50);
    expect(sim.trace.toArray()).toEqual([
      { t: 4, kind: 'send', id: 0, from: 'a', to: 'ghost', msg: 'boo' },
      { t: 4, kind: 'drop', id: 0, from: 'a', to: 'ghost', reason: 'not-a-node' },
    ]);
  });

  it('records notes with the node and true time (missing data becomes null)', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    sim.at(12, 'note', () => {
      n.ctx.record('became-leader', { epoch: 3 });
      n.ctx.record('tick');
    });
    await sim.run(20);
    expect(sim.trace.toArray()).toEqual([
      { t: 12, kind: 'note', node: 'n', name: 'became-leader', data: { epoch: 3 } },
      { t: 12, kind: 'note', node: 'n', name: 'tick', data: null },
    ]);
  });

  it('exposes node ids in insertion order, statuses and each node’s behaviour object', async () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('z', () => ({ onMessage() {}, label: 'z-state' }));
    sim.addNode('a', () => ({ onMessage() {}, label: 'a-state' }));
    expect(sim.nodeIds()).toEqual(['z', 'a']);
    expect(sim.behaviourOf('z')).toBeUndefined(); // factories run when the simulation starts
    await sim.run(0);
    expect(sim.behaviourOf<{ label: string }>('a')?.label).toBe('a-state');
    expect(sim.status('a')).toBe('up');
    expect(() => sim.status('nope')).toThrow(/no node "nope" \(nodes: z, a\)/);
  });

  it('stop() ends the run after the current event', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    const ran: string[] = [];
    sim.at(10, 'ten', () => ran.push('ten'));
    sim.at(30, 'stopper', () => {
      ran.push('stopper');
      n.ctx.record('still in the stopping event');
      sim.stop();
    });
    sim.at(30, 'same time, later', () => ran.push('same time, later'));
    sim.at(40, 'forty', () => ran.push('forty'));
    await sim.run(100);
    expect(ran).toEqual(['ten', 'stopper']);
    expect(sim.now).toBe(30);
    expect(sim.eventCount).toBe(2);
    expect(kindsOf(sim.trace)).toEqual(['note']);
  });

  describe('misuse throws at once, naming what is wrong', () => {
    it('rejects a duplicate node id', () => {
      const sim = new Simulation({ seed: 1 });
      sim.addNode('n1', () => ({ onMessage() {} }));
      expect(() => sim.addNode('n1', () => ({ onMessage() {} }))).toThrow('addNode("n1"): a node with this id already exists');
    });

    it('rejects ids with characters outside letters, digits, _ . -', () => {
      const sim = new Simulation({ seed: 1 });
      for (const bad of ['', 'a b', 'n1->n2', 'ü']) {
        expect(() => sim.addNode(bad, () => ({ onMessage() {} }))).toThrow(RangeError);
        expect(() => sim.addNode(bad, () => ({ onMessage() {} }))).toThrow(`addNode("${bad}")`);
      }
      expect(() => sim.addNode('ok_node-1.x', () => ({ onMessage() {} }))).not.toThrow();
      expect(sim.nodeIds()).toEqual(['ok_node-1.x']);
    });

    it('rejects adding a node after the simulation started', async () => {
      const sim = new Simulation({ seed: 1 });
      sim.addNode('n1', () => ({ onMessage() {} }));
      await sim.run(0);
      expect(() => sim.addNode('late', () => ({ onMessage() {} }))).toThrow('addNode("late"): nodes must be added before the simulation starts');
    });

    it('rejects a seed that is not an integer and a fault scheduled before time 0', () => {
      expect(() => new Simulation({ seed: 1.5 })).toThrow('seed must be an integer, got 1.5');
      const sim = new Simulation({ seed: 1 });
      expect(() => sim.schedule([{ at: -1, fault: { kind: 'heal' } }])).toThrow('fault at t=-1: times must be ≥ 0');
      expect(() => sim.schedule([{ at: Number.NaN, fault: { kind: 'heal' } }])).toThrow(RangeError);
    });
  });
});
