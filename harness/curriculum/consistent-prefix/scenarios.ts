/**
 * Generated scenarios of the sharded chat (design §F.3's families), each built around one bug: the
 * question and its answer on two shards with the question's shard read from a follower held behind
 * it; three-hop chains both ways with the first shard lagging, so hiding cascades; a writer whose
 * own earlier write or earlier read is older than a later lagging read; and random faults. Writers
 * finish before recovery begins; observers read on into it, so everything acknowledged must show up.
 */
import fc from 'fast-check';
import { plannedRecovery, SHARDED_TIMING, shardMembers, type ChatOpSpec, type ShardedScenario } from '../../cluster/index.ts';
import type { TimedFault } from '../../sim/index.ts';
import { describeSpec, networkOf, networkParts, randomFaults, scheduleLines, sortFaults, type NetworkSpec } from '../scenario-kit.ts';

interface Common extends NetworkSpec {
  /** How long the lagging followers are held behind their leader. */
  readonly holdFor: number;
}

export type PrefixScenarioSpec =
  | (Common & { family: 'question-answer'; askAt: number })
  | (Common & { family: 'chains'; startAt: number })
  | (Common & { family: 'own-writes'; startAt: number })
  | (Common & { family: 'second-read-lags'; startAt: number })
  | (Common & { family: 'random'; writes: readonly (readonly [number, number])[]; faults: readonly TimedFault[] });

const FAULT_PHASE_MS = 900;
const RECOVERY_MS = 700;
/** Reads invoked this long into recovery must show every message acknowledged before it. */
export const SETTLE_MS = 400;
const READ_TIMEOUT_MS = 60;
const OBSERVER_EVERY_MS = 90;

/** The families over network limits: the public tier's, or the hidden tier's (slower, lossier, more faults). */
function families(limits: { latencyMax: number; lossPct: number; maxFaults: number }) {
  const network = networkParts(limits);
  const common = { seed: network.seed, latencyMax: network.latencyMax, lossPct: network.lossPct, holdFor: fc.integer({ min: 300, max: 800 }) };

  const arbitraries = {
    questionAnswer: fc.record({ family: fc.constant('question-answer' as const), ...common, askAt: fc.integer({ min: 20, max: 200 }) }),
    chains: fc.record({ family: fc.constant('chains' as const), ...common, startAt: fc.integer({ min: 20, max: 150 }) }),
    ownWrites: fc.record({ family: fc.constant('own-writes' as const), ...common, startAt: fc.integer({ min: 20, max: 200 }) }),
    secondReadLags: fc.record({ family: fc.constant('second-read-lags' as const), ...common, startAt: fc.integer({ min: 20, max: 200 }) }),
    random: fc.record({
      family: fc.constant('random' as const),
      ...common,
      // Per user: [shard 1–3, think time] pairs, read before each write.
      writes: fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 20, max: 150 })), { minLength: 3, maxLength: 8 }),
      faults: randomFaults({ nodes: [1, 2, 3].flatMap((s) => shardMembers(`s${s}`, 3).slice(1)), kinds: ['crash', 'restart', 'pause', 'resume'], window: FAULT_PHASE_MS - 100, max: limits.maxFaults }),
    }),
  };

  return fc.oneof(
    { arbitrary: arbitraries.questionAnswer, weight: 2 },
    { arbitrary: arbitraries.chains, weight: 2 },
    { arbitrary: arbitraries.ownWrites, weight: 1 },
    { arbitrary: arbitraries.secondReadLags, weight: 1 },
    { arbitrary: arbitraries.random, weight: 2 },
  ) as fc.Arbitrary<PrefixScenarioSpec>;
}

export const prefixScenarioSpecArbitrary: fc.Arbitrary<PrefixScenarioSpec> = families({ latencyMax: 6, lossPct: 3, maxFaults: 4 });
export const hiddenPrefixScenarioSpecArbitrary: fc.Arbitrary<PrefixScenarioSpec> = families({ latencyMax: 10, lossPct: 8, maxFaults: 8 });

