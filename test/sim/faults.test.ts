import { describe, it, expect } from 'vitest';
import { Simulation, describeFault, describeSchedule, type NodeContext, type FaultSchedule } from '../../harness/sim/index.ts';
import { isNodeFault, type Fault } from '../../harness/sim/faults.ts';
import { addScriptedNode } from './scripted-node.ts';
import { eventsOf } from './trace-filter.ts';

/** Fixed 5 ms latency so every arrival time is known. */
const fixed = (ms = 5) => ({ latency: { min: ms, max: ms } });

/**
 * A counter: every message adds one to a volatile count and to a durable one; at boot it recovers the
 * durable count and sets a 100 ms timer.
 */
interface Counter {
  volatile: number;
  recovered: number;
  timers: number[];
}
function counter(sim: Simulation) {
  return (ctx: NodeContext<string>): Counter & { onMessage(): void; onTimer(): void } => {
    const recovered = ctx.storage.get<number>('count') ?? 0;
    ctx.setTimer('boot-timer', 100);
    const state = {
      volatile: 0,
      recovered,
      timers: [] as number[],
      onMessage() {
        state.volatile++;
        ctx.storage.set('count', (ctx.storage.get<number>('count') ?? 0) + 1);
      },
      onTimer() {
        state.timers.push(sim.now);
      },
    };
    return state;
  };
}

describe('crash and restart', () => {
  it('loses volatile state and timers, drops messages to the crashed node, keeps storage, and recovers on restart', async () => {
    const sim = new Simulation({ seed: 1, network: fixed() });
    const client = addScriptedNode(sim, 'client');
    let boots = 0;
    sim.addNode('n', (ctx: NodeContext<string>) => {
      boots++;
      return counter(sim)(ctx);
    });
    for (const t of [0, 1, 2]) sim.at(t, 'write', () => client.ctx.send('n', 'inc'));
    sim.at(60, 'write while down', () => client.ctx.send('n', 'inc'));
    sim.schedule([
      { at: 50, fault: { kind: 'crash', node: 'n' } },
      { at: 70, fault: { kind: 'restart', node: 'n' } },
    ]);

    await sim.run(40);
    expect(sim.behaviourOf<Counter>('n')?.volatile).toBe(3);

    await sim.run(65);
    expect(sim.status('n')).toBe('crashed');
    expect(sim.behaviourOf('n')).toBeUndefined();
    expect(sim.storageOf('n').get('count')).toBe(3);
    expect(eventsOf(sim.trace, 'drop')).toEqual([{ t: 65, kind: 'drop', id: 3, from: 'client', to: 'n', reason: 'crashed' }]);

    await sim.run(300);
    expect(sim.status('n')).toBe('up');
    expect(boots).toBe(2);
    const after = sim.behaviourOf<Counter>('n')!;
    expect(after.volatile).toBe(0);
    expect(after.recovered).toBe(3);
    // The first incarnation's timer (due at 100) died with it; only the new one's (70 + 100) fires.
    expect(after.timers).toEqual([170]);
    expect(eventsOf(sim.trace, 'timer').map((e) => e.t)).toEqual([170]);
  });

  it('ignores sends, storage writes and notes made through a crashed incarnation’s context', async () => {
    const sim = new Simulation({ seed: 1, network: fixed() });
    const n = addScriptedNode(sim, 'n');
    addScriptedNode(sim, 'peer');
    let stale: NodeContext | undefined;
    sim.at(10, 'grab', () => (stale = n.ctx));
    sim.schedule([
      { at: 20, fault: { kind: 'crash', node: 'n' } },
      { at: 30, fault: { kind: 'restart', node: 'n' } },
    ]);
    sim.at(40, 'zombie', () => {
      stale!.send('peer', 'from the dead');
      stale!.storage.set('k', 'zombie');
      stale!.record('zombie-note');
    });
    await sim.run(100);
    expect(stale).not.toBe(n.ctx);
    expect(eventsOf(sim.trace, 'send')).toEqual([]);
    expect(eventsOf(sim.trace, 'note')).toEqual([]);
    expect(sim.storageOf('n').has('k')).toBe(false);
  });

  it('treats restart of a node that is not crashed as a no-op (the fault is still traced)', async () => {
    const sim = new Simulation({ seed: 1, network: fixed() });
    const client = addScriptedNode(sim, 'client');
    let boots = 0;
    sim.addNode('n', (ctx: NodeContext<string>) => {
      boots++;
      return counter(sim)(ctx);
    });
    sim.at(0, 'write', () => client.ctx.send('n', 'inc'));
    sim.schedule([{ at: 20, fault: { kind: 'restart', node: 'n' } }]);
    await sim.run(200);
    expect(boots).toBe(1);
    expect(sim.behaviourOf<Counter>('n')?.volatile).toBe(1);
    expect(sim.behaviourOf<Counter>('n')?.timers).toEqual([100]);
    expect(eventsOf(sim.trace, 'fault')).toEqual([{ t: 20, kind: 'fault', fault: { kind: 'restart', node: 'n' } }]);
  });

  it('loses messages that were in flight to the node when it crashed, even if it restarts before they arrive', async () => {
    const sim = new Simulation({ seed: 1, network: fixed(10) });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    sim.at(0, 'send', () => a.ctx.send('b', 'hi'));
    sim.schedule([
      { at: 1, fault: { kind: 'crash', node: 'b' } },
      { at: 2, fault: { kind: 'restart', node: 'b' } },
    ]);
    await sim.run(50);
    expect(b.messages()).toEqual([]);
  });

  it('records a drop for messages waiting in a paused node’s backlog when it crashes', async () => {
    const sim = new Simulation({ seed: 1, network: fixed(10) });
    const a = addScriptedNode(sim, 'a');
    addScriptedNode(sim, 'b');
    sim.at(0, 'send', () => a.ctx.send('b', 'hi'));
    sim.schedule([
      { at: 1, fault: { kind: 'pause', node: 'b' } },
      { at: 20, fault: { kind: 'crash', node: 'b' } },
    ]);
    await sim.run(50);
    expect(eventsOf(sim.trace, 'drop')).toEqual([{ t: 20, kind: 'drop', id: 0, from: 'a', to: 'b', reason: 'crashed' }]);
  });
});

