/**
 * The multi-leader cluster (`fifo-once`) with the reference routing and apply rule: every topology
 * under random faults satisfies all five properties; the ring repair closes the ring in one event and
 * the path rule stops an update of the dead leader at once, while origin-only tagging loops; applying
 * on arrival in all-to-all breaks causal order when a link is held; an answer naming a leader without a
 * link stops the run as a learner problem; same seed, same trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTopologyRun } from '../../harness/checkers/index.ts';
import { referenceRoute, referenceTopologyHooks, runMultiLeader, type MultiLeaderScenario, type TopologyHooks } from '../../harness/cluster/index.ts';
import type { Topology } from '../../harness/exercise/index.ts';
import type { Fault, TimedFault } from '../../harness/sim/index.ts';

const leaders4 = ['n1', 'n2', 'n3', 'n4'];
const TOPOLOGIES: readonly Topology[] = [
  { kind: 'circular', ring: ['n2', 'n4', 'n1', 'n3'] },
  { kind: 'star', hub: 'n3', leaves: ['n1', 'n2', 'n4'] },
  { kind: 'all-to-all', leaders: leaders4 },
];

const base = (topology: Topology, over: Partial<MultiLeaderScenario> = {}): MultiLeaderScenario => ({
  seed: 1,
  latency: { min: 1, max: 8 },
  loss: 0.03,
  duplicate: 0.01,
  reorder: 0.05,
  faults: [],
  faultPhaseMs: 500,
  delivery: 'fifo-once',
  leaders: 4,
  topology,
  writesPerClient: 4,
  steps: [],
  scriptedClients: [],
  ...over,
});

const node = fc.constantFrom(...leaders4);
const fault: fc.Arbitrary<Fault> = fc.oneof(
  node.map((n): Fault => ({ kind: 'crash', node: n })),
  node.map((n): Fault => ({ kind: 'restart', node: n })),
  node.map((n): Fault => ({ kind: 'pause', node: n })),
  node.map((n): Fault => ({ kind: 'resume', node: n })),
  node.map((n): Fault => ({ kind: 'partition', sides: [[n, `c${n.slice(1)}`], leaders4.filter((x) => x !== n)] })),
  fc.constant<Fault>({ kind: 'heal' }),
);
const faults = fc.array(fc.record({ at: fc.integer({ min: 0, max: 450 }), fault }), { maxLength: 6 }).map((fs: TimedFault[]) => [...fs].sort((a, b) => a.at - b.at));

const originOnly: TopologyHooks = {
  ...referenceTopologyHooks,
  route: async (update, self, topology) => {
    if (update.path.length > 0 && update.origin === self) return { ok: true, value: { ignore: true } };
    return { ok: true, value: referenceRoute({ origin: update.origin, path: [] }, self, topology).ignore ? { ignore: true } : { ignore: false, sendTo: topology.kind === 'circular' ? [topology.ring[(topology.ring.indexOf(self) + 1) % topology.ring.length]!] : [] } };
  },
};

/** Leader K's burst crosses S, held on S → X; K crashes once S has it; the ring closes without K; S → X is released. */
const ringRepair = (): MultiLeaderScenario =>
  base({ kind: 'circular', ring: leaders4 }, {
    keepDown: ['n1'],
    scriptedClients: ['c1'],
    faultPhaseMs: 700,
    links: { 'n1->n2': { reorder: 0.3 } },
    steps: [
      { when: { atMs: 0 }, action: { kind: 'fault', fault: { kind: 'hold', from: 'n2', to: 'n3' } } },
      { when: { atMs: 10 }, action: { kind: 'write', client: 'c1', op: 'insert' } },
      { when: { atMs: 10 }, action: { kind: 'write', client: 'c1', op: 'add' } },
      { when: { atMs: 10 }, action: { kind: 'write', client: 'c1', op: 'add' } },
      { when: { applied: 'n1-3', at: 'n2' }, action: { kind: 'fault', fault: { kind: 'crash', node: 'n1' } } },
      { when: { step: 4 }, afterMs: 20, action: { kind: 'ring-repair', removed: 'n1' } },
      { when: { step: 5 }, afterMs: 40, action: { kind: 'fault', fault: { kind: 'release', from: 'n2', to: 'n3' } } },
    ],
  });

