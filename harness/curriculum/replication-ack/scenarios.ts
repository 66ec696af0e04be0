/**
 * Generated replication-ack scenarios: targeted families that each force a listed bug (design §A.3),
 * plus random policies and faults. Every scenario ends in a disaster within the failure budget of its
 * policy's level (`budgetProblem`), so a correct ack rule never loses an acknowledged write; the
 * builder refuses a spec outside it (a hand-edited replay token).
 */
import fc from 'fast-check';
import { DEFAULT_STANDBY_TIMING, nodeIds, type Disaster, type StandbyScenario } from '../../cluster/index.ts';
import type { AckLevel, AckPolicy } from '../../exercise/index.ts';
import type { Fault, TimedFault } from '../../sim/index.ts';
import { networkOf, networkParts, randomFaults, randomPartition, sortFaults, type NetworkSpec } from '../scenario-kit.ts';

/** How long clients write before the disaster may strike: the writing phase. */
export const WRITING_MS = 1200;

type Method = 'first' | 'any';
type Common = NetworkSpec;

export type AckSpec =
  /** A flush or apply level while followers flush rarely; a power loss 1 ms after the next ack. */
  | (Common & { family: 'crash-before-flush'; level: 'remote_flush' | 'remote_apply'; method: Method; flushIntervalMs: number })
  /** One named standby slowed (+8 ms) or held for a moment; `wide`: first 2 of three names. */
  | (Common & { family: 'slow-priority-standby'; wide: boolean; slow: 'n2' | 'n3'; holdAt: number; holdFor: number })
  /** first 1 (n2, n3): n2 stops receiving shortly before the disaster that takes n1 and n3. */
  | (Common & { family: 'first-priority-loss'; holdBefore: number })
  /** The first-priority standby crashes or is cut off, then returns behind and catches up. */
  | (Common & { family: 'priority-standby-down'; wide: boolean; crash: boolean; at: number; downFor: number })
  /** any 2 of four: some stalled, the rest tied (flush on receipt, fast links) or one slowed. */
  | (Common & { family: 'quorum-commit'; stalled: number; ties: boolean; stallAt: number })
  /** n1, n2 in the leader's site, n3–n5 in a far one (20–25 ms); only remote followers named; the disaster takes both of the leader's site. */
  | (Common & { family: 'remote-site'; method: Method })
  /** remote_apply with standbys replaying late. */
  | (Common & { family: 'replay-lag'; method: Method; replayDelayMs: number })
  /** remote_write with partitions, pauses and loss, never a crash or a power loss. */
  | (Common & { family: 'remote-write-no-crash'; members: number; method: Method; faults: readonly TimedFault[] })
  /**
   * any 2 of four, the slowest of them (n5) slowed further. `threeDown`: n2, n3, n4 crash for a while,
   * so too few stream; else n3 and n4 never receive anything and the fast n2 crashes, so the last
   * positions of a disconnected standby are the only ones ahead.
   */
  | (Common & { family: 'unsatisfiable'; threeDown: boolean; at: number; downFor: number })
  /** local, with random faults and a disaster that spares the leader's disk. */
  | (Common & { family: 'local'; members: number; lost: readonly string[]; powerLoss: boolean; faults: readonly TimedFault[] })
  /** A random policy, random faults and a random disaster within the budget. */
  | (Common & { family: 'random'; members: number; policy: AckPolicy; lostPick: number; powerLoss: boolean; faults: readonly TimedFault[] });

export type AckFamily = AckSpec['family'];

const method = fc.constantFrom<Method>('first', 'any');

function followerFaults(members: number, kinds: 'no-crash' | 'any'): fc.Arbitrary<TimedFault[]> {
  const ids = nodeIds('n', members);
  const base = ['pause', 'resume', randomPartition(ids, members), 'heal'] as const;
  const crash = kinds === 'any' ? (['crash', 'restart'] as const) : [];
  const lossy = fc.tuple(fc.constantFrom(...ids.slice(1)), fc.integer({ min: 20, max: 80 })).map(([n, pct]): Fault => ({ kind: 'link-faults', between: ['n1', n], loss: pct / 100, duplicate: 0 }));
  return randomFaults({ nodes: ids, kinds: [...crash, ...base, lossy], window: WRITING_MS - 100, max: 6 });
}