describe('pause and resume', () => {
  it('fires no timers and handles no messages while paused, then runs the backlog in order at the resume time', async () => {
    const sim = new Simulation({ seed: 1, network: fixed(1) });
    const sender = addScriptedNode(sim, 'sender');
    const log: Array<[number, string]> = [];
    sim.addNode('p', (ctx: NodeContext<string>) => {
      ctx.setTimer('tick', 10);
      return {
        onMessage: (_from, msg) => void log.push([sim.now, msg]),
        onTimer: () => {
          log.push([sim.now, 'tick']);
          ctx.setTimer('tick', 10);
        },
      };
    });
    sim.schedule([
      { at: 25, fault: { kind: 'pause', node: 'p' } },
      { at: 75, fault: { kind: 'resume', node: 'p' } },
    ]);
    sim.at(32, 'm1', () => sender.ctx.send('p', 'm1')); // arrives at 33, after the tick due at 30
    sim.at(34, 'm2', () => sender.ctx.send('p', 'm2'));
    await sim.run(50);
    expect(sim.status('p')).toBe('paused');
    expect(log).toEqual([
      [10, 'tick'],
      [20, 'tick'],
    ]);
    await sim.run(90);
    expect(log).toEqual([
      [10, 'tick'],
      [20, 'tick'],
      [75, 'tick'],
      [75, 'm1'],
      [75, 'm2'],
      [85, 'tick'],
    ]);
    const at75 = sim.trace.toArray().filter((e) => e.t === 75);
    expect(at75.map((e) => e.kind)).toEqual(['fault', 'timer', 'deliver', 'deliver']);
  });

  it('does nothing when pausing a crashed node or resuming a node that is not paused', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    const m = addScriptedNode(sim, 'm');
    sim.schedule([
      { at: 1, fault: { kind: 'crash', node: 'n' } },
      { at: 2, fault: { kind: 'pause', node: 'n' } },
      { at: 3, fault: { kind: 'resume', node: 'm' } },
    ]);
    sim.at(4, 'timer', () => m.ctx.setTimer('t', 1));
    await sim.run(10);
    expect(sim.status('n')).toBe('crashed');
    expect(sim.status('m')).toBe('up');
    expect(m.log.map((h) => h.t)).toEqual([5]);
    expect(n.boots).toBe(1);
  });
});

