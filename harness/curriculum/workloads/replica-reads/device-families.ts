/**
 * Generated scenarios of users on two devices each (design §D.3's families; read-your-writes grades
 * with them, and monotonic-reads' optional afterWrite check runs them too), each built around one bug with
 * its critical read scripted, never left to chance: a second device reading 1 ms after the first
 * one's ack while the follower routed to is held behind; a follower restarting from an older
 * checkpoint just after applying the user's write, read 1 ms after the restart while its hint still
 * says caught up; a leader crash with the last writer reading as soon as the proxy believes in the new
 * leader; one follower held behind for a while; the proxy cut off from followers; writes stopping
 * well before the end; and random faults. Users u1–u3 with two devices each alternate writes (their
 * own key and a shared one) and reads (mostly their own key) with 200–400 ms think times (design §J cut 1); writes stop
 * when recovery begins, reads go on.
 */
import fc from 'fast-check';
import { plannedRecovery, READ_PIPELINE, readBoundMs, serveBoundMs, writeBoundMs, DEFAULT_FAILOVER_TIMING, DEFAULT_PROXY_TIMING, type DeviceOp, type SessionScenario } from '../../../cluster/index.ts';
import { describeFault, type Fault, type TimedFault } from '../../../sim/index.ts';
import { calmLeaderPath, seededRandom } from './cluster-runs.ts';
import { describeSpec, networkOf, networkParts, randomFaults, scheduleLines, sortFaults, type NetworkSpec } from '../../scenario-kit.ts';

export type RywScenarioSpec =
  | (NetworkSpec & { family: 'cross-device'; writeAt: number })
  | (NetworkSpec & { family: 'pipelined-writes'; writeAt: number })
  | (NetworkSpec & { family: 'follower-restart'; writeAt: number })
  | (NetworkSpec & { family: 'failover'; crashAt: number })
  | (NetworkSpec & { family: 'lagging-follower'; from: number; holdFor: number; follower: number })
  | (NetworkSpec & { family: 'proxy-partition'; at: number; cut: readonly number[]; oneWay: boolean })
  | (NetworkSpec & { family: 'quiet-end'; quietFor: number })
  | (NetworkSpec & { family: 'random'; faults: readonly TimedFault[] });

const TIMING = DEFAULT_FAILOVER_TIMING;
const MEMBERS = 3;
export const FAULT_PHASE_MS = 1000;
/**
 * Reads invoked this long into recovery are owed an answer (design §D.3): a leader serving, its writes
 * committed, one checkpoint's backlog replayed.
 */
export const SETTLE_MS = serveBoundMs(TIMING) + writeBoundMs(TIMING) + READ_PIPELINE.appliedDurability.checkpointMs + 100;
export const READ_BOUND_MS = Math.ceil(readBoundMs(MEMBERS, DEFAULT_PROXY_TIMING, TIMING.maxLatencyMs, TIMING.maxDrift));
const RECOVERY_MS = SETTLE_MS + READ_BOUND_MS + 150;
const USERS = ['u1', 'u2', 'u3'];
const SHARED = 's';
const own = (user: string): string => `x${user.slice(1)}`;

/** The families whose critical reads are scripted right after a write or a fault (design §D.3). */
export const SCRIPTED: readonly RywScenarioSpec['family'][] = ['cross-device', 'pipelined-writes', 'follower-restart', 'failover'];