function families(net: ReturnType<typeof networkParts>) {
  const r = <T extends Record<string, fc.Arbitrary<unknown>>>(family: AckFamily, parts: T) => fc.record({ family: fc.constant(family), ...net, ...parts });
  const members = fc.integer({ min: 3, max: 5 });
  return {
    crashBeforeFlush: r('crash-before-flush', { level: fc.constantFrom<'remote_flush' | 'remote_apply'>('remote_flush', 'remote_apply'), method, flushIntervalMs: fc.integer({ min: 40, max: 60 }) }),
    slowPriority: r('slow-priority-standby', { wide: fc.boolean(), slow: fc.constantFrom<'n2' | 'n3'>('n2', 'n3'), holdAt: fc.integer({ min: 200, max: 900 }), holdFor: fc.constantFrom(0, 40, 80, 120) }),
    firstPriorityLoss: fc.record({ family: fc.constant('first-priority-loss' as const), seed: net.seed, latencyMax: fc.integer({ min: 2, max: 6 }), holdBefore: fc.integer({ min: 30, max: 60 }) }),
    priorityDown: r('priority-standby-down', { wide: fc.boolean(), crash: fc.boolean(), at: fc.integer({ min: 200, max: 500 }), downFor: fc.integer({ min: 300, max: 600 }) }),
    quorum: r('quorum-commit', { stalled: fc.integer({ min: 0, max: 2 }), ties: fc.boolean(), stallAt: fc.integer({ min: 200, max: 800 }) }),
    remoteSite: r('remote-site', { method: fc.constantFrom<Method>('any', 'any', 'first') }),
    replayLag: r('replay-lag', { method, replayDelayMs: fc.integer({ min: 20, max: 60 }) }),
    remoteWrite: members.chain((m) => r('remote-write-no-crash', { members: fc.constant(m), method, faults: followerFaults(m, 'no-crash') })),
    unsatisfiable: r('unsatisfiable', { threeDown: fc.boolean(), at: fc.integer({ min: 300, max: 500 }), downFor: fc.integer({ min: 300, max: 500 }) }),
    local: members.chain((m) =>
      r('local', { members: fc.constant(m), lost: fc.subarray(nodeIds('n', m).slice(1), { maxLength: m - 2 }), powerLoss: fc.boolean(), faults: followerFaults(m, 'any') }),
    ),
    random: members.chain((m) =>
      randomPolicy(m).chain((policy) =>
        r('random', {
          members: fc.constant(m),
          policy: fc.constant(policy),
          lostPick: fc.nat(31),
          powerLoss: fc.constant(policy.level !== 'remote_write').chain((may) => (may ? fc.boolean() : fc.constant(false))),
          faults: followerFaults(m, policy.level === 'remote_write' ? 'no-crash' : 'any'),
        }),
      ),
    ),
  };
}

/** Any policy over the followers of an m-member cluster: never the leader, never a name twice. */
function randomPolicy(m: number): fc.Arbitrary<AckPolicy> {
  const followers = nodeIds('n', m).slice(1);
  return fc
    .record({
      level: fc.constantFrom<AckLevel>('local', 'remote_write', 'remote_flush', 'remote_apply'),
      method,
      names: fc.shuffledSubarray(followers, { minLength: 0 }),
      count: fc.integer({ min: 1, max: followers.length }),
    })
    .map(({ level, method: mth, names, count }) => ({ level, sync: { method: mth, count: Math.min(count, Math.max(1, names.length)), names } }));
}

function tierArbitrary(hidden: boolean): fc.Arbitrary<AckSpec> {
  const f = families(networkParts(hidden ? { latencyMax: 12, lossPct: 5 } : { latencyMax: 10, lossPct: 2 }));
  return fc.oneof(
    { arbitrary: f.crashBeforeFlush, weight: 3 },
    { arbitrary: f.slowPriority, weight: 3 },
    { arbitrary: f.firstPriorityLoss, weight: 2 },
    { arbitrary: f.priorityDown, weight: 3 },
    { arbitrary: f.quorum, weight: 5 },
    { arbitrary: f.remoteSite, weight: 3 },
    { arbitrary: f.replayLag, weight: 2 },
    { arbitrary: f.remoteWrite, weight: 2 },
    { arbitrary: f.unsatisfiable, weight: 2 },
    { arbitrary: f.local, weight: 1 },
    { arbitrary: f.random, weight: hidden ? 6 : 2 },
  ) as fc.Arbitrary<AckSpec>;
}

export const ackSpecArbitrary: fc.Arbitrary<AckSpec> = tierArbitrary(false);
/** The hidden tier: the same families over lossier, slower networks, with random schedules weighing more. */
export const hiddenAckSpecArbitrary: fc.Arbitrary<AckSpec> = tierArbitrary(true);

