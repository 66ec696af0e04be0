/**
 * The five topology properties on real multi-leader runs: each holds for the reference routing and
 * apply rule, and each breaks, explained in words, for a rule that breaks it; a run stopped early
 * judges the end state of nothing (every-update-everywhere and leaders-converge are not judged).
 */
import { describe, expect, it } from 'vitest';
import { checkTopologyRun, TOPOLOGY_PROPERTIES, type TopologyPropertyName } from '../../harness/checkers/index.ts';
import { referenceTopologyHooks, runMultiLeader, type MultiLeaderScenario, type TopologyHooks } from '../../harness/cluster/index.ts';
import type { Topology } from '../../harness/exercise/index.ts';

const scenario = (topology: Topology, over: Partial<MultiLeaderScenario> = {}): MultiLeaderScenario => ({
  seed: 3,
  latency: { min: 1, max: 6 },
  loss: 0,
  duplicate: 0,
  reorder: 0.05,
  faults: [],
  faultPhaseMs: 400,
  delivery: 'fifo-once',
  leaders: 3,
  topology,
  writesPerClient: 3,
  steps: [],
  scriptedClients: [],
  ...over,
});
const star: Topology = { kind: 'star', hub: 'n1', leaves: ['n2', 'n3'] };
const all: Topology = { kind: 'all-to-all', leaders: ['n1', 'n2', 'n3'] };

const verdictOf = async (s: MultiLeaderScenario, hooks: TopologyHooks, property: TopologyPropertyName) => {
  const run = await runMultiLeader(s, hooks, { trace: false });
  return checkTopologyRun(run).find((v) => v.property === property)!;
};

describe('topology properties', () => {
  it('are five, in the order they are reported', () => {
    expect(TOPOLOGY_PROPERTIES.map((p) => p.name)).toEqual(['every-update-everywhere', 'causal-order', 'applied-once', 'no-loop', 'leaders-converge']);
  });

  it('every-update-everywhere: holds for the reference; a hub that never relays leaves a leaf without a copy', async () => {
    expect((await verdictOf(scenario(star), referenceTopologyHooks, 'every-update-everywhere')).ok).toBe(true);
    const lazyHub: TopologyHooks = { ...referenceTopologyHooks, route: async (u, self) => ({ ok: true, value: u.path.includes(self) ? { ignore: true } : { ignore: false, sendTo: u.path.length > 0 ? [] : self === 'n1' ? ['n2', 'n3'] : ['n1'] } }) };
    const v = await verdictOf(scenario(star), lazyHub, 'every-update-everywhere');
    expect(v.ok).toBe(false);
    expect(v.explanation).toMatch(/^n\d never applied n\d-\d \([a-z].*\): no copy was sent to n\d \(it was sent on n\d → n1\)$/);
  });

  it('every-update-everywhere: an update held back for ever is named with the answer that held it', async () => {
    const never: TopologyHooks = { ...referenceTopologyHooks, canApply: async (u, applied) => ({ ok: true, value: Object.entries(u.deps).every(([k, n]) => n < (applied[k] ?? 0)) }) };
    const v = await verdictOf(scenario(all), never, 'every-update-everywhere');
    expect(v.ok).toBe(false);
    expect(v.explanation).toMatch(/it has waited in n\d's buffer since t=\d+ ms because canApply said false with applied \{.*\} and deps \{.*\}$/);
    expect((await verdictOf(scenario(all), never, 'leaders-converge')).ok).toBe(false);
  });

  it('leaders-converge: holds for the reference and names two leaders that differ', async () => {
    expect((await verdictOf(scenario(all), referenceTopologyHooks, 'leaders-converge')).ok).toBe(true);
    const onArrival: TopologyHooks = { ...referenceTopologyHooks, canApply: async () => ({ ok: true, value: true }) };
    const held = scenario(all, {
      scriptedClients: ['c1', 'c2', 'c3'],
      steps: [
        { when: { atMs: 0 }, action: { kind: 'fault', fault: { kind: 'hold', from: 'n1', to: 'n3' } } },
        { when: { atMs: 5 }, action: { kind: 'write', client: 'c1', op: 'insert' } },
        { when: { applied: 'n1-1', at: 'n2' }, action: { kind: 'write', client: 'c2', op: 'add' } },
        { when: { routed: 'n2-1', at: 'n3' }, afterMs: 30, action: { kind: 'fault', fault: { kind: 'release', from: 'n1', to: 'n3' } } },
      ],
    });
    const v = await verdictOf(held, onArrival, 'leaders-converge');
    expect(v.ok).toBe(false);
    expect(v.explanation).toMatch(/^at the end n1 holds \{.*\} but n3 holds \{.*\}$/);
  });

  it('a run stopped by an unusable answer judges no end state', async () => {
    const bad: TopologyHooks = { ...referenceTopologyHooks, canApply: async () => ({ ok: true, value: 'yes' }) };
    const run = await runMultiLeader(scenario(all), bad, { trace: false });
    expect(run.stoppedBy).toMatchObject({ kind: 'learner', fn: 'canApply' });
    const verdicts = checkTopologyRun(run);
    expect(verdicts.filter((v) => v.notJudged !== undefined).map((v) => v.property)).toEqual(['every-update-everywhere', 'leaders-converge']);
  });
});
