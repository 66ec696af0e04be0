/**
 * The topology-routing scenario families. Targeted families force their bug with scripted steps keyed
 * to the record: `overtaking` (all-to-all: an add reaches a leader before the insert it depends on),
 * `ring-repair` (a dead leader's update still travelling once the ring has closed without it: the
 * MySQL `server_id` case); the others put a slow link in all-to-all, break a ring, take a star's hub
 * out, or draw random faults over any topology.
 */
import fc from 'fast-check';
import { clientOf, leaderIds, type MultiLeaderScenario, type ScriptedStep } from '../../cluster/index.ts';
import type { Fault } from '../../sim/index.ts';
import { describeSpec, networkOf } from '../scenario-kit.ts';
import { commonParts, fitFaults, rankedLeaders, randomLeaderFaults, topologyOf, withClients, type MultiLeaderSpecCommon, type TopologyKind } from '../workloads/multi-leader/spec.ts';

export type TopologySpec =
  /** All-to-all; A's insert is held on A → C, B adds to the row once it has the insert, and only then do the others write; A → C is released after C has B's add. */
  | (MultiLeaderSpecCommon & { readonly family: 'overtaking'; readonly releaseAfter: number })
  /** All-to-all with one slow directed link. */
  | (MultiLeaderSpecCommon & { readonly family: 'slow-link'; readonly slowMs: number })
  /** A ring with one leader crashed or paused for a while, and a lossy link. */
  | (MultiLeaderSpecCommon & { readonly family: 'ring-break'; readonly crash: boolean; readonly at: number; readonly downFor: number; readonly lossyPct: number })
  /** A ring; K writes a burst that S holds back from X; K crashes for good once S has three of it, and the ring closes without K. */
  | (MultiLeaderSpecCommon & { readonly family: 'ring-repair' })
  /** A star whose hub crashes or pauses, or one of whose leaves is cut off, for a while. */
  | (MultiLeaderSpecCommon & { readonly family: 'hub-outage'; readonly outage: 'crash' | 'pause' | 'partition-leaf'; readonly at: number; readonly downFor: number })
  /** Any topology, random faults. */
  | (MultiLeaderSpecCommon & { readonly family: 'random'; readonly topology: TopologyKind; readonly faults: readonly { at: number; fault: Fault }[] });

interface Limits {
  readonly lossPct: number;
  readonly writesMax: number;
  readonly randomFaultsMax: number;
}

function families(limits: Limits) {
  const common = (leaders: { min: number; max: number }) => commonParts({ leaders, writes: { min: 2, max: limits.writesMax }, latencyMax: 10, lossPct: limits.lossPct });
  const overtaking = fc.record({ family: fc.constant('overtaking' as const), ...common({ min: 3, max: 5 }), releaseAfter: fc.integer({ min: 20, max: 200 }) });
  const slowLink = fc.record({ family: fc.constant('slow-link' as const), ...common({ min: 3, max: 5 }), slowMs: fc.integer({ min: 40, max: 120 }) });
  const ringBreak = fc.record({
    family: fc.constant('ring-break' as const),
    ...common({ min: 3, max: 5 }),
    crash: fc.boolean(),
    at: fc.integer({ min: 0, max: 200 }),
    downFor: fc.integer({ min: 100, max: 400 }),
    lossyPct: fc.integer({ min: 10, max: 60 }),
  });
  const ringRepair = fc.record({ family: fc.constant('ring-repair' as const), ...common({ min: 4, max: 5 }) });
  const hubOutage = fc.record({
    family: fc.constant('hub-outage' as const),
    ...common({ min: 3, max: 5 }),
    outage: fc.constantFrom('crash' as const, 'pause' as const, 'partition-leaf' as const),
    at: fc.integer({ min: 0, max: 200 }),
    downFor: fc.integer({ min: 100, max: 400 }),
  });
  const random = fc.record({
    family: fc.constant('random' as const),
    ...common({ min: 2, max: 5 }),
    topology: fc.constantFrom<TopologyKind>('circular', 'star', 'all-to-all'),
    faults: randomLeaderFaults(limits.randomFaultsMax),
  });
  // Weights: every targeted family is drawn often enough to appear in any 40 schedules (a test holds the tiers' seeds to it).
  return fc.oneof(
    { arbitrary: overtaking, weight: 3 },
    { arbitrary: slowLink, weight: 2 },
    { arbitrary: ringBreak, weight: 2 },
    { arbitrary: ringRepair, weight: 2 },
    { arbitrary: hubOutage, weight: 2 },
    { arbitrary: random, weight: 2 },
  ) as fc.Arbitrary<TopologySpec>;
}

export const topologySpecArbitrary: fc.Arbitrary<TopologySpec> = families({ lossPct: 5, writesMax: 6, randomFaultsMax: 6 });
/** The instructor's hidden tier: the same families, lossier, with more random faults. */
export const hiddenTopologySpecArbitrary: fc.Arbitrary<TopologySpec> = families({ lossPct: 10, writesMax: 6, randomFaultsMax: 9 });

const FAULT_PHASE_MS = 600;