const policyOf = (level: AckLevel, m: Method, count: number, ...names: string[]): AckPolicy => ({ level, sync: { method: m, count, names } });
const triggered = (lost: readonly string[], at = WRITING_MS): Disaster => ({ lost, powerLoss: true, at, afterNextAck: true });
const SLOW_MS = 8;

/** Builds the scenario a spec describes; throws when it would break its policy's failure budget. */
export function buildAckScenario(spec: AckSpec): StandbyScenario {
  const net = networkOf(spec);
  const slower = (to: string, by = SLOW_MS) => ({ [`n1->${to}`]: { latency: { min: net.latency.min + by, max: net.latency.max + by } } });
  const faults: TimedFault[] = [];
  const add = (at: number, fault: Fault): void => void faults.push({ at, fault });
  let timing = DEFAULT_STANDBY_TIMING;
  let links: StandbyScenario['links'];
  let latency = net.latency;
  let members = 3;
  let policy: AckPolicy;
  let disaster: Disaster;
  switch (spec.family) {
    case 'crash-before-flush':
      policy = policyOf(spec.level, spec.method, 1, 'n2', 'n3');
      timing = { ...timing, flushIntervalMs: spec.flushIntervalMs };
      disaster = triggered(['n1']);
      break;
    case 'slow-priority-standby':
      members = spec.wide ? 4 : 3;
      policy = spec.wide ? policyOf('remote_flush', 'first', 2, 'n2', 'n3', 'n4') : policyOf('remote_flush', 'first', 1, 'n2', 'n3');
      if (spec.holdFor === 0) links = slower(spec.slow);
      else {
        add(spec.holdAt, { kind: 'hold', from: 'n1', to: spec.slow });
        add(spec.holdAt + spec.holdFor, { kind: 'release', from: 'n1', to: spec.slow });
      }
      disaster = triggered(['n1']);
      break;
    case 'first-priority-loss':
      policy = policyOf('remote_flush', 'first', 1, 'n2', 'n3');
      add(WRITING_MS - spec.holdBefore, { kind: 'hold', from: 'n1', to: 'n2' });
      // The first-count names stay streaming all run (their reports are never hindered, nothing
      // crashes before T), so the synchronous standby is known: the disaster may take every other.
      disaster = triggered(['n1', 'n3']);
      break;
    case 'priority-standby-down': {
      members = spec.wide ? 4 : 3;
      policy = spec.wide ? policyOf('remote_flush', 'first', 2, 'n2', 'n3', 'n4') : policyOf('remote_flush', 'first', 1, 'n2', 'n3');
      const back = spec.at + spec.downFor;
      if (spec.crash) {
        add(spec.at, { kind: 'crash', node: 'n2' });
        add(back, { kind: 'restart', node: 'n2' });
      } else {
        add(spec.at, { kind: 'partition', sides: [['n2'], nodeIds('n', members).filter((n) => n !== 'n2')] });
        add(back, { kind: 'heal' });
      }
      disaster = triggered(['n1'], Math.max(WRITING_MS, back + 200));
      break;
    }
    case 'quorum-commit': {
      members = 5;
      policy = policyOf('remote_flush', 'any', 2, 'n2', 'n3', 'n4', 'n5');
      // Stalled until the disaster: then only n2 and n3 can hold the newest writes.
      for (const n of ['n4', 'n5'].slice(0, spec.stalled)) add(spec.stallAt, { kind: 'hold', from: 'n1', to: n });
      if (spec.ties) {
        timing = { ...timing, flushIntervalMs: 0 };
        latency = { min: 1, max: 2 };
      } else links = slower('n3', 12);
      disaster = triggered(['n1', 'n2']);
      break;
    }
    case 'remote-site': {
      members = 5;
      policy = policyOf('remote_flush', spec.method, 1, 'n3', 'n4');
      const site = (n: string): number => (n === 'n1' || n === 'n2' ? 0 : 1);
      const ids = nodeIds('n', members);
      // A far site, flushing rarely: a write confirmed only in the leader's site is on no remote disk yet.
      links = Object.fromEntries(ids.flatMap((a) => ids.filter((b) => site(a) !== site(b)).map((b) => [`${a}->${b}`, { latency: { min: 20, max: 25 } }])));
      timing = { ...timing, flushIntervalMs: 40 };
      disaster = triggered(['n1', 'n2']);
      break;
    }
    case 'replay-lag':
      policy = policyOf('remote_apply', spec.method, 1, 'n2', 'n3');
      timing = { ...timing, replayDelayMs: spec.replayDelayMs };
      disaster = triggered(['n1']);
      break;
    case 'remote-write-no-crash':
      members = spec.members;
      policy = policyOf('remote_write', spec.method, 1, 'n2', 'n3');
      faults.push(...spec.faults);
      disaster = { lost: ['n1'], powerLoss: false, at: WRITING_MS, afterNextAck: true };
      break;
    case 'unsatisfiable':
      members = 5;
      policy = policyOf('remote_flush', 'any', 2, 'n2', 'n3', 'n4', 'n5');
      // n5 trails by more than the standby timeout, so the crashed n2's last report is still ahead of it once n2 counts as disconnected.
      links = slower('n5', 150);
      if (!spec.threeDown) for (const n of ['n3', 'n4']) add(0, { kind: 'hold', from: 'n1', to: n });
      for (const n of spec.threeDown ? ['n2', 'n3', 'n4'] : ['n2']) {
        add(spec.at, { kind: 'crash', node: n });
        add(spec.at + spec.downFor, { kind: 'restart', node: n });
      }
      disaster = triggered(['n1'], Math.max(WRITING_MS, spec.at + spec.downFor + 200));
      break;
    case 'local':
      members = spec.members;
      policy = policyOf('local', 'first', 1, 'n2');
      faults.push(...spec.faults);
      disaster = { lost: spec.lost, powerLoss: spec.powerLoss, at: WRITING_MS, afterNextAck: true };
      break;
    case 'random': {
      members = spec.members;
      policy = spec.policy;
      faults.push(...spec.faults);
      disaster = { lost: randomLost(members, policy, spec.lostPick), powerLoss: spec.powerLoss, at: WRITING_MS, afterNextAck: true };
      break;
    }
  }
  const scenario: StandbyScenario = {
    seed: spec.seed,
    members,
    ...net,
    latency,
    ...(links ? { links } : {}),
    faults: sortFaults(faults),
    faultPhaseMs: disaster.at + 200,
    keepDown: disaster.lost,
    policy,
    disaster,
    timing,
  };
  const problem = budgetProblem(scenario);
  if (problem !== undefined) throw new Error(`outside the failure budget: ${problem}`);
  return scenario;
}