function families(limits: { latencyMax: number; lossPct: number; maxFaults: number }, only?: readonly RywScenarioSpec['family'][]) {
  const net = networkParts(limits);
  // Families whose leader path must stay calm run without loss, so every read in them is owed an answer.
  const calm = { seed: net.seed, latencyMax: net.latencyMax };
  const arbitraries: { family: RywScenarioSpec['family']; weight: number; arbitrary: fc.Arbitrary<RywScenarioSpec> }[] = [
    { family: 'cross-device', weight: 2, arbitrary: fc.record({ family: fc.constant('cross-device' as const), ...calm, writeAt: fc.integer({ min: 150, max: 700 }) }) },
    // A fixed 2 ms latency: the family places its holds between two messages of the leader.
    { family: 'pipelined-writes', weight: 2, arbitrary: fc.record({ family: fc.constant('pipelined-writes' as const), seed: net.seed, latencyMax: fc.constant(2), writeAt: fc.integer({ min: 150, max: 350 }) }) },
    // Latency stays low here so that the read reaches the restarted follower before its first apply tick.
    { family: 'follower-restart', weight: 2, arbitrary: fc.record({ family: fc.constant('follower-restart' as const), seed: net.seed, latencyMax: fc.integer({ min: 2, max: 4 }), writeAt: fc.integer({ min: 210, max: 260 }) }) },
    { family: 'failover', weight: 2, arbitrary: fc.record({ family: fc.constant('failover' as const), ...net, crashAt: fc.integer({ min: 200, max: 700 }) }) },
    { family: 'lagging-follower', weight: 2, arbitrary: fc.record({ family: fc.constant('lagging-follower' as const), ...calm, from: fc.integer({ min: 50, max: 300 }), holdFor: fc.integer({ min: 100, max: 800 }), follower: fc.integer({ min: 2, max: MEMBERS }) }) },
    { family: 'proxy-partition', weight: 1, arbitrary: fc.record({ family: fc.constant('proxy-partition' as const), ...net, at: fc.integer({ min: 50, max: 400 }), cut: fc.subarray([2, 3], { minLength: 1 }), oneWay: fc.boolean() }) },
    { family: 'quiet-end', weight: 1, arbitrary: fc.record({ family: fc.constant('quiet-end' as const), ...calm, quietFor: fc.integer({ min: 600, max: 800 }) }) },
    {
      family: 'random',
      weight: 2,
      arbitrary: fc.record({
        family: fc.constant('random' as const),
        ...net,
        faults: randomFaults({ nodes: ['n1', 'n2', 'n3'], kinds: ['crash', 'restart', 'pause', 'resume'], window: FAULT_PHASE_MS - 100, max: limits.maxFaults }),
      }),
    },
  ];
  const chosen = only === undefined ? arbitraries : arbitraries.filter((a) => only.includes(a.family));
  return fc.oneof(...chosen.map(({ weight, arbitrary }) => ({ weight, arbitrary })));
}

export const rywScenarioSpecArbitrary: fc.Arbitrary<RywScenarioSpec> = families({ latencyMax: 6, lossPct: 3, maxFaults: 4 });
export const hiddenRywScenarioSpecArbitrary: fc.Arbitrary<RywScenarioSpec> = families({ latencyMax: 10, lossPct: 8, maxFaults: 6 });
/** Only the scripted families (or some of them), for checks with a handful of runs that must each meet a critical read. */
export const scriptedRywScenarioSpecArbitrary = (tier: 'public' | 'hidden', only = SCRIPTED): fc.Arbitrary<RywScenarioSpec> =>
  tier === 'hidden' ? families({ latencyMax: 10, lossPct: 8, maxFaults: 6 }, only) : families({ latencyMax: 6, lossPct: 3, maxFaults: 4 }, only);


/**
 * A device's background workload: alternating writes (its user's own key, sometimes the shared one)
 * and reads (its own key mostly, sometimes another user's or the shared one) until `writesUntil`,
 * then reads only until `until`.
 */
function background(device: string, rnd: () => number, from: number, writesUntil: number, until: number, write = true): DeviceOp[] {
  const user = device.slice(0, -1);
  const ops: DeviceOp[] = [];
  let t = from;
  let i = 0;
  while (t < until) {
    const thinkMs = 200 + Math.floor(rnd() * 201);
    t += thinkMs + 30;
    const writing = write && i % 2 === 0 && t < writesUntil;
    const r = rnd();
    if (writing) ops.push({ kind: 'put', key: r < 0.75 ? own(user) : SHARED, value: `${device}-${i}`, thinkMs });
    else ops.push({ kind: 'get', key: r < 0.6 ? own(user) : r < 0.8 ? SHARED : own(USERS[Math.floor(rnd() * USERS.length)]!), thinkMs });
    i++;
  }
  return ops;
}

const devicesOf = (users: readonly string[]): string[] => users.flatMap((u) => [`${u}a`, `${u}b`]);
const hold = (from: string, to: string, at: number, until: number): TimedFault[] => [
  { at, fault: { kind: 'hold', from, to } },
  { at: Math.min(until, FAULT_PHASE_MS - 1), fault: { kind: 'release', from, to } },
];

/**
 * A run whose leader path stays calm judges every read from early on, so its recovery phase only
 * has to let the last reads finish; the others wait `SETTLE_MS` into recovery, then a read's bound.
 */
export const CALM_RECOVERY_MS = READ_BOUND_MS + 300;

/**
 * The followers a scripted family aims at: `first`, the one u1 reads from first (held behind, or
 * restarted), and `second`, the other. Without homes the proxy tries n2 first; a run with homes
 * aims at u1's home, else the family would hold a follower u1 never reads from. The families'
 * comments call them n2 and n3.
 */