const read = (thinkMs: number, from?: Record<string, string>): ChatOpSpec => ({ kind: 'read', thinkMs, ...(from ? { from } : {}) });
const write = (shard: string, thinkMs: number): ChatOpSpec => ({ kind: 'write', shard, thinkMs });
/** An observer reading every `OBSERVER_EVERY_MS` until the run ends, from the followers given (random elsewhere). */
const observer = (from?: Record<string, string>, offset = 0): ChatOpSpec[] => [
  read(OBSERVER_EVERY_MS + offset, from),
  ...Array.from({ length: Math.ceil((FAULT_PHASE_MS + RECOVERY_MS) / OBSERVER_EVERY_MS) }, () => read(OBSERVER_EVERY_MS, from)),
];
/** Reads from the followers that are never held (`sXn2`). */
const fresh = (shards: readonly string[]): Record<string, string> => Object.fromEntries(shards.map((s) => [s, `${s}n2`]));
/** Reads from the held followers (`sXn3`) of `lagging`, the fresh ones elsewhere. */
const behind = (shards: readonly string[], lagging: readonly string[]): Record<string, string> => ({ ...fresh(shards), ...Object.fromEntries(lagging.map((s) => [s, `${s}n3`])) });
const hold = (shard: string, from: number, to: number): TimedFault[] => [
  { at: from, fault: { kind: 'hold', from: `${shard}n1`, to: `${shard}n3` } },
  { at: Math.min(to, FAULT_PHASE_MS - 1), fault: { kind: 'release', from: `${shard}n1`, to: `${shard}n3` } },
];

export function buildPrefixScenario(spec: PrefixScenarioSpec): ShardedScenario {
  const base = { seed: spec.seed, ...networkOf(spec, 0.01), members: 3, timing: SHARDED_TIMING, readTimeoutMs: READ_TIMEOUT_MS, recoveryMs: RECOVERY_MS, faultPhaseMs: FAULT_PHASE_MS };
  const two = ['s1', 's2'];
  const three = ['s1', 's2', 's3'];
  switch (spec.family) {
    case 'question-answer':
      return {
        ...base,
        shards: two,
        sessions: { u1: [write('s1', spec.askAt)], u2: [read(spec.askAt + 80, fresh(two)), write('s2', 5)], o1: observer(behind(two, ['s1'])), o2: observer(behind(two, ['s1']), 45) },
        faults: sortFaults(hold('s1', 0, spec.holdFor)),
      };
    case 'chains':
      return {
        ...base,
        shards: three,
        sessions: {
          u1: [write('s1', spec.startAt)],
          u2: [read(spec.startAt + 80, fresh(three)), write('s2', 5)],
          u3: [read(spec.startAt + 200, fresh(three)), write('s3', 5)],
          u4: [write('s3', spec.startAt)],
          u5: [read(spec.startAt + 80, fresh(three)), write('s2', 5)],
          u6: [read(spec.startAt + 200, fresh(three)), write('s1', 5)],
          o1: observer(behind(three, ['s1'])),
          o2: observer(behind(three, ['s3']), 45),
        },
        faults: sortFaults([...hold('s1', 0, spec.holdFor), ...hold('s3', 0, spec.holdFor)]),
      };
    case 'own-writes':
    case 'second-read-lags': {
      // The writer's later read comes from the held follower of s1, older than what it already knew.
      const first = spec.family === 'own-writes' ? write('s1', spec.startAt) : read(spec.startAt + 80, fresh(two));
      return {
        ...base,
        shards: two,
        sessions: {
          u1: spec.family === 'own-writes' ? [] : [write('s1', spec.startAt)],
          u2: [first, read(40, behind(two, ['s1'])), write('s2', 5)],
          o1: observer(behind(two, ['s1'])),
          o2: observer(behind(two, ['s1']), 45),
        },
        faults: sortFaults(hold('s1', 0, spec.holdFor)),
      };
    }
    case 'random': {
      const users = ['u1', 'u2', 'u3'];
      const sessions: Record<string, ChatOpSpec[]> = { o1: observer(), o2: observer(undefined, 45) };
      for (const [i, u] of users.entries()) sessions[u] = spec.writes.filter((_, j) => j % users.length === i).flatMap(([s, think]) => [read(think), write(`s${s}`, 5)]);
      const lag = hold('s1', 0, spec.holdFor);
      return { ...base, shards: three, sessions, faults: sortFaults([...lag, ...spec.faults]) };
    }
  }
}

/** The spec in one line. */
export function describePrefixSpec(spec: PrefixScenarioSpec): string {
  return describeSpec(spec, { omit: ['faults'] });
}

/** The schedule and its recovery phase, as a failure report prints them. */
export function prefixSchedule(scenario: ShardedScenario): string[] {
  const members = scenario.shards.flatMap((s) => shardMembers(s, scenario.members));
  return scheduleLines(scenario, plannedRecovery(scenario, members));
}