/** A random disaster within the budget: up to `count` of the leader and the names, plus any unnamed followers. */
function randomLost(members: number, policy: AckPolicy, pick: number): string[] {
  const ids = nodeIds('n', members);
  const bits = (i: number): boolean => ((pick >> i) & 1) === 1;
  const unnamed = ids.slice(1).filter((id) => !policy.sync.names.includes(id));
  const budget = policy.level === 'local' || policy.sync.names.length === 0 ? 0 : policy.sync.count;
  const holders = policy.level === 'local' || policy.sync.names.length === 0 ? [] : ['n1', ...policy.sync.names];
  const lost = holders.filter((_, i) => bits(i)).slice(0, budget);
  return [...lost, ...unnamed.filter((_, i) => bits(i + 5))].slice(0, members - 1);
}

/**
 * Why the scenario's disaster could take an acknowledged write from a correct leader, or undefined:
 * the builder's guarantee (design §A.3, "Failure budget").
 */
export function budgetProblem(s: StandbyScenario): string | undefined {
  const { policy, disaster } = s;
  const async = policy.level === 'local' || policy.sync.names.length === 0;
  const holders = ['n1', ...policy.sync.names];
  const lostHolders = disaster.lost.filter((id) => holders.includes(id));
  if (async) return disaster.lost.includes('n1') ? 'an asynchronous policy keeps acknowledged writes only on the leader, and the disaster takes it' : undefined;
  const knownSync = s.faults.length === 0 || s.faults.every((f) => f.fault.kind === 'hold' && f.fault.from === 'n1' && policy.sync.names.slice(0, policy.sync.count).includes(f.fault.to));
  const refined = policy.sync.method === 'first' && knownSync && (s.loss ?? 0) === 0 && lostHolders.every((id) => !policy.sync.names.slice(0, policy.sync.count).includes(id));
  if (!refined && lostHolders.length > policy.sync.count) return `the disaster takes ${lostHolders.join(', ')}: more than ${policy.sync.count} of the leader and its named standbys`;
  if (policy.level === 'remote_write') {
    if (disaster.powerLoss) return 'remote_write copies live in memory, and a power loss wipes them';
    if (s.faults.some((f) => f.fault.kind === 'crash')) return 'remote_write copies live in memory, and a crash wipes them';
  }
  return undefined;
}