export function buildTopologyScenario(spec: TopologySpec): MultiLeaderScenario {
  const ranked = rankedLeaders(spec);
  const leaders = leaderIds(spec.leaders);
  const base = {
    seed: spec.seed,
    ...networkOf(spec),
    delivery: 'fifo-once' as const,
    leaders: spec.leaders,
    writesPerClient: spec.writesPerClient,
    faultPhaseMs: FAULT_PHASE_MS,
  };
  const none = { faults: [], steps: [] as ScriptedStep[], scriptedClients: [] as string[] };
  const fault = (f: Fault) => ({ kind: 'fault' as const, fault: f });
  switch (spec.family) {
    case 'overtaking': {
      const [a, b, c] = [ranked[0]!, ranked[1]!, ranked[2]!];
      const steps: ScriptedStep[] = [
        { when: { atMs: 0 }, action: fault({ kind: 'hold', from: a, to: c }) },
        { when: { atMs: 5 }, action: { kind: 'write', client: clientOf(a), op: 'insert' } },
        { when: { applied: `${a}-1`, at: b }, action: { kind: 'write', client: clientOf(b), op: 'add' } },
        { when: { applied: `${b}-1`, at: b }, action: { kind: 'start-clients' } },
        { when: { routed: `${b}-1`, at: c }, afterMs: spec.releaseAfter, action: fault({ kind: 'release', from: a, to: c }) },
      ];
      return { ...base, ...none, topology: topologyOf('all-to-all', spec), steps, scriptedClients: leaders.map(clientOf) };
    }
    case 'slow-link':
      return { ...base, ...none, topology: topologyOf('all-to-all', spec), links: { [`${ranked[0]}->${ranked[1]}`]: { latency: { min: spec.slowMs, max: spec.slowMs + 10 } } } };
    case 'ring-break': {
      const victim = ranked[0]!;
      const down: Fault = spec.crash ? { kind: 'crash', node: victim } : { kind: 'pause', node: victim };
      const up: Fault = spec.crash ? { kind: 'restart', node: victim } : { kind: 'resume', node: victim };
      const lossy: Fault = { kind: 'link-faults', between: [ranked[1]!, ranked[2 % ranked.length]!], loss: spec.lossyPct / 100, duplicate: 0.05 };
      const faults = [
        { at: 0, fault: lossy },
        { at: spec.at, fault: down },
        { at: spec.at + spec.downFor, fault: up },
      ];
      return { ...base, ...none, topology: topologyOf('circular', spec), faults, faultPhaseMs: Math.max(FAULT_PHASE_MS, spec.at + spec.downFor + 100) };
    }
    case 'ring-repair': {
      const [k, s, x] = [ranked[0]!, ranked[1]!, ranked[2]!];
      const steps: ScriptedStep[] = [
        { when: { atMs: 0 }, action: fault({ kind: 'hold', from: s, to: x }) },
        { when: { atMs: 0 }, action: fault({ kind: 'link-faults', between: [k, s], loss: 0, duplicate: 0.2 }) },
        { when: { atMs: 10 }, action: { kind: 'write', client: clientOf(k), op: 'insert' } },
        { when: { atMs: 10 }, action: { kind: 'write', client: clientOf(k), op: 'add' } },
        { when: { atMs: 10 }, action: { kind: 'write', client: clientOf(k), op: 'add' } },
        // Two more writes of K's: those that have not left K when it crashes are lost with it.
        { when: { atMs: 10 }, action: { kind: 'write', client: clientOf(k), op: 'add' } },
        { when: { atMs: 10 }, action: { kind: 'write', client: clientOf(k), op: 'add' } },
        { when: { applied: `${k}-3`, at: s }, action: fault({ kind: 'crash', node: k }) },
        { when: { step: 7 }, afterMs: 20, action: { kind: 'ring-repair', removed: k } },
        { when: { step: 8 }, afterMs: 40, action: fault({ kind: 'release', from: s, to: x }) },
      ];
      return { ...base, ...none, topology: topologyOf('circular', spec), steps, scriptedClients: [clientOf(k)], keepDown: [k], links: { [`${k}->${s}`]: { reorder: 0.3 } } };
    }
    case 'hub-outage': {
      const topology = topologyOf('star', spec);
      const hub = ranked[0]!;
      const leaf = ranked[1]!;
      const [down, up]: [Fault, Fault] =
        spec.outage === 'crash'
          ? [{ kind: 'crash', node: hub }, { kind: 'restart', node: hub }]
          : spec.outage === 'pause'
            ? [{ kind: 'pause', node: hub }, { kind: 'resume', node: hub }]
            : [{ kind: 'partition', sides: [withClients([leaf]), withClients(leaders.filter((l) => l !== leaf))] }, { kind: 'heal' }];
      const faults = [
        { at: spec.at, fault: down },
        { at: spec.at + spec.downFor, fault: up },
      ];
      return { ...base, ...none, topology, faults, faultPhaseMs: Math.max(FAULT_PHASE_MS, spec.at + spec.downFor + 100) };
    }
    case 'random':
      return { ...base, ...none, topology: topologyOf(spec.topology, spec), faults: fitFaults(spec.faults, spec.leaders) };
  }
}

/** The spec in one line (the fault list and the ranks are shown by the schedule and the topology). */
export function describeTopologySpec(spec: TopologySpec): string {
  return describeSpec(spec, { omit: ['faults', 'order'] });
}
