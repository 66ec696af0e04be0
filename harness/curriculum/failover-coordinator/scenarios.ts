/**
 * Generated failover scenarios: targeted families of faults that each expose a class of wrong
 * decision, mixed with random timing and random faults. A scenario is described by a small spec
 * (what fast-check generates and shrinks) and built into a fault schedule (what the cluster runs).
 */
import fc from 'fast-check';
import { COORDINATOR, memberIds, plannedRecovery, type FailoverScenario } from '../../cluster/index.ts';
import type { Fault, TimedFault } from '../../sim/index.ts';
import { networkOf, networkParts, nodeByPosition, randomFault, randomFaults, randomLinkFaults, randomPartition, scheduleLines, sortFaults, type RandomFaultOptions, type NetworkSpec } from '../scenario-kit.ts';

export { describeSpec } from '../scenario-kit.ts';

interface Common extends NetworkSpec {
  readonly members: 3 | 5;
  readonly lossPct: number;
}

/** The families, each named after the situation it creates. */
export type ScenarioSpec =
  /** A follower falls behind, the leader crashes, and the coordinator cannot reach some followers. */
  | (Common & { family: 'lagging-follower-crash'; lagAt: number; lagging: number; crashAfter: number; cutOff: number; cutOffAt: number; keepLeaderDown: boolean })
  /** The leader freezes (a long GC pause) and comes back later, still believing it leads. */
  | (Common & { family: 'leader-pause'; pauseAt: number; pauseFor: number; skewMs: number; driftPct: number })
  /** The coordinator's heartbeats to a live leader are lost. */
  | (Common & { family: 'heartbeat-loss'; from: number; lastsFor: number; heartbeatLossPct: number })
  /** The leader keeps appending while cut off, freezes, is replaced; its replacement crashes; it resumes. */
  | (Common & { family: 'zombie-second-failover'; lagAt: number; suffixFor: number; pauseFor: number; resumeAfterCrash: number; keepNewLeaderDown: boolean })
  /**
   * Five members: the coordinator last heard the longest logs from n1 and n2, then both crash and stay
   * down. A coordinator that trusts those stale views elects a member that can never take office.
   */
  | (Common & { family: 'stale-view-kept-down'; lagAt: number; answerAfter: number })
  /** Anything: crashes, restarts, pauses, partitions, lossy links and clock jumps at random times. */
  | (Common & { family: 'random'; faults: readonly TimedFault[]; keepDown: readonly string[] });

export type ScenarioFamily = ScenarioSpec['family'];

const common = {
  members: fc.constantFrom<3 | 5>(3, 5),
  ...networkParts({ latencyMax: 10, lossPct: 3 }),
};

const laggingFollowerCrashParts = {
  lagAt: fc.integer({ min: 100, max: 600 }),
  lagging: fc.integer({ min: 1, max: 2 }),
  crashAfter: fc.integer({ min: 50, max: 600 }),
  cutOff: fc.integer({ min: 0, max: 2 }),
  cutOffAt: fc.integer({ min: 0, max: 900 }),
  keepLeaderDown: fc.boolean(),
};
const laggingFollowerCrash = fc.record({ family: fc.constant('lagging-follower-crash' as const), ...common, ...laggingFollowerCrashParts });

const leaderPauseParts = {
  pauseAt: fc.integer({ min: 100, max: 900 }),
  pauseFor: fc.integer({ min: 50, max: 1000 }),
  skewMs: fc.integer({ min: -200, max: 200 }),
  driftPct: fc.integer({ min: -5, max: 5 }),
};
const leaderPause = fc.record({ family: fc.constant('leader-pause' as const), ...common, ...leaderPauseParts });

const heartbeatLossParts = {
  from: fc.integer({ min: 100, max: 700 }),
  lastsFor: fc.integer({ min: 200, max: 900 }),
  heartbeatLossPct: fc.integer({ min: 40, max: 100 }),
};
const heartbeatLoss = fc.record({ family: fc.constant('heartbeat-loss' as const), ...common, ...heartbeatLossParts });

const zombieSecondFailoverParts = {
  lagAt: fc.integer({ min: 100, max: 400 }),
  suffixFor: fc.integer({ min: 40, max: 300 }),
  pauseFor: fc.integer({ min: 250, max: 700 }),
  resumeAfterCrash: fc.integer({ min: 0, max: 80 }),
  keepNewLeaderDown: fc.boolean(),
};
const zombieSecondFailover = fc.record({ family: fc.constant('zombie-second-failover' as const), ...common, ...zombieSecondFailoverParts });

const staleViewKeptDown = fc.record({
  family: fc.constant('stale-view-kept-down' as const),
  ...common,
  members: fc.constant<3 | 5>(5),
  lagAt: fc.integer({ min: 100, max: 400 }),
  answerAfter: fc.integer({ min: 150, max: 260 }),
});

