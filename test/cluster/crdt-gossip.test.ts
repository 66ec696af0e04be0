/**
 * The CRDT gossip cluster (`state` mode) with reference PN-Counter functions: a stale copy merged
 * after newer updates, a split and heal, and random faults keep every value equal to the updates the
 * harness recorded, and replicas converge; a merge that sums double-counts and is caught; the step
 * keyed to the record fires before the fallback; same seed, same trace.
 */
import { describe, expect, it } from 'vitest';
import { checkGossipRun, gossipRecord, PN_REFERENCE, pnCounterProblem, samePNCounter, type GossipMeaning } from '../../harness/checkers/index.ts';
import { runGossip, type GossipCrdt } from '../../harness/cluster/index.ts';
import type { PNCounter } from '../../harness/exercise/index.ts';
import { buildGossipScenario, type GossipSpec } from '../../harness/curriculum/workloads/crdt-gossip/spec.ts';

const crdt = (merge: (a: PNCounter, b: PNCounter) => PNCounter): GossipCrdt => {
  const fns: Record<string, (...a: never[]) => unknown> = { pnIncrement: PN_REFERENCE.increment, pnDecrement: PN_REFERENCE.decrement, pnMerge: merge, pnValue: PN_REFERENCE.value };
  return {
    initial: { inc: {}, dec: {} },
    mergeFn: 'pnMerge',
    valueFn: 'pnValue',
    opCall: (w, r, s) => {
      const kind = w.op === 'increment' || w.op === 'decrement' ? w.op : w.draws[0] < 0.5 ? 'increment' : 'decrement';
      return { fn: kind === 'increment' ? 'pnIncrement' : 'pnDecrement', args: [s, r], record: { id: w.id, kind } };
    },
    stateProblem: pnCounterProblem,
    valueProblem: () => null,
    equivalent: (a, b) => samePNCounter(a as PNCounter, b as PNCounter),
    size: (x) => Object.keys((x as PNCounter).inc).length + Object.keys((x as PNCounter).dec).length,
    call: async (fn, args) => ({ ok: true, value: fns[fn]!(...(args as never[])) }),
  };
};
const meaning: GossipMeaning<number> = {
  valueOf: (s) => PN_REFERENCE.value(s as PNCounter),
  expected: (ops) => (ops as { kind: string }[]).reduce((n, o) => n + (o.kind === 'increment' ? 1 : -1), 0),
  same: (a, b) => a === b,
  show: String,
  showSeen: (ops) => `${ops.length} ops`,
  equivalent: (a, b) => samePNCounter(a as PNCounter, b as PNCounter),
  showState: (s) => JSON.stringify(s),
};
const STALE = { first: ['increment', 'increment'], later: ['decrement', 'decrement'] };
const common = { seed: 7, replicas: 4, writesPerClient: 3, latencyMax: 6, lossPct: 3, order: [3, 1, 4, 0, 2] };
const specs: GossipSpec[] = [
  { ...common, family: 'stale-gossip', topology: 'circular' },
  { ...common, family: 'split-replicas', topology: 'star', at: 40, splitFor: 300, side: 2 },
  { ...common, family: 'dup-reorder', topology: 'all-to-all' },
  { ...common, family: 'random', topology: 'circular', faults: [{ at: 30, fault: { kind: 'crash', node: 'n2' } }, { at: 200, fault: { kind: 'restart', node: 'n2' } }] },
];

describe('the CRDT gossip cluster', () => {
  it.each(specs.map((s) => [s.family, s] as const))('%s: every value matches the recorded updates, and replicas converge', async (_family, spec) => {
    const run = await runGossip(buildGossipScenario(spec, STALE), crdt(PN_REFERENCE.merge), { trace: false });
    expect(run.stoppedBy).toBeUndefined();
    expect(checkGossipRun(run, gossipRecord(run, 'pnValue'), meaning).filter((v) => !v.ok)).toEqual([]);
    expect(new Set(run.final.map((f) => JSON.stringify(f.state))).size).toBe(1);
  });

  it("stale-gossip holds X → Y once X knows Y's first ops, and releases it after Y decremented, before the fallback", async () => {
    const run = await runGossip(buildGossipScenario(specs[0]!, STALE), crdt(PN_REFERENCE.merge), { trace: false });
    const faults = run.notes.filter((e) => e.kind === 'fault').map((e) => ({ t: e.t, kind: (e as { fault: { kind: string } }).fault.kind }));
    const hold = faults.find((f) => f.kind === 'hold');
    const release = faults.find((f) => f.kind === 'release');
    expect(hold).toBeDefined();
    expect(release!.t).toBeGreaterThan(hold!.t);
    expect(release!.t).toBeLessThan(run.recoveryStartsAt);
  });

  it('a merge that sums counts shared history twice', async () => {
    const sum = (a: PNCounter, b: PNCounter): PNCounter => {
      const add = (x: Record<string, number>, y: Record<string, number>) => Object.fromEntries([...new Set([...Object.keys(x), ...Object.keys(y)])].map((k) => [k, (x[k] ?? 0) + (y[k] ?? 0)]));
      return { inc: add(a.inc, b.inc), dec: add(a.dec, b.dec) };
    };
    const run = await runGossip(buildGossipScenario(specs[2]!, STALE), crdt(sum), { trace: false });
    const broken = checkGossipRun(run, gossipRecord(run, 'pnValue'), meaning).find((v) => !v.ok);
    expect(broken?.property).toBe('values-match-updates-seen');
    expect(broken?.explanation).toMatch(/^after n\d merged n\d's state at t=\d+ ms/);
  });

  it('same seed, same trace', async () => {
    const a = await runGossip(buildGossipScenario(specs[1]!, STALE), crdt(PN_REFERENCE.merge));
    const b = await runGossip(buildGossipScenario(specs[1]!, STALE), crdt(PN_REFERENCE.merge));
    expect(JSON.stringify([...b.trace])).toBe(JSON.stringify([...a.trace]));
  });
});
