/**
 * Generated sloppy-quorum scenarios on five nodes with n = 3: home replicas crash and return, a
 * fallback crashes with hints on board, or crashes happen at random. Only crashes and restarts (no
 * loss or partitions), so "a write should have been acknowledged" is a fact the checkers can judge.
 */
import fc from 'fast-check';
import { plannedRecovery, storeNodeIds, type LeaderlessScenario } from '../../cluster/index.ts';
import type { QuorumConfig } from '../../exercise/index.ts';
import type { Fault, TimedFault } from '../../sim/index.ts';
import { describeSpec, networkOf, networkParts, randomFaults, scheduleLines, sortFaults, type NetworkSpec } from '../scenario-kit.ts';

export const SLOPPY_CONFIGS: readonly QuorumConfig[] = [
  { n: 3, w: 2, r: 2 },
  { n: 3, w: 3, r: 1 },
  { n: 3, w: 3, r: 2 },
];

/** Five nodes: each key's three home replicas and two fallbacks. */
export const SLOPPY_NODES = 5;

/** No `lossPct`: sloppy-quorum runs are lossless. */
interface Common extends NetworkSpec {
  readonly config: QuorumConfig;
  readonly lossPct?: never;
}

export type SloppySpec =
  /** One or two nodes crash and come back: their keys' writes go to fallbacks meanwhile. */
  | (Common & { family: 'homes-down'; first: number; down: number; at: number; downFor: number })
  /** A node crashes; later a fallback holding hints for it crashes too, and they return in turn. */
  | (Common & { family: 'fallback-crash'; home: number; fallback: number; at: number; fallbackAfter: number; homeBackAfter: number; fallbackBackAfter: number })
  /** Crashes and restarts at random times. */
  | (Common & { family: 'random-crashes'; faults: readonly TimedFault[] });

// No loss: "a write should have been acknowledged" must stay a fact the checkers can judge.
const { seed, latencyMax } = networkParts({ latencyMax: 8, lossPct: 0 });
const common = { config: fc.constantFrom(...SLOPPY_CONFIGS), seed, latencyMax };
const nodeNo = fc.integer({ min: 1, max: SLOPPY_NODES });

export const sloppySpecArbitrary: fc.Arbitrary<SloppySpec> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      family: fc.constant('homes-down' as const),
      ...common,
      first: nodeNo,
      down: fc.integer({ min: 1, max: 2 }),
      at: fc.integer({ min: 0, max: 400 }),
      downFor: fc.integer({ min: 200, max: 900 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      family: fc.constant('fallback-crash' as const),
      ...common,
      home: nodeNo,
      fallback: fc.integer({ min: 1, max: SLOPPY_NODES - 1 }),
      at: fc.integer({ min: 0, max: 300 }),
      fallbackAfter: fc.integer({ min: 100, max: 500 }),
      homeBackAfter: fc.integer({ min: 50, max: 400 }),
      fallbackBackAfter: fc.integer({ min: 50, max: 400 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      family: fc.constant('random-crashes' as const),
      ...common,
      faults: randomFaults({ nodes: storeNodeIds(SLOPPY_NODES), kinds: ['crash'], window: 1200, max: 6 }),
    }),
  },
);

export function buildSloppyScenario(spec: SloppySpec): LeaderlessScenario {
  const ids = storeNodeIds(SLOPPY_NODES);
  const node = (i: number): string => ids[(i - 1) % SLOPPY_NODES]!;
  const faults: TimedFault[] = [];
  const add = (at: number, fault: Fault): void => void faults.push({ at, fault });
  let end: number;
  switch (spec.family) {
    case 'homes-down': {
      const down = Array.from({ length: spec.down }, (_, i) => node(spec.first + i));
      for (const x of down) add(spec.at, { kind: 'crash', node: x });
      end = spec.at + spec.downFor;
      for (const x of down) add(end, { kind: 'restart', node: x });
      break;
    }
    case 'fallback-crash': {
      const home = node(spec.home);
      const fallback = node(spec.home + spec.fallback);
      add(spec.at, { kind: 'crash', node: home });
      const fallbackAt = spec.at + spec.fallbackAfter;
      add(fallbackAt, { kind: 'crash', node: fallback });
      add(fallbackAt + spec.homeBackAfter, { kind: 'restart', node: home });
      end = fallbackAt + spec.homeBackAfter + spec.fallbackBackAfter;
      add(end, { kind: 'restart', node: fallback });
      break;
    }
    case 'random-crashes':
      faults.push(...spec.faults);
      end = spec.faults.reduce((t, f) => Math.max(t, f.at), 0);
      break;
  }
  return {
    seed: spec.seed,
    nodes: SLOPPY_NODES,
    config: spec.config,
    keys: 3,
    ...networkOf(spec),
    faults: sortFaults(faults),
    faultPhaseMs: end + 200,
    keepDown: [],
    sloppy: true,
  };
}

export function describeSloppySpec(spec: SloppySpec): string {
  return describeSpec(spec);
}

/** The schedule and its recovery phase, one line each, as a failure report prints them. */
export function sloppySchedule(scenario: LeaderlessScenario): string[] {
  return scheduleLines(scenario, plannedRecovery(scenario, storeNodeIds(scenario.nodes)));
}