/** Random faults among the members and the coordinator: the coordinator's clock jumps too. */
function failoverFaults(members: number): RandomFaultOptions {
  const ids = memberIds(members);
  const everyone = [...ids, COORDINATOR];
  return {
    nodes: ids,
    kinds: [
      'crash',
      'restart',
      'pause',
      'resume',
      randomPartition(everyone, members),
      'heal',
      randomLinkFaults(nodeByPosition(ids), fc.constantFrom(...everyone), { loss: { min: 20, max: 100 }, duplicate: 0.05, other: (a, b) => (b === a ? COORDINATOR : b) }),
      fc.tuple(fc.constantFrom(...everyone), fc.integer({ min: -300, max: 300 }), fc.integer({ min: -5, max: 5 })).map(([n, skewMs, d]): Fault => ({
        kind: 'clock',
        node: n,
        skewMs,
        drift: d / 100,
      })),
    ],
    window: 1800,
  };
}

const random = fc.constantFrom<3 | 5>(3, 5).chain((members) =>
  fc.record({
    family: fc.constant('random' as const),
    members: fc.constant(members),
    seed: common.seed,
    latencyMax: common.latencyMax,
    lossPct: common.lossPct,
    faults: randomFaults({ ...failoverFaults(members), max: 8 }),
    keepDown: fc.subarray(memberIds(members), { maxLength: Math.floor((members - 1) / 2) }),
  }),
);

/** Every family, weighted so the targeted ones dominate but random schedules still appear often. */
export const scenarioSpecArbitrary: fc.Arbitrary<ScenarioSpec> = fc.oneof(
  { arbitrary: laggingFollowerCrash, weight: 3 },
  { arbitrary: leaderPause, weight: 2 },
  { arbitrary: heartbeatLoss, weight: 2 },
  { arbitrary: zombieSecondFailover, weight: 3 },
  { arbitrary: staleViewKeptDown, weight: 1 },
  { arbitrary: random, weight: 2 },
);

/**
 * The instructor's hidden tier: the same families, but five members three times out of four, lossier
 * networks, and random schedules with more faults (holds and releases included). A spec's events stay
 * bounded: random faults fall within the first 1.3 s, at most 14 of them (about 1,500 simulator events a
 * run on average, rarely above 2,500).
 */
const hiddenCommon = {
  members: fc.constantFrom<3 | 5>(5, 5, 5, 3),
  ...networkParts({ latencyMax: 12, lossPct: 5 }),
};

function hiddenRandomFault(members: number): fc.Arbitrary<TimedFault> {
  const ids = memberIds(members);
  const pair = fc.tuple(nodeByPosition(ids), fc.constantFrom(...ids, COORDINATOR)).filter(([a, b]) => a !== b);
  const at = fc.integer({ min: 0, max: 1800 });
  const any = fc.oneof(
    { arbitrary: randomFault(failoverFaults(members)), weight: 4 },
    { arbitrary: fc.record({ at, fault: pair.map(([from, to]): Fault => ({ kind: 'hold', from, to })) }), weight: 1 },
    { arbitrary: fc.record({ at, fault: pair.map(([from, to]): Fault => ({ kind: 'release', from, to })) }), weight: 1 },
  );
  // More faults in a shorter fault phase: denser, and the run stays near 2,000 events.
  return any.map((f) => ({ ...f, at: Math.round(f.at * 0.7) }));
}

const hiddenRandom = hiddenCommon.members.chain((members) =>
  fc.record({
    family: fc.constant('random' as const),
    members: fc.constant(members),
    seed: hiddenCommon.seed,
    latencyMax: hiddenCommon.latencyMax,
    lossPct: hiddenCommon.lossPct,
    faults: fc.array(hiddenRandomFault(members), { minLength: 3, maxLength: 14 }).map(sortFaults),
    keepDown: fc.subarray(memberIds(members), { maxLength: Math.floor((members - 1) / 2) }),
  }),
);

/** The hidden tier's scenarios (see above); random schedules weigh more than in the public tier. */
export const hiddenScenarioSpecArbitrary: fc.Arbitrary<ScenarioSpec> = fc.oneof(
  { arbitrary: fc.record({ family: fc.constant('lagging-follower-crash' as const), ...hiddenCommon, ...laggingFollowerCrashParts }), weight: 3 },
  { arbitrary: fc.record({ family: fc.constant('leader-pause' as const), ...hiddenCommon, ...leaderPauseParts }), weight: 2 },
  { arbitrary: fc.record({ family: fc.constant('heartbeat-loss' as const), ...hiddenCommon, ...heartbeatLossParts }), weight: 1 },
  { arbitrary: fc.record({ family: fc.constant('zombie-second-failover' as const), ...hiddenCommon, ...zombieSecondFailoverParts }), weight: 3 },
  { arbitrary: staleViewKeptDown, weight: 1 },
  { arbitrary: hiddenRandom, weight: 4 },
);

