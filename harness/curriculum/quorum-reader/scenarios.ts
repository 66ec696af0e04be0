/**
 * Generated quorum-read scenarios: targeted families (replicas down with r still up, fewer than r
 * reachable, one replica two seconds slow, a replica missing writes) mixed with random faults, each
 * with a strict configuration (r + w > n). A spec is what fast-check generates and shrinks; the
 * scenario is what the store runs.
 */
import fc from 'fast-check';
import { plannedRecovery, storeNodeIds, type LeaderlessScenario } from '../../cluster/index.ts';
import type { QuorumConfig } from '../../exercise/index.ts';
import type { Fault, TimedFault } from '../../sim/index.ts';
import { describeSpec, networkOf, networkParts, randomFaults, randomLinkFaults, randomPartition, scheduleLines, sortFaults, type RandomFaultOptions, type NetworkSpec } from '../scenario-kit.ts';

/** Strict configurations (r + w > n): every read quorum meets every write quorum. */
export const STRICT_CONFIGS: readonly QuorumConfig[] = [
  { n: 3, w: 2, r: 2 },
  { n: 3, w: 3, r: 1 },
  { n: 3, w: 1, r: 3 },
  { n: 5, w: 3, r: 3 },
  { n: 5, w: 2, r: 4 },
  { n: 5, w: 4, r: 2 },
];

/** Configurations without overlap (r + w ≤ n), run only to show how often reads are stale. */
export const WEAK_CONFIGS: readonly QuorumConfig[] = [
  { n: 3, w: 1, r: 1 },
  { n: 3, w: 1, r: 2 },
  { n: 5, w: 2, r: 3 },
  { n: 5, w: 2, r: 2 },
];

interface Common extends NetworkSpec {
  readonly config: QuorumConfig;
  readonly lossPct: number;
}

export type QuorumSpec =
  /** `down` replicas (at most n − r, so r are still up) crash and come back later. */
  | (Common & { family: 'replicas-down'; down: number; at: number; downFor: number })
  /** n − r + 1 replicas crash: r replies are impossible until they return. */
  | (Common & { family: 'fewer-than-r'; at: number; downFor: number })
  /** One replica freezes for two seconds (a long GC pause): it answers, but far too late. */
  | (Common & { family: 'slow-replica'; replica: number; at: number })
  /** Writes stop reaching one replica for a while, so it holds old versions until repaired. */
  | (Common & { family: 'lagging-replica'; replica: number; at: number; lagFor: number })
  /** Crashes, restarts, pauses, partitions and lossy links at random times. */
  | (Common & { family: 'random'; faults: readonly TimedFault[] })
  /**
   * Writes stay in flight: the stale replicas (`staleReplicas`) are cut off from the writers and the
   * other replicas (not from the reader), so new writes reach fewer than w replicas while older ones
   * were acknowledged. One read can see a new version; a later one can ask only stale replicas.
   */
  | (Common & { family: 'write-in-flight'; at: number; holdFor: number });

export type QuorumFamily = QuorumSpec['family'];

/** How long the slow replica of `slow-replica` stays frozen. */
export const SLOW_REPLICA_MS = 2000;

const common = (configs: readonly QuorumConfig[]) => ({
  config: fc.constantFrom(...configs),
  ...networkParts({ latencyMax: 8, lossPct: 2 }),
});

function families(configs: readonly QuorumConfig[]): fc.Arbitrary<QuorumSpec> {
  const c = common(configs);
  const replicasDown = fc.record({
    family: fc.constant('replicas-down' as const),
    ...c,
    down: fc.integer({ min: 1, max: 3 }),
    at: fc.integer({ min: 0, max: 400 }),
    downFor: fc.integer({ min: 200, max: 900 }),
  });
  const fewerThanR = fc.record({
    family: fc.constant('fewer-than-r' as const),
    ...c,
    at: fc.integer({ min: 0, max: 400 }),
    downFor: fc.integer({ min: 200, max: 900 }),
  });
  const slowReplica = fc.record({
    family: fc.constant('slow-replica' as const),
    ...c,
    replica: fc.integer({ min: 1, max: 5 }),
    at: fc.integer({ min: 0, max: 300 }),
  });
  const laggingReplica = fc.record({
    family: fc.constant('lagging-replica' as const),
    ...c,
    replica: fc.integer({ min: 1, max: 5 }),
    at: fc.integer({ min: 0, max: 300 }),
    lagFor: fc.integer({ min: 200, max: 900 }),
  });
  const random = c.config.chain((config) =>
    fc.record({
      family: fc.constant('random' as const),
      config: fc.constant(config),
      seed: c.seed,
      latencyMax: c.latencyMax,
      lossPct: c.lossPct,
      faults: randomFaults({ ...quorumFaults(config.n), max: 6 }),
    }),
  );
  return fc.oneof(
    { arbitrary: replicasDown, weight: 3 },
    { arbitrary: fewerThanR, weight: 2 },
    { arbitrary: slowReplica, weight: 2 },
    { arbitrary: laggingReplica, weight: 3 },
    { arbitrary: random, weight: 2 },
  );
}