describe('runMultiLeader (fifo-once) with the reference hooks', () => {
  for (const topology of TOPOLOGIES)
    it(`${topology.kind}: every property holds under random crashes, pauses and partitions`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 1e6 }), faults, async (seed, fs) => {
          const run = await runMultiLeader(base(topology, { seed, faults: fs }), referenceTopologyHooks, { trace: false });
          expect(run.stoppedBy).toBeUndefined();
          expect(checkTopologyRun(run).filter((v) => !v.ok || v.notJudged).map((v) => `${v.property}: ${v.explanation}`)).toEqual([]);
          // Every write was applied by every leader: nothing lost when no leader stays down.
          for (const f of run.final) expect(f.log.length).toBe(run.final[0]!.log.length);
        }),
        { numRuns: 25, seed: 7 },
      );
    }, 60_000);

  it('the ring repair closes the ring in one event; the path rule drops the dead leader\'s copies and says what was lost', async () => {
    const run = await runMultiLeader(ringRepair(), referenceTopologyHooks);
    expect(run.finalTopology).toEqual({ kind: 'circular', ring: ['n2', 'n3', 'n4'] });
    const verdicts = checkTopologyRun(run);
    expect(verdicts.filter((v) => !v.ok).map((v) => v.explanation)).toEqual([]);
    const names = run.notes.flatMap((e) => (e.kind === 'note' ? [e.name] : []));
    expect(names).toContain('ml-repair');
    expect(names).toContain('ml-catch-up');
    // n1's burst went on from n2 once released, and stopped at n4: the next leader, n2, is on its path.
    const enqueued = (node: string): boolean => run.notes.some((e) => e.kind === 'note' && e.name === 'ml-enqueue' && e.node === node && (e.data as { update: string }).update === 'n1-1');
    expect([enqueued('n2'), enqueued('n3'), enqueued('n4')]).toEqual([true, true, false]);
  });

  it('origin-only tagging (MySQL server_id) lets the dead leader\'s update circulate: applied twice and looped', async () => {
    const run = await runMultiLeader(ringRepair(), originOnly, { trace: false });
    expect(run.stoppedBy).toMatchObject({ kind: 'loop' });
    const broken = checkTopologyRun(run).filter((v) => !v.ok).map((v) => v.property);
    expect(broken).toEqual(expect.arrayContaining(['applied-once', 'no-loop']));
  });

  it('applying on arrival in all-to-all breaks causal order when the insert is held back', async () => {
    const onArrival: TopologyHooks = { ...referenceTopologyHooks, canApply: async () => ({ ok: true, value: true }) };
    const scenario = base(TOPOLOGIES[2]!, {
      scriptedClients: ['c1', 'c2', 'c3', 'c4'],
      steps: [
        { when: { atMs: 0 }, action: { kind: 'fault', fault: { kind: 'hold', from: 'n1', to: 'n3' } } },
        { when: { atMs: 5 }, action: { kind: 'write', client: 'c1', op: 'insert' } },
        { when: { applied: 'n1-1', at: 'n2' }, action: { kind: 'write', client: 'c2', op: 'add' } },
        { when: { routed: 'n2-1', at: 'n3' }, afterMs: 30, action: { kind: 'fault', fault: { kind: 'release', from: 'n1', to: 'n3' } } },
      ],
    });
    const reference = checkTopologyRun(await runMultiLeader(scenario, referenceTopologyHooks, { trace: false }));
    expect(reference.filter((v) => !v.ok)).toEqual([]);
    const broken = checkTopologyRun(await runMultiLeader(scenario, onArrival, { trace: false })).find((v) => v.property === 'causal-order')!;
    expect(broken.ok).toBe(false);
    expect(broken.explanation).toMatch(/^n3 applied n2-1 \(add \d to c1-r1\) at t=\d+ ms before n1-1 \(insert c1-r1\), which n2 had applied before writing n2-1: the add found no row/);
  });

  it('a route answer naming a leader without a link stops the run as a learner problem, naming the link', async () => {
    const everyone: TopologyHooks = { ...referenceTopologyHooks, route: async (u, self) => ({ ok: true, value: u.path.includes(self) ? { ignore: true } : { ignore: false, sendTo: leaders4.filter((l) => l !== self) } }) };
    const run = await runMultiLeader(base(TOPOLOGIES[0]!), everyone, { trace: false });
    expect(run.stoppedBy).toMatchObject({ kind: 'learner', fn: 'route' });
    expect((run.stoppedBy as { problem: string }).problem).toMatch(/in this circular \[n2, n4, n1, n3\] topology n\d sends only to n\d, not to n\d/);
  });

  it('is deterministic: same scenario, same trace', async () => {
    const a = await runMultiLeader(ringRepair(), referenceTopologyHooks);
    const b = await runMultiLeader(ringRepair(), referenceTopologyHooks);
    expect(JSON.stringify([...a.trace])).toBe(JSON.stringify([...b.trace]));
  });
});