/** Builds the fault schedule a spec describes. */
export function buildScenario(spec: ScenarioSpec): FailoverScenario {
  const ids = memberIds(spec.members);
  const last = ids[ids.length - 1]!;
  const base = { seed: spec.seed, members: spec.members, ...networkOf(spec) };
  const faults: TimedFault[] = [];
  const add = (at: number, fault: Fault): void => void faults.push({ at, fault });
  switch (spec.family) {
    case 'lagging-follower-crash': {
      // Followers from the end of the list fall behind; the coordinator loses sight of followers from
      // the front: together they leave the up-to-date ones out of the coordinator's view.
      const lagging = ids.slice(1).reverse().slice(0, Math.min(spec.lagging, Math.floor((spec.members - 1) / 2)));
      for (const f of lagging) add(spec.lagAt, { kind: 'hold', from: 'n1', to: f });
      const crashAt = spec.lagAt + spec.crashAfter;
      const cutOff = ids.slice(1).filter((f) => !lagging.includes(f)).slice(0, spec.cutOff);
      if (cutOff.length > 0) add(Math.min(spec.cutOffAt, crashAt), { kind: 'partition', sides: [[COORDINATOR], cutOff] });
      add(crashAt, { kind: 'crash', node: 'n1' });
      return { ...base, faults: sortFaults(faults), faultPhaseMs: crashAt + 700, keepDown: spec.keepLeaderDown ? ['n1'] : [] };
    }
    case 'leader-pause': {
      add(0, { kind: 'clock', node: COORDINATOR, skewMs: spec.skewMs, drift: spec.driftPct / 100 });
      add(spec.pauseAt, { kind: 'pause', node: 'n1' });
      add(spec.pauseAt + spec.pauseFor, { kind: 'resume', node: 'n1' });
      return { ...base, faults: sortFaults(faults), faultPhaseMs: spec.pauseAt + spec.pauseFor + 600, keepDown: [] };
    }
    case 'heartbeat-loss': {
      add(spec.from, { kind: 'link-faults', between: [COORDINATOR, 'n1'], loss: spec.heartbeatLossPct / 100, duplicate: 0 });
      add(spec.from + spec.lastsFor, { kind: 'link-faults-clear' });
      return { ...base, faults: sortFaults(faults), faultPhaseMs: spec.from + spec.lastsFor + 500, keepDown: [] };
    }
    case 'zombie-second-failover': {
      // n1 stops replicating to all but the last member, then to that one too while clients still
      // write to it: its log grows an uncommitted suffix in epoch 1. It freezes, the last member
      // (the most up to date) is elected, serves briefly and crashes; then n1 wakes up.
      const others = ids.slice(1, -1);
      for (const f of others) add(spec.lagAt, { kind: 'hold', from: 'n1', to: f });
      const cutAt = spec.lagAt + 60;
      add(cutAt, { kind: 'hold', from: 'n1', to: last });
      const pauseAt = cutAt + spec.suffixFor;
      add(pauseAt, { kind: 'pause', node: 'n1' });
      const crashAt = pauseAt + spec.pauseFor;
      add(crashAt, { kind: 'crash', node: last });
      const resumeAt = crashAt + spec.resumeAfterCrash;
      add(resumeAt, { kind: 'resume', node: 'n1' });
      for (const f of ids.slice(1)) add(resumeAt, { kind: 'release', from: 'n1', to: f });
      return { ...base, faults: sortFaults(faults), faultPhaseMs: resumeAt + 700, keepDown: spec.keepNewLeaderDown ? [last] : [] };
    }
    case 'stale-view-kept-down': {
      // Only n2 keeps up with n1; the coordinator then loses the other three and n1's answers are held
      // back, so rounds are unsafe. Released, n1's late answer shows it (and n2) with the longest logs;
      // then both crash for good.
      for (const f of ['n3', 'n4', 'n5']) add(spec.lagAt, { kind: 'hold', from: 'n1', to: f });
      const cutAt = spec.lagAt + 50;
      add(cutAt, { kind: 'partition', sides: [[COORDINATOR], ['n3', 'n4', 'n5']] });
      add(cutAt, { kind: 'hold', from: 'n1', to: COORDINATOR });
      const answerAt = cutAt + spec.answerAfter;
      add(answerAt, { kind: 'release', from: 'n1', to: COORDINATOR });
      const crashAt = answerAt + 100;
      add(crashAt, { kind: 'crash', node: 'n1' });
      add(crashAt, { kind: 'crash', node: 'n2' });
      add(crashAt + 1, { kind: 'heal' });
      return { ...base, faults: sortFaults(faults), faultPhaseMs: crashAt + 700, keepDown: ['n1', 'n2'] };
    }
    case 'random': {
      const end = spec.faults.reduce((t, f) => Math.max(t, f.at), 0);
      return { ...base, faults: spec.faults, faultPhaseMs: end + 500, keepDown: spec.keepDown };
    }
  }
}

/** The schedule and its recovery phase, one line each, as a failure report prints them. */
export function failoverSchedule(scenario: FailoverScenario): string[] {
  return scheduleLines(scenario, plannedRecovery(scenario, memberIds(scenario.members)));
}