describe('partitions', () => {
  it('drops messages in both directions between the sides, and not to nodes outside them', async () => {
    const sim = new Simulation({ seed: 1, network: fixed() });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    const c = addScriptedNode(sim, 'c');
    sim.schedule([{ at: 0, fault: { kind: 'partition', sides: [['a'], ['b']] } }]);
    sim.at(1, 'talk', () => {
      a.ctx.send('b', 'a->b');
      b.ctx.send('a', 'b->a');
      a.ctx.send('c', 'a->c');
      b.ctx.send('c', 'b->c');
    });
    await sim.run(50);
    expect(eventsOf(sim.trace, 'drop').map((e) => [e.t, e.from, e.to, e.reason])).toEqual([
      [1, 'a', 'b', 'partition'],
      [1, 'b', 'a', 'partition'],
    ]);
    expect(a.messages()).toEqual([]);
    expect(b.messages()).toEqual([]);
    expect(c.messages()).toEqual(['a->c', 'b->c']);
  });

  it('drops at delivery a message that was in flight when the partition started', async () => {
    const sim = new Simulation({ seed: 1, network: fixed(10) });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    sim.at(0, 'send', () => a.ctx.send('b', 'in flight'));
    sim.schedule([{ at: 5, fault: { kind: 'partition', sides: [['b'], ['a']] } }]);
    await sim.run(50);
    expect(b.messages()).toEqual([]);
    expect(eventsOf(sim.trace, 'drop')).toEqual([{ t: 10, kind: 'drop', id: 0, from: 'a', to: 'b', reason: 'partition' }]);
  });

  it('partition-one-way drops only from → to; heal restores both kinds of partition', async () => {
    const sim = new Simulation({ seed: 1, network: fixed() });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    sim.schedule([
      { at: 0, fault: { kind: 'partition-one-way', from: ['a'], to: ['b'] } },
      { at: 50, fault: { kind: 'heal' } },
    ]);
    sim.at(1, 'both ways', () => {
      a.ctx.send('b', 'a->b before heal');
      b.ctx.send('a', 'b->a before heal');
    });
    sim.at(60, 'after heal', () => a.ctx.send('b', 'a->b after heal'));
    await sim.run(100);
    expect(b.messages()).toEqual(['a->b after heal']);
    expect(a.messages()).toEqual(['b->a before heal']);
    expect(eventsOf(sim.trace, 'drop').map((e) => [e.from, e.to, e.reason])).toEqual([['a', 'b', 'partition']]);
  });

  it('heal ends a two-sided partition of several nodes', async () => {
    const sim = new Simulation({ seed: 1, network: fixed() });
    const nodes = ['a', 'b', 'c', 'd'].map((id) => addScriptedNode(sim, id));
    sim.schedule([
      { at: 0, fault: { kind: 'partition', sides: [['a', 'b'], ['c', 'd']] } },
      { at: 20, fault: { kind: 'heal' } },
    ]);
    const everyoneToEveryone = (tag: string) => () => {
      for (const from of nodes) for (const to of nodes) if (from !== to) from.ctx.send(to.id, `${tag}:${from.id}`);
    };
    sim.at(1, 'before', everyoneToEveryone('before'));
    sim.at(30, 'after', everyoneToEveryone('after'));
    await sim.run(100);
    expect(nodes.map((n) => n.messages().filter((m) => String(m).startsWith('before')).length)).toEqual([1, 1, 1, 1]);
    expect(nodes.map((n) => n.messages().filter((m) => String(m).startsWith('after')).length)).toEqual([3, 3, 3, 3]);
    expect(eventsOf(sim.trace, 'drop')).toHaveLength(8);
  });
});

