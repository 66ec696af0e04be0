/**
 * The scenario families of the CRDT gossip runs (§1.6), shared by crdt-counters and or-set: two
 * sides updating apart and healing (`split-replicas`), a replica merging a copy older than its own
 * after local updates (`stale-gossip`), a network that duplicates and reorders (`dup-reorder`), random
 * faults (`random`), and for the set an add a concurrent remove had not seen (`concurrent-add-remove`).
 * The targeted families script their ops and key their faults to the harness's record.
 */
import fc from 'fast-check';
import { clientOf, describeGossipStep, describeTopology, leaderIds, linksFrom, plannedRecovery, type GossipScenario, type GossipStep } from '../../../cluster/index.ts';
import type { Fault, TimedFault } from '../../../sim/index.ts';
import { describeSpec, networkOf, networkParts, scheduleLines, type NetworkSpec } from '../../scenario-kit.ts';
import { fitFaults, randomLeaderFaults, topologyOf, withClients, type TopologyKind } from '../multi-leader/spec.ts';

export interface GossipSpecCommon extends NetworkSpec {
  readonly replicas: number;
  readonly writesPerClient: number;
  readonly lossPct: number;
  readonly topology: TopologyKind;
  /** Ranks the replicas: the ring, the hub, and who plays which part. */
  readonly order: readonly number[];
}

export type GossipSpec =
  /** The ranked first `side` replicas cut off from the rest at `at` for `splitFor` ms, both sides updating. */
  | (GossipSpecCommon & { readonly family: 'split-replicas'; readonly at: number; readonly splitFor: number; readonly side: number })
  /** Y's ops; once X knows them, X → Y is held; Y's later ops; released once X has sent Y a state during the hold and Y knows its later ops. */
  | (GossipSpecCommon & { readonly family: 'stale-gossip' })
  | (GossipSpecCommon & { readonly family: 'dup-reorder' })
  | (GossipSpecCommon & { readonly family: 'random'; readonly faults: readonly TimedFault[] })
  /** The set's add-wins case: an add everyone knows, a split, a remove on one side and a fresh add on the other, a second item removed on both. */
  | (GossipSpecCommon & { readonly family: 'concurrent-add-remove' });

/** The scripted ops of `stale-gossip`: Y's first ops, and those it makes while X's older copy is held. */
export interface StaleOps {
  readonly first: readonly string[];
  readonly later: readonly string[];
}

interface Limits {
  readonly lossPct: number;
  readonly writesMax: number;
  readonly randomFaultsMax: number;
  /** Whether the set's `concurrent-add-remove` family is drawn. */
  readonly addRemove: boolean;
}

const MAX_REPLICAS = 5;

function families(limits: Limits): fc.Arbitrary<GossipSpec> {
  const network = networkParts({ latencyMax: 10, lossPct: limits.lossPct });
  const common = (min = 3) => ({
    seed: network.seed,
    replicas: fc.integer({ min, max: MAX_REPLICAS }),
    writesPerClient: fc.integer({ min: 2, max: limits.writesMax }),
    latencyMax: network.latencyMax,
    lossPct: network.lossPct,
    topology: fc.constantFrom<TopologyKind>('circular', 'star', 'all-to-all'),
    order: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: MAX_REPLICAS, maxLength: MAX_REPLICAS }),
  });
  const split = fc.record({ family: fc.constant('split-replicas' as const), ...common(), at: fc.integer({ min: 0, max: 150 }), splitFor: fc.integer({ min: 100, max: 400 }), side: fc.integer({ min: 1, max: 2 }) });
  const stale = fc.record({ family: fc.constant('stale-gossip' as const), ...common() });
  const dup = fc.record({ family: fc.constant('dup-reorder' as const), ...common() });
  const random = fc.record({ family: fc.constant('random' as const), ...common(), faults: randomLeaderFaults(limits.randomFaultsMax) });
  const addRemove = fc.record({ family: fc.constant('concurrent-add-remove' as const), ...common() });
  const arbitraries = [
    ...(limits.addRemove ? [{ arbitrary: addRemove as fc.Arbitrary<GossipSpec>, weight: 3 }] : []),
    { arbitrary: split as fc.Arbitrary<GossipSpec>, weight: limits.addRemove ? 2 : 3 },
    { arbitrary: stale as fc.Arbitrary<GossipSpec>, weight: 2 },
    { arbitrary: dup as fc.Arbitrary<GossipSpec>, weight: 1 },
    { arbitrary: random as fc.Arbitrary<GossipSpec>, weight: 2 },
  ];
  return fc.oneof(...arbitraries);
}

/** The public and hidden tiers' specs; `addRemove` adds the set's own family. */
export function gossipSpecArbitraries(addRemove: boolean): { readonly public: fc.Arbitrary<GossipSpec>; readonly hidden: fc.Arbitrary<GossipSpec> } {
  return {
    public: families({ lossPct: 5, writesMax: 5, randomFaultsMax: 6, addRemove }),
    hidden: families({ lossPct: 10, writesMax: 5, randomFaultsMax: 9, addRemove }),
  };
}