export interface AimedFollowers {
  readonly first: string;
  readonly second: string;
}
const AIM_WITHOUT_HOMES: AimedFollowers = { first: 'n2', second: 'n3' };

export function buildRywScenario(spec: Parameters<typeof buildRywScenarioParts>[0], aim: AimedFollowers = AIM_WITHOUT_HOMES): SessionScenario {
  const scenario = buildRywScenarioParts(spec, aim);
  return calmLeaderPath(scenario) ? { ...scenario, recoveryMs: CALM_RECOVERY_MS } : scenario;
}

function buildRywScenarioParts(spec: RywScenarioSpec, aim: AimedFollowers): SessionScenario {
  const net = networkOf(spec, 0.01);
  const base = { seed: spec.seed, ...net, members: MEMBERS, recoveryMs: RECOVERY_MS, faultPhaseMs: FAULT_PHASE_MS };
  const end = FAULT_PHASE_MS + RECOVERY_MS - READ_BOUND_MS;
  const rnd = seededRandom(spec.seed, 1);
  const all = (writesUntil = FAULT_PHASE_MS, skip: readonly string[] = [], readOnly: readonly string[] = []): Record<string, DeviceOp[]> =>
    Object.fromEntries(devicesOf(USERS).filter((d) => !skip.includes(d)).map((d) => [d, background(d, rnd, 0, writesUntil, end, !readOnly.includes(d.slice(0, -1)))]));
  switch (spec.family) {
    case 'cross-device': {
      // Other writers pause: u1a writes once, u1b reads that key 1 ms after the ack reaches u1a, and
      // the follower routed to first (n2, or u1's home) is held behind the write.
      const devices = all(FAULT_PHASE_MS, ['u1a', 'u1b'], ['u2', 'u3']);
      devices.u1a = [{ kind: 'put', key: 'x1', value: 'u1a-w', thinkMs: spec.writeAt, signal: 'acked' }, ...background('u1a', rnd, spec.writeAt + 300, 0, end, false)];
      devices.u1b = [{ kind: 'get', key: 'x1', thinkMs: 1, after: 'acked' }, ...background('u1b', rnd, spec.writeAt + 300, 0, end, false)];
      return { ...base, devices, faults: sortFaults(hold('n1', aim.first, spec.writeAt - 40, spec.writeAt + 300)) };
    }
    case 'pipelined-writes': {
      // Twice, u1a and u1b write 1 ms apart (on a moment, so device clocks cannot spread them): first
      // different keys, then the same key (which a per-key session needs to go wrong); u1a then reads
      // the key of the higher ack. With every message taking 2 ms the holds land between two of the
      // leader's messages: n1 commits the first write (lsn L) when the followers' replies arrive at +8
      // and sends each the second entry with commit L, arriving at +10; n1→n2 is held from +11, so n2
      // applies L and never learns that L+1 committed (n3 commits it); n1→proxy is held over both
      // acks (+10, +14) and released newest first, so the proxy sees L+1 before L. The read comes once
      // n2's hint shows L.
      const devices = all(FAULT_PHASE_MS, ['u1a', 'u1b'], ['u2', 'u3']);
      const pairs = [{ at: spec.writeAt, second: SHARED }, { at: spec.writeAt + 450, second: 'x1' }];
      devices.u1a = [...pairs.flatMap((p, i): DeviceOp[] => [{ kind: 'put', key: 'x1', value: `u1a-w${i}`, thinkMs: 0, after: `pipeline-${i}` }, { kind: 'get', key: p.second, thinkMs: 80 }]), ...background('u1a', rnd, spec.writeAt + 600, 0, end, false)];
      devices.u1b = [...pairs.map((p, i): DeviceOp => ({ kind: 'put', key: p.second, value: `u1b-w${i}`, thinkMs: 1, after: `pipeline-${i}` })), ...background('u1b', rnd, spec.writeAt + 600, 0, end, false)];
      const faults = pairs.flatMap(({ at }): TimedFault[] => [
        { at: at + 9, fault: { kind: 'hold', from: 'n1', to: 'proxy' } },
        { at: at + 11, fault: { kind: 'hold', from: 'n1', to: aim.first } },
        { at: at + 16, fault: { kind: 'release', from: 'n1', to: 'proxy', order: 'newest-first' } },
        { at: Math.min(at + 300, FAULT_PHASE_MS - 1), fault: { kind: 'release', from: 'n1', to: aim.first } },
      ]);
      return { ...base, latency: { min: 2, max: 2 }, reorder: 0, devices, faults: sortFaults(faults), moments: pairs.map((p, i) => ({ at: p.at, signal: `pipeline-${i}` })) };
    }
    case 'follower-restart': {
      // n2 applies u1's write and crashes before its next checkpoint (at 400 ms); n3 is held behind
      // the write; u1b reads 1 ms after n2 restarts, while the proxy still hints n2 caught up.
      const crashAt = spec.writeAt + 110;
      const restartAt = crashAt + 5;
      const devices = all(FAULT_PHASE_MS, ['u1a', 'u1b']);
      devices.u1a = [{ kind: 'put', key: 'x1', value: 'u1a-w', thinkMs: spec.writeAt }, ...background('u1a', rnd, restartAt + 50, FAULT_PHASE_MS, end)];
      devices.u1b = [{ kind: 'get', key: 'x1', thinkMs: 1, after: 'restarted' }, ...background('u1b', rnd, restartAt + 50, FAULT_PHASE_MS, end)];
      const faults: TimedFault[] = [...hold('n1', aim.second, spec.writeAt - 160, restartAt + 200), { at: crashAt, fault: { kind: 'crash', node: aim.first } }, { at: restartAt, fault: { kind: 'restart', node: aim.first } }];
      return { ...base, devices, faults: sortFaults(faults), moments: [{ at: restartAt, signal: 'restarted' }] };
    }
    case 'failover': {
      // The leader crashes for good 1 ms after the ack of u1a's write reaches u1a, before the others
      // learn that it committed; u1a reads as soon as the proxy believes in the new leader, whose
      // applied position trails its commit until it has committed an entry of its own epoch.
      const devices = all(spec.crashAt, ['u1a']);
      devices.u1a = [
        { kind: 'put', key: 'x1', value: 'u1a-last', thinkMs: spec.crashAt, signal: 'acked' },
        { kind: 'get', key: 'x1', thinkMs: 0, after: 'new-leader' },
        { kind: 'get', key: SHARED, thinkMs: 1 },
        ...background('u1a', rnd, FAULT_PHASE_MS, 0, end, false),
      ];
      return { ...base, devices, faults: [], triggers: [{ signal: 'acked', delayMs: 1, fault: { kind: 'crash', node: 'n1' } }], keepDown: ['n1'] };
    }
    case 'lagging-follower': {
      const follower = `n${spec.follower}`;
      return { ...base, devices: all(), faults: sortFaults(hold('n1', follower, spec.from, spec.from + spec.holdFor)) };
    }
    case 'proxy-partition': {
      const cut = spec.cut.map((n) => `n${n}`);
      const fault: Fault = spec.oneWay ? { kind: 'partition-one-way', from: ['proxy'], to: cut } : { kind: 'partition', sides: [['proxy'], cut] };
      return { ...base, devices: all(), faults: [{ at: spec.at, fault }, { at: Math.min(spec.at + 500, FAULT_PHASE_MS - 1), fault: { kind: 'heal' } }] };
    }
    case 'quiet-end':
      return { ...base, devices: all(FAULT_PHASE_MS + CALM_RECOVERY_MS - spec.quietFor), faults: [] };
    case 'random':
      return { ...base, devices: all(), faults: sortFaults(spec.faults) };
  }
}

export function describeRywSpec(spec: RywScenarioSpec): string {
  return describeSpec(spec, { omit: ['faults'] });
}

export function rywSchedule(scenario: SessionScenario): string[] {
  const members = Array.from({ length: scenario.members }, (_, i) => `n${i + 1}`);
  const scripted = Object.entries(scenario.devices).flatMap(([d, ops]) => ops.filter((o) => o.after !== undefined).map((o) => `${d} ${o.kind === 'get' ? `reads ${o.key}` : `writes ${o.key}`} ${o.thinkMs} ms after ${o.after === 'acked' ? 'the ack of the write reaches u1a' : o.after === 'restarted' ? 'the restart' : o.after?.startsWith('pipeline-') === true ? `t=${scenario.moments?.find((m) => m.signal === o.after)?.at} ms` : 'the proxy believes in a new leader'}`));
  const triggered = (scenario.triggers ?? []).map((t) => `scripted: ${describeFault(t.fault)} ${t.delayMs} ms after the ack of u1a's write reaches u1a`);
  return [...triggered, ...scheduleLines(scenario, plannedRecovery(scenario, members)), ...scripted.map((s) => `scripted: ${s}`)];
}
