/**
 * Generated scenarios for the siblings store: families of faults that make clients write
 * concurrently (replicas cut off from each other, slow or lost synchronisation, crashes), mixed with
 * random faults. A small spec is what fast-check generates and shrinks; `buildSiblingScenario` turns
 * it into the fault schedule the store runs.
 */
import fc from 'fast-check';
import { plannedRecovery, siblingClientIds, siblingReplicaIds as replicaIds, type SiblingScenario } from '../../../cluster/index.ts';
import type { Fault, TimedFault } from '../../../sim/index.ts';
import { describeSpec, networkOf, networkParts, nodeByPosition, randomFaults, randomLinkFaults, randomPartition, scheduleLines, sortFaults, type NetworkSpec } from '../../scenario-kit.ts';

interface Common extends NetworkSpec {
  readonly clients: 2 | 3;
  readonly writesPerClient: number;
  readonly lossPct: number;
}

export type SiblingScenarioSpec =
  /** Every replica (with its client) is cut off from the others, then the partition heals and clients go on writing. */
  | (Common & { family: 'split-writers'; splitAt: number; splitFor: number; crash: boolean; crashAfter: number })
  /** Synchronisation from one replica is held back (a slow link), so its peers keep writing without its values. */
  | (Common & { family: 'held-sync'; holdFrom: number; holdAt: number; holdFor: number })
  /** Anything: partitions, crashes, restarts, pauses and lossy links among replicas, at random times. */
  | (Common & { family: 'random'; faults: readonly TimedFault[] });

const REPLICAS = 3;
const network = networkParts({ latencyMax: 10, lossPct: 5 });
const common = {
  seed: network.seed,
  clients: fc.constantFrom<2 | 3>(3, 2),
  writesPerClient: fc.integer({ min: 2, max: 6 }),
  latencyMax: network.latencyMax,
  lossPct: network.lossPct,
};

const splitWriters = fc.record({
  family: fc.constant('split-writers' as const),
  ...common,
  splitAt: fc.integer({ min: 0, max: 150 }),
  splitFor: fc.integer({ min: 60, max: 400 }),
  crash: fc.boolean(),
  crashAfter: fc.integer({ min: 0, max: 200 }),
});

const heldSync = fc.record({
  family: fc.constant('held-sync' as const),
  ...common,
  holdFrom: fc.integer({ min: 1, max: REPLICAS }),
  holdAt: fc.integer({ min: 0, max: 150 }),
  holdFor: fc.integer({ min: 60, max: 400 }),
});

const replicas = replicaIds(REPLICAS);
const node = nodeByPosition(replicas);

const random = fc.record({
  family: fc.constant('random' as const),
  ...common,
  faults: randomFaults({
    nodes: replicas,
    kinds: [
      'crash',
      'restart',
      'pause',
      'resume',
      randomPartition(replicas, REPLICAS - 1, (side) => [withClients(side), withClients(replicas.filter((x) => !side.includes(x)))]),
      'heal',
      randomLinkFaults(node, node, { loss: { min: 20, max: 90 }, duplicate: 0.1, other: (a, b) => (a === b ? (a === 'n1' ? 'n2' : 'n1') : b) }),
    ],
    window: 500,
    max: 6,
  }),
});

export const siblingScenarioSpecArbitrary: fc.Arbitrary<SiblingScenarioSpec> = fc.oneof(
  { arbitrary: splitWriters, weight: 3 },
  { arbitrary: heldSync, weight: 2 },
  { arbitrary: random, weight: 2 },
);

/** Each replica's client goes with it to its side of a partition. */
function withClients(replicas: readonly string[]): string[] {
  return [...replicas, ...replicas.map((r) => `c${r.slice(1)}`)];
}

export function buildSiblingScenario(spec: SiblingScenarioSpec): SiblingScenario {
  const base = { seed: spec.seed, replicas: REPLICAS, clients: spec.clients, writesPerClient: spec.writesPerClient, ...networkOf(spec, 0.02) };
  const faults: TimedFault[] = [];
  const add = (at: number, fault: Fault): void => void faults.push({ at, fault });
  switch (spec.family) {
    case 'split-writers': {
      // Three sides: each replica alone with its own client.
      add(spec.splitAt, { kind: 'partition', sides: [withClients(['n1']), withClients(['n2', 'n3'])] });
      add(spec.splitAt, { kind: 'partition', sides: [withClients(['n2']), withClients(['n3'])] });
      const healAt = spec.splitAt + spec.splitFor;
      if (spec.crash) {
        const crashAt = Math.min(healAt, spec.splitAt + spec.crashAfter);
        add(crashAt, { kind: 'crash', node: 'n2' });
        add(healAt, { kind: 'restart', node: 'n2' });
      }
      add(healAt, { kind: 'heal' });
      return { ...base, faults: sortFaults(faults), faultPhaseMs: healAt + 300 };
    }
    case 'held-sync': {
      const from = `n${spec.holdFrom}`;
      for (const to of replicas) if (to !== from) add(spec.holdAt, { kind: 'hold', from, to });
      const releaseAt = spec.holdAt + spec.holdFor;
      for (const to of replicas) if (to !== from) add(releaseAt, { kind: 'release', from, to });
      return { ...base, faults: sortFaults(faults), faultPhaseMs: releaseAt + 250 };
    }
    case 'random': {
      const end = spec.faults.reduce((t, f) => Math.max(t, f.at), 0);
      return { ...base, faults: spec.faults, faultPhaseMs: end + 300 };
    }
  }
}

/** The spec in one line. */
export function describeSiblingSpec(spec: SiblingScenarioSpec): string {
  return describeSpec(spec);
}

/** The schedule and its recovery phase (replicas and clients resume and restart), as a failure report prints them. */
export function siblingSchedule(scenario: SiblingScenario): string[] {
  return scheduleLines(scenario, plannedRecovery(scenario, [...replicaIds(scenario.replicas), ...siblingClientIds(scenario.clients)]));
}
