import { describe, it, expect } from 'vitest';
import { Simulation, firstDivergence, type FaultSchedule, type NodeContext } from '../../harness/sim/index.ts';
import { kindsOf } from './trace-filter.ts';

type Gossip = { type: 'max'; value: number } | { type: 'confirm'; op: number };

/**
 * A gossiping counter: every node ticks after a random local delay, bumps a durable counter, sends its
 * maximum to a random peer and records a note when it learns a larger one. Node n1 also acts as a client:
 * on every tick it invokes an operation, which the peer completes when n1's `confirm` message reaches it.
 */
function gossip(peers: readonly string[]) {
  return (ctx: NodeContext<Gossip>) => {
    let max = ctx.storage.get<number>('max') ?? 0;
    const schedule = () => ctx.setTimer('tick', 5 + Math.floor(ctx.random() * 20));
    schedule();
    return {
      onMessage(from: string, msg: Gossip) {
        if (msg.type === 'confirm') {
          ctx.complete(msg.op, 'ok', from);
          return;
        }
        if (msg.value > max) {
          max = msg.value;
          ctx.storage.set('max', max);
          ctx.record('learned', { max, from });
        }
      },
      onTimer() {
        max++;
        ctx.storage.set('max', max);
        const others = peers.filter((p) => p !== ctx.id);
        const to = others[Math.floor(ctx.random() * others.length)]!;
        ctx.send(to, { type: 'max', value: max });
        if (ctx.id === 'n1') {
          const op = ctx.invoke('bump', max);
          ctx.send(to, { type: 'confirm', op });
        }
        schedule();
      },
    };
  };
}

const NODES = ['n1', 'n2', 'n3'] as const;

/** Every kind of fault, over a 2-second run. */
const SCHEDULE: FaultSchedule = [
  { at: 100, fault: { kind: 'partition', sides: [['n1'], ['n2', 'n3']] } },
  { at: 250, fault: { kind: 'heal' } },
  { at: 300, fault: { kind: 'partition-one-way', from: ['n2'], to: ['n3'] } },
  { at: 400, fault: { kind: 'heal' } },
  { at: 450, fault: { kind: 'crash', node: 'n2' } },
  { at: 600, fault: { kind: 'restart', node: 'n2' } },
  { at: 650, fault: { kind: 'pause', node: 'n3' } },
  { at: 800, fault: { kind: 'resume', node: 'n3' } },
  { at: 850, fault: { kind: 'hold', from: 'n1', to: 'n2' } },
  { at: 1000, fault: { kind: 'release', from: 'n1', to: 'n2' } },
  { at: 1050, fault: { kind: 'link-faults', between: ['n1', 'n3'], loss: 0.5, duplicate: 0.3 } },
  { at: 1200, fault: { kind: 'link-faults-clear' } },
  { at: 1250, fault: { kind: 'network-faults', loss: 0.2, duplicate: 0.2 } },
  { at: 1400, fault: { kind: 'network-faults', loss: 0, duplicate: 0 } },
  { at: 1500, fault: { kind: 'clock', node: 'n1', skewMs: 300, drift: 0.2 } },
];

async function runCluster(seed: number, schedule: FaultSchedule = SCHEDULE, nodes: readonly string[] = NODES): Promise<Simulation> {
  const sim = new Simulation({ seed, network: { latency: { min: 1, max: 20 }, loss: 0.05, duplicate: 0.05, reorder: 0.1 } });
  for (const id of nodes) sim.addNode(id, gossip(NODES));
  sim.schedule(schedule);
  await sim.run(2000);
  return sim;
}

describe('determinism', () => {
  it('gives an identical trace, history and storage for the same seed and schedule', async () => {
    const first = await runCluster(17);
    const second = await runCluster(17);
    expect(first.trace.length).toBeGreaterThan(500);
    // The run exercised what it claims to.
    expect(new Set(kindsOf(first.trace))).toEqual(new Set(['send', 'deliver', 'drop', 'duplicate', 'timer', 'fault', 'note']));
    expect(firstDivergence(first.trace, second.trace)).toBeUndefined();
    expect(JSON.stringify(second.trace.toArray())).toBe(JSON.stringify(first.trace.toArray()));
    expect(second.history.ops()).toEqual(first.history.ops());
    expect(first.history.ops().some((op) => op.status === 'ok')).toBe(true);
    for (const id of NODES) expect([...second.storageOf(id)]).toEqual([...first.storageOf(id)]);
    expect(second.eventCount).toBe(first.eventCount);
  });

  it('diverges for a different seed, and firstDivergence says where and how', async () => {
    const a = await runCluster(17);
    const b = await runCluster(18);
    const d = firstDivergence(a.trace, b.trace);
    expect(d).toBeDefined();
    expect(d!.index).toBeGreaterThanOrEqual(0);
    // Everything before the reported index is the same.
    for (let i = 0; i < d!.index; i++) expect(JSON.stringify(a.trace.at(i))).toBe(JSON.stringify(b.trace.at(i)));
    expect(d!.left).toEqual(a.trace.at(d!.index));
    expect(d!.right).toEqual(b.trace.at(d!.index));
    expect(d!.explanation).toBe(`event #${d!.index} differs: first run ${JSON.stringify(d!.left)}, second run ${JSON.stringify(d!.right)}`);
  });

  it('diverges for the same seed with a different schedule, at the first affected event', async () => {
    const base = await runCluster(17);
    const moved = await runCluster(17, SCHEDULE.map((tf) => (tf.at === 100 ? { ...tf, at: 101 } : tf)));
    const d = firstDivergence(base.trace, moved.trace);
    expect(d).toBeDefined();
    // Nothing can differ before t=100.
    expect(d!.left!.t).toBeGreaterThanOrEqual(100);
    expect(d!.right!.t).toBeGreaterThanOrEqual(100);
  });

  it('gives each node its own random stream: adding a node does not change what the others draw', async () => {
    const drawsOf = async (nodes: string[]) => {
      const sim = new Simulation({ seed: 5 });
      const draws = new Map<string, number[]>();
      for (const id of nodes)
        sim.addNode(id, (ctx) => {
          draws.set(id, Array.from({ length: 5 }, () => ctx.random()));
          return { onMessage() {} };
        });
      await sim.run(0);
      return draws;
    };
    const two = await drawsOf(['n1', 'n2']);
    const three = await drawsOf(['n0', 'n1', 'n2']);
    expect(three.get('n1')).toEqual(two.get('n1'));
    expect(three.get('n2')).toEqual(two.get('n2'));
    expect(two.get('n1')).not.toEqual(two.get('n2'));
  });
});