/** Random faults among the replicas; partitions and lossy links cut replicas off from the clients. */
function quorumFaults(n: number): RandomFaultOptions {
  const ids = storeNodeIds(n);
  const node = fc.constantFrom(...ids);
  return {
    nodes: node,
    kinds: [
      'crash',
      'restart',
      'pause',
      'resume',
      randomPartition(ids, n - 1, (side) => [side, ['w1', 'w2', 'r1']]),
      'heal',
      randomLinkFaults(node, fc.constantFrom('w1', 'w2', 'r1'), { loss: { min: 20, max: 90 }, duplicate: 0.05 }),
      fc.tuple(fc.constantFrom('w1', 'w2'), node).map(([from, to]): Fault => ({ kind: 'hold', from, to })),
    ],
    window: 1200,
  };
}

/**
 * Strict configurations in which one read can see an in-flight write and a later read, even after the
 * first one's read repair, can ask only replicas the write has not reached (see `staleReplicas`).
 */
export const IN_FLIGHT_CONFIGS: readonly QuorumConfig[] = [
  { n: 3, w: 3, r: 1 },
  { n: 5, w: 4, r: 2 },
];

/**
 * How many replicas the write-in-flight family cuts off: enough that new writes reach fewer than w
 * (n − w + 1) and that, after a read repaired its r − 1 stale repliers, r stale replicas are left
 * (2r − 1).
 */
export function staleReplicas(config: QuorumConfig): number {
  return Math.max(config.n - config.w + 1, 2 * config.r - 1);
}

/** Writes left in flight while reads go on (strict configurations): where quorum reads go back in time. */
export const inFlightSpecArbitrary: fc.Arbitrary<QuorumSpec> = fc.record({
  family: fc.constant('write-in-flight' as const),
  ...common(IN_FLIGHT_CONFIGS),
  at: fc.integer({ min: 60, max: 300 }),
  holdFor: fc.integer({ min: 400, max: 900 }),
});

/** Every family with strict configurations: what the graded checks run. */
export const quorumSpecArbitrary: fc.Arbitrary<QuorumSpec> = families(STRICT_CONFIGS);

/** The same families with r + w ≤ n: the lesson runs that show stale reads happening. */
export const weakQuorumSpecArbitrary: fc.Arbitrary<QuorumSpec> = families(WEAK_CONFIGS);

/** Builds the store scenario a spec describes. */
export function buildQuorumScenario(spec: QuorumSpec): LeaderlessScenario {
  const { n, r } = spec.config;
  const ids = storeNodeIds(n);
  const pick = (i: number): string => ids[(i - 1) % n]!;
  const base = {
    seed: spec.seed,
    nodes: n,
    config: spec.config,
    keys: 3,
    ...networkOf(spec),
    keepDown: [] as string[],
    sloppy: false,
  };
  const faults: TimedFault[] = [];
  const add = (at: number, fault: Fault): void => void faults.push({ at, fault });
  let end: number;
  switch (spec.family) {
    case 'replicas-down': {
      const down = ids.slice(n - Math.min(spec.down, n - r));
      for (const x of down) add(spec.at, { kind: 'crash', node: x });
      end = spec.at + spec.downFor;
      for (const x of down) add(end, { kind: 'restart', node: x });
      break;
    }
    case 'fewer-than-r': {
      const down = ids.slice(r - 1);
      for (const x of down) add(spec.at, { kind: 'crash', node: x });
      end = spec.at + spec.downFor;
      for (const x of down) add(end, { kind: 'restart', node: x });
      break;
    }
    case 'slow-replica':
      add(spec.at, { kind: 'pause', node: pick(spec.replica) });
      end = spec.at + SLOW_REPLICA_MS;
      add(end, { kind: 'resume', node: pick(spec.replica) });
      break;
    case 'lagging-replica':
      for (const w of ['w1', 'w2']) add(spec.at, { kind: 'hold', from: w, to: pick(spec.replica) });
      end = spec.at + spec.lagFor;
      for (const w of ['w1', 'w2']) add(end, { kind: 'release', from: w, to: pick(spec.replica) });
      break;
    case 'write-in-flight': {
      const stale = ids.slice(n - Math.min(staleReplicas(spec.config), n - 1));
      const fresh = ids.filter((x) => !stale.includes(x));
      add(spec.at, { kind: 'partition', sides: [stale, [...fresh, 'w1', 'w2']] });
      end = spec.at + spec.holdFor;
      add(end, { kind: 'heal' });
      break;
    }
    case 'random':
      for (const f of spec.faults) faults.push(f);
      end = spec.faults.reduce((t, f) => Math.max(t, f.at), 0);
      break;
  }
  return { ...base, faults: sortFaults(faults), faultPhaseMs: end + 200 };
}

/** The spec in one line. */
export function describeQuorumSpec(spec: QuorumSpec): string {
  return describeSpec(spec);
}

/** The schedule and its recovery phase, one line each, as a failure report prints them. */
export function quorumSchedule(scenario: LeaderlessScenario): string[] {
  return scheduleLines(scenario, plannedRecovery(scenario, storeNodeIds(scenario.nodes)));
}