/** The run's replicas in the spec's order (ties by number). */
export function rankedReplicas(spec: GossipSpecCommon): string[] {
  return leaderIds(spec.replicas)
    .map((id, i) => ({ id, rank: spec.order[i] ?? 0, i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.id);
}

const FAULT_PHASE_MS = 600;

/** The scenario a spec stands for; `stale` names the ops of `stale-gossip`. */
export function buildGossipScenario(spec: GossipSpec, stale: StaleOps): GossipScenario {
  const ranked = rankedReplicas(spec);
  const topology = topologyOf(spec.topology, { ...spec, leaders: spec.replicas });
  const replicas = leaderIds(spec.replicas);
  const base = { seed: spec.seed, ...networkOf(spec), replicas: spec.replicas, topology, writesPerClient: spec.writesPerClient, faultPhaseMs: FAULT_PHASE_MS, faults: [] as TimedFault[], steps: [] as GossipStep[], scriptedClients: [] as string[] };
  const fault = (f: Fault) => ({ kind: 'fault' as const, fault: f });
  switch (spec.family) {
    case 'split-replicas': {
      const side = ranked.slice(0, Math.min(spec.side, spec.replicas - 1));
      const rest = replicas.filter((r) => !side.includes(r));
      const faults: TimedFault[] = [
        { at: spec.at, fault: { kind: 'partition', sides: [withClients(side), withClients(rest)] } },
        { at: spec.at + spec.splitFor, fault: { kind: 'heal' } },
      ];
      return { ...base, faults, faultPhaseMs: Math.max(FAULT_PHASE_MS, spec.at + spec.splitFor + 100) };
    }
    case 'stale-gossip': {
      // Y is the first-ranked replica, X one that has a link to it (in a star, the hub or Y's hub).
      const y = ranked[0]!;
      const x = ranked.find((r) => r !== y && linksFrom(topology, r).includes(y))!;
      const c = clientOf(y);
      const n = stale.first.length;
      const firstIds = stale.first.map((_, i) => `${c}-${i + 1}`);
      const laterIds = stale.later.map((_, i) => `${c}-${n + i + 1}`);
      const steps: GossipStep[] = [
        ...stale.first.map((op): GossipStep => ({ when: { atMs: 5 }, action: { kind: 'write', client: c, op } })),
        { when: [{ knows: firstIds, at: x }], action: fault({ kind: 'hold', from: x, to: y }) },
        ...stale.later.map((op): GossipStep => ({ when: [{ step: n }], action: { kind: 'write', client: c, op } })),
        { when: [{ sent: { from: x, to: y }, since: n }, { knows: laterIds, at: y }], afterMs: 10, action: fault({ kind: 'release', from: x, to: y }) },
        { when: [{ step: n + stale.later.length + 1 }], action: { kind: 'start-clients' } },
      ];
      return { ...base, steps, scriptedClients: [c] };
    }
    case 'dup-reorder':
      return { ...base, loss: 0.05, duplicate: 0.2, reorder: 0.2 };
    case 'random':
      return { ...base, faults: fitFaults(spec.faults, spec.replicas) };
    case 'concurrent-add-remove': {
      const [a, b] = [ranked[0]!, ranked[1]!];
      const [ca, cb] = [clientOf(a), clientOf(b)];
      const others = replicas.filter((r) => r !== a);
      const steps: GossipStep[] = [
        { when: { atMs: 5 }, action: { kind: 'write', client: ca, op: 'add milk' } },
        { when: { atMs: 5 }, action: { kind: 'write', client: ca, op: 'add eggs' } },
        { when: [{ knows: [`${ca}-1`, `${ca}-2`], at: 'all' }], action: fault({ kind: 'partition', sides: [withClients([a]), withClients(others)] }) },
        { when: [{ step: 2 }], action: { kind: 'write', client: ca, op: 'remove milk' } },
        { when: [{ step: 2 }], action: { kind: 'write', client: ca, op: 'remove eggs' } },
        { when: [{ step: 2 }], action: { kind: 'write', client: cb, op: 'add milk' } },
        { when: [{ step: 2 }], action: { kind: 'write', client: cb, op: 'remove eggs' } },
        { when: [{ knows: [`${ca}-3`, `${ca}-4`], at: a }, { knows: [`${cb}-1`, `${cb}-2`], at: b }], afterMs: 20, action: fault({ kind: 'heal' }) },
        { when: [{ step: 7 }], action: { kind: 'start-clients' } },
      ];
      return { ...base, steps, scriptedClients: replicas.map(clientOf) };
    }
  }
}

/** The spec in one line, and the schedule as a failure prints it: scripted steps, faults, recovery. */
export function describeGossip(spec: GossipSpec, scenario: GossipScenario): { parameters: string; schedule: string[] } {
  const nodes = [...leaderIds(scenario.replicas), ...leaderIds(scenario.replicas).map(clientOf)];
  const network = scenario.duplicate >= 0.2 ? [`network: loss ${Math.round(scenario.loss * 100)}%, duplicate ${Math.round(scenario.duplicate * 100)}%, reorder ${Math.round(scenario.reorder * 100)}%`] : [];
  return {
    parameters: `${describeSpec(spec, { omit: ['faults', 'order', 'topology'] })}; ${describeTopology(scenario.topology)}`,
    schedule: [...network, ...scenario.steps.map((s, i) => `step ${i + 1}: ${describeGossipStep(s)}`), ...scheduleLines(scenario, plannedRecovery(scenario, nodes))],
  };
}
