/**
 * The phased runner on a small protocol of its own (nodes that count ticks and gossip them): the
 * fault phase runs the schedule after an opening network fault, recovery resumes and restarts what the
 * schedule left down (except nodes kept down), `stop` ends a run with its first reason, and the
 * recovery faults known from the scenario alone are the ones a real run injects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeIds, plannedRecovery, runPhased, type PhasedScenario } from '../../harness/cluster/index.ts';
import type { Fault, NodeBehaviour, NodeContext, Simulation, TimedFault } from '../../harness/sim/index.ts';

type Gossip = { count: number };

function gossiper(ctx: NodeContext<Gossip>, peers: readonly string[], onTick?: (count: number) => void): NodeBehaviour<Gossip> {
  ctx.setTimer('tick', 10);
  return {
    onMessage: (from, msg) => ctx.record('heard', { from, count: msg.count }),
    onTimer: () => {
      const count = (ctx.storage.get<number>('count') ?? 0) + 1;
      ctx.storage.set('count', count);
      for (const p of peers) if (p !== ctx.id) ctx.send(p, { count });
      onTick?.(count);
      ctx.setTimer('tick', 10);
    },
  };
}

const base: PhasedScenario = { seed: 3, latency: { min: 1, max: 4 }, loss: 0, duplicate: 0, reorder: 0, faults: [], faultPhaseMs: 200 };
const ids = nodeIds('g', 3);

function run(scenario: PhasedScenario, opts: { keepDown?: readonly string[]; stopAtTick?: number } = {}) {
  return runPhased<PhasedScenario, { counts: Record<string, number>; status: Record<string, string> }, string>(scenario, {
    recoveryMs: 100,
    ...(opts.keepDown ? { keepDown: opts.keepDown } : {}),
    nodes: ({ sim, stop }) => {
      for (const id of ids) sim.addNode<Gossip>(id, (ctx) => gossiper(ctx, ids, (n) => (opts.stopAtTick !== undefined && n >= opts.stopAtTick ? stop(`${id} reached ${n}`) : undefined)));
      return ids;
    },
    final: (sim: Simulation) => ({
      counts: Object.fromEntries(ids.map((id) => [id, (sim.storageOf(id).get('count') as number | undefined) ?? 0])),
      status: Object.fromEntries(ids.map((id) => [id, sim.status(id)])),
    }),
  });
}

const faultsAt = (events: Iterable<{ kind: string; t: number; fault?: Fault }>, t: number): Fault[] => [...events].flatMap((e) => (e.kind === 'fault' && e.t === t ? [e.fault!] : []));

describe('nodeIds', () => {
  it('names n nodes prefix1 … prefixN, and none for n = 0', () => {
    expect(nodeIds('n', 3)).toEqual(['n1', 'n2', 'n3']);
    expect(nodeIds('c', 1)).toEqual(['c1']);
    expect(nodeIds('w', 0)).toEqual([]);
  });
});

describe('runPhased', () => {
  it('starts loss with an opening fault at t = 0, runs the schedule, and restarts and resumes at recovery', async () => {
    const faults: TimedFault[] = [
      { at: 50, fault: { kind: 'crash', node: 'g1' } },
      { at: 60, fault: { kind: 'pause', node: 'g2' } },
    ];
    const r = await run({ ...base, loss: 0.1, duplicate: 0.02, faults });
    expect(faultsAt(r.trace, 0)).toEqual([{ kind: 'network-faults', loss: 0.1, duplicate: 0.02 }]);
    expect(r.recoveryStartsAt).toBe(200);
    expect(r.endsAt).toBe(300);
    expect(r.stoppedBy).toBeUndefined();
    expect(r.recoveryFaults).toEqual([
      { kind: 'heal' },
      { kind: 'link-faults-clear' },
      { kind: 'network-faults', loss: 0, duplicate: 0 },
      { kind: 'restart', node: 'g1' },
      { kind: 'resume', node: 'g2' },
    ]);
    expect(faultsAt(r.trace, 200)).toEqual(r.recoveryFaults);
    // g1 was down from 50 to 200 ms: fewer ticks than g3, which ran throughout; storage survived the crash.
    expect(r.final.counts.g1!).toBeGreaterThan(4);
    expect(r.final.counts.g1!).toBeLessThan(r.final.counts.g3! - 10);
    expect(r.notes.some((e) => e.kind === 'note' && e.node === 'g1' && e.t > 200)).toBe(true);
  });

  it('leaves nodes kept down crashed through recovery', async () => {
    const faults: TimedFault[] = [{ at: 50, fault: { kind: 'crash', node: 'g1' } }, { at: 50, fault: { kind: 'crash', node: 'g2' } }];
    const r = await run({ ...base, faults }, { keepDown: ['g2'] });
    expect(r.recoveryFaults.filter((f) => f.kind === 'restart')).toEqual([{ kind: 'restart', node: 'g1' }]);
    expect(r.notes.filter((e) => e.kind === 'note' && e.node === 'g2' && e.t > 50)).toEqual([]);
    expect(r.notes.some((e) => e.kind === 'note' && e.node === 'g1' && e.t > 200)).toBe(true);
  });

  it('ends at the first stop, keeps its reason, and injects no recovery faults when stopped before recovery', async () => {
    const r = await run(base, { stopAtTick: 5 });
    expect(r.stoppedBy).toMatch(/^g\d reached 5$/);
    expect(r.endsAt).toBeLessThan(r.recoveryStartsAt);
    expect(r.recoveryFaults).toEqual([]);
  });

  it('gives the same trace for the same scenario, and plans exactly the recovery faults a run injects', async () => {
    const node = fc.constantFrom(...ids);
    const fault = fc.oneof(
      node.map((n): Fault => ({ kind: 'crash', node: n })),
      node.map((n): Fault => ({ kind: 'restart', node: n })),
      node.map((n): Fault => ({ kind: 'pause', node: n })),
      node.map((n): Fault => ({ kind: 'resume', node: n })),
      fc.tuple(node, node).map(([from, to]): Fault => ({ kind: 'hold', from, to })),
    );
    const schedules = fc.sample(fc.array(fc.record({ at: fc.integer({ min: 0, max: 190 }), fault }), { maxLength: 8 }), { seed: 11, numRuns: 40 });
    for (const unsorted of schedules) {
      const scenario = { ...base, faults: [...unsorted].sort((a, b) => a.at - b.at), keepDown: ['g3'] };
      const r = await run(scenario);
      const planned = plannedRecovery(scenario, ids);
      expect(r.recoveryFaults).toEqual(planned.faults);
      expect(planned.keptDown).toEqual(r.final.status.g3 === 'crashed' ? ['g3'] : []);
      expect(Object.entries(r.final.status).filter(([id, st]) => id !== 'g3' && st !== 'up')).toEqual([]);
      expect((await run(scenario)).trace.toArray()).toEqual(r.trace.toArray());
    }
  });
});