describe('hold and release', () => {
  it('keeps messages on the held link until release, then delivers them at the release time in send order', async () => {
    const sim = new Simulation({ seed: 1, network: fixed() });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    const c = addScriptedNode(sim, 'c');
    sim.schedule([
      { at: 0, fault: { kind: 'hold', from: 'a', to: 'b' } },
      { at: 50, fault: { kind: 'release', from: 'a', to: 'b' } },
    ]);
    sim.at(1, 'm0', () => a.ctx.send('b', 'm0'));
    sim.at(2, 'others', () => {
      a.ctx.send('b', 'm1');
      b.ctx.send('a', 'reverse');
      a.ctx.send('c', 'other link');
    });
    sim.at(3, 'm2', () => a.ctx.send('b', 'm2'));
    sim.at(60, 'after', () => a.ctx.send('b', 'after release'));
    await sim.run(40);
    expect(b.messages()).toEqual([]);
    expect(a.arrivals()).toEqual([[7, 'reverse']]);
    expect(c.arrivals()).toEqual([[7, 'other link']]);
    await sim.run(100);
    expect(b.arrivals()).toEqual([
      [50, 'm0'],
      [50, 'm1'],
      [50, 'm2'],
      [65, 'after release'],
    ]);
    expect(eventsOf(sim.trace, 'drop')).toEqual([]);
  });

  it('delivers held messages in send order even when their latencies differ', async () => {
    const sim = new Simulation({ seed: 3, network: { latency: { min: 1, max: 30 } } });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    sim.schedule([
      { at: 0, fault: { kind: 'hold', from: 'a', to: 'b' } },
      { at: 100, fault: { kind: 'release', from: 'a', to: 'b' } },
    ]);
    sim.at(1, 'burst', () => {
      for (let i = 0; i < 10; i++) a.ctx.send('b', i);
    });
    await sim.run(200);
    expect(b.messages()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('release newest-first delivers the held messages of that link in reverse send order, other links untouched', async () => {
    const sim = new Simulation({ seed: 3, network: { latency: { min: 1, max: 30 } } });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    const c = addScriptedNode(sim, 'c');
    sim.schedule([
      { at: 0, fault: { kind: 'hold', from: 'a', to: 'b' } },
      { at: 0, fault: { kind: 'hold', from: 'a', to: 'c' } },
      { at: 100, fault: { kind: 'release', from: 'a', to: 'b', order: 'newest-first' } },
      { at: 100, fault: { kind: 'release', from: 'a', to: 'c' } },
    ]);
    sim.at(1, 'burst', () => {
      for (let i = 0; i < 5; i++) {
        a.ctx.send('b', i);
        a.ctx.send('c', i);
      }
    });
    await sim.run(200);
    expect(b.messages()).toEqual([4, 3, 2, 1, 0]);
    expect(c.messages()).toEqual([0, 1, 2, 3, 4]);
    expect(describeFault({ kind: 'release', from: 'a', to: 'b', order: 'newest-first' })).toBe('release a -> b (newest first)');
  });
});

describe('link and network faults', () => {
  it('link-faults with loss 1 drops everything on that link in both directions; link-faults-clear restores it', async () => {
    const sim = new Simulation({ seed: 1, network: fixed() });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    const c = addScriptedNode(sim, 'c');
    sim.schedule([
      { at: 0, fault: { kind: 'link-faults', between: ['a', 'b'], loss: 1, duplicate: 0 } },
      { at: 50, fault: { kind: 'link-faults-clear' } },
    ]);
    sim.at(1, 'during', () => {
      for (let i = 0; i < 5; i++) {
        a.ctx.send('b', `a->b ${i}`);
        b.ctx.send('a', `b->a ${i}`);
        a.ctx.send('c', `a->c ${i}`);
      }
    });
    sim.at(60, 'after', () => {
      a.ctx.send('b', 'a->b after');
      b.ctx.send('a', 'b->a after');
    });
    await sim.run(100);
    expect(b.messages()).toEqual(['a->b after']);
    expect(a.messages()).toEqual(['b->a after']);
    expect(c.messages()).toHaveLength(5);
    const drops = eventsOf(sim.trace, 'drop');
    expect(drops).toHaveLength(10);
    expect(new Set(drops.map((d) => `${d.from}->${d.to}:${d.reason}`))).toEqual(new Set(['a->b:loss', 'b->a:loss']));
  });

  it('link-faults with duplicate 1 duplicates every message on that link', async () => {
    const sim = new Simulation({ seed: 1, network: fixed() });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    sim.schedule([{ at: 0, fault: { kind: 'link-faults', between: ['b', 'a'], loss: 0, duplicate: 1 } }]);
    sim.at(1, 'send', () => a.ctx.send('b', 'twice'));
    await sim.run(50);
    expect(b.arrivals()).toEqual([
      [6, 'twice'],
      [6, 'twice'],
    ]);
  });

  it('network-faults sets loss everywhere except links with their own link-faults', async () => {
    const sim = new Simulation({ seed: 1, network: fixed() });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    const c = addScriptedNode(sim, 'c');
    sim.schedule([
      { at: 0, fault: { kind: 'network-faults', loss: 1, duplicate: 0 } },
      { at: 0, fault: { kind: 'link-faults', between: ['a', 'c'], loss: 0, duplicate: 0 } },
      { at: 50, fault: { kind: 'network-faults', loss: 0, duplicate: 0 } },
    ]);
    sim.at(1, 'during', () => {
      a.ctx.send('b', 'a->b');
      b.ctx.send('c', 'b->c');
      c.ctx.send('a', 'c->a');
      a.ctx.send('c', 'a->c');
    });
    sim.at(60, 'after', () => a.ctx.send('b', 'a->b after'));
    await sim.run(100);
    expect(b.messages()).toEqual(['a->b after']);
    expect(a.messages()).toEqual(['c->a']);
    expect(c.messages()).toEqual(['a->c']);
    expect(eventsOf(sim.trace, 'drop').map((d) => [d.from, d.to, d.reason])).toEqual([
      ['a', 'b', 'loss'],
      ['b', 'c', 'loss'],
    ]);
  });

  it('network-faults with loss around 0.5 loses about half of the messages', async () => {
    const sim = new Simulation({ seed: 5, network: fixed() });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    sim.inject({ kind: 'network-faults', loss: 0.5, duplicate: 0 });
    sim.at(0, 'burst', () => {
      for (let i = 0; i < 1000; i++) a.ctx.send('b', i);
    });
    await sim.run(50);
    expect(b.messages().length).toBeGreaterThan(400);
    expect(b.messages().length).toBeLessThan(600);
    expect(eventsOf(sim.trace, 'drop').length + b.messages().length).toBe(1000);
  });
});

describe('fault descriptions', () => {
  it('describes every kind of fault on one line, and a schedule with times', () => {
    const schedule: FaultSchedule = [
      { at: 0, fault: { kind: 'crash', node: 'n1' } },
      { at: 1, fault: { kind: 'restart', node: 'n1' } },
      { at: 2, fault: { kind: 'pause', node: 'n2' } },
      { at: 3, fault: { kind: 'resume', node: 'n2' } },
      { at: 4, fault: { kind: 'partition', sides: [['n1', 'n2'], ['n3']] } },
      { at: 5, fault: { kind: 'partition-one-way', from: ['n1'], to: ['n2', 'n3'] } },
      { at: 6, fault: { kind: 'heal' } },
      { at: 7, fault: { kind: 'hold', from: 'n1', to: 'n2' } },
      { at: 8, fault: { kind: 'release', from: 'n1', to: 'n2' } },
      { at: 9, fault: { kind: 'link-faults', between: ['n1', 'n3'], loss: 0.25, duplicate: 0.015 } },
      { at: 10, fault: { kind: 'link-faults-clear' } },
      { at: 11, fault: { kind: 'network-faults', loss: 0.1, duplicate: 0 } },
      { at: 12, fault: { kind: 'clock', node: 'n2', skewMs: 250, drift: 0.05 } },
      { at: 13, fault: { kind: 'clock', node: 'n3', skewMs: -40, drift: -0.01 } },
    ];
    expect(describeSchedule(schedule)).toEqual([
      't=0ms crash n1',
      't=1ms restart n1',
      't=2ms pause n2',
      't=3ms resume n2',
      't=4ms partition {n1,n2} | {n3}',
      't=5ms partition {n1} -> {n2,n3} (one way)',
      't=6ms heal all partitions',
      't=7ms hold n1 -> n2',
      't=8ms release n1 -> n2',
      't=9ms link n1 <-> n3: loss 25%, duplicate 1.5%',
      't=10ms link faults cleared',
      't=11ms whole network: loss 10%, duplicate 0%',
      't=12ms clock n2: +250ms, drift 5%',
      't=13ms clock n3: -40ms, drift -1%',
    ]);
    expect(describeFault({ kind: 'crash', node: 'x' })).toBe('crash x');
  });
});

describe('fault kinds', () => {
  it('splits faults into those of one node and those of the network', () => {
    const faults: Fault[] = [
      { kind: 'crash', node: 'n1' },
      { kind: 'restart', node: 'n1' },
      { kind: 'pause', node: 'n1' },
      { kind: 'resume', node: 'n1' },
      { kind: 'clock', node: 'n1', skewMs: 5, drift: 0 },
      { kind: 'partition', sides: [['n1'], ['n2']] },
      { kind: 'partition-one-way', from: ['n1'], to: ['n2'] },
      { kind: 'heal' },
      { kind: 'hold', from: 'n1', to: 'n2' },
      { kind: 'release', from: 'n1', to: 'n2' },
      { kind: 'link-faults', between: ['n1', 'n2'], loss: 0.1, duplicate: 0 },
      { kind: 'link-faults-clear' },
      { kind: 'network-faults', loss: 0.1, duplicate: 0 },
    ];
    expect(faults.filter(isNodeFault).map((f) => f.kind)).toEqual(['crash', 'restart', 'pause', 'resume', 'clock']);
  });
});
