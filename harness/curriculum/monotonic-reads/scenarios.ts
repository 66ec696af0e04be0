/**
 * Generated scenarios of monotonic reads (design §E.3's families), each built around one bug with
 * its critical reads scripted: a home follower that restarts from an old checkpoint (replaying one
 * entry a tick) just after its users were shown a newer state, read 1 ms after the restart; a home
 * that goes down just after its users saw its newest state while the other read followers lag by
 * different amounts; a read follower decommissioned or a new empty one (n7) added (the log reaching
 * it 120 ms late, so it is read from before its first apply), the users re-homed
 * reading at once; a
 * leader crash with the read followers cut off from the proxy; one read follower always ahead of
 * the others; writes stopping well before the end; and random faults. Users u1–u4 (one device
 * each) only read, with 250–500 ms think times (design §J cut 1); two harness writers (w1, w2) write until 600 ms
 * before the end. Voters n1–n3; non-voting read followers n4–n6 are the homes.
 */
import fc from 'fast-check';
import { DEFAULT_FAILOVER_TIMING, DEFAULT_PROXY_TIMING, plannedRecovery, READ_PIPELINE, readBoundMs, rendezvousHome, serveBoundMs, writeBoundMs, type DeviceOp, type SessionScenario } from '../../cluster/index.ts';
import type { Fault, TimedFault } from '../../sim/index.ts';
import { calmLeaderPath, seededRandom } from '../workloads/replica-reads/index.ts';
import { describeSpec, networkOf, networkParts, randomFaults, scheduleLines, sortFaults, type NetworkSpec } from '../scenario-kit.ts';

export type MonotonicScenarioSpec =
  | (NetworkSpec & { family: 'home-restarts-behind'; crashAt: number })
  | (NetworkSpec & { family: 'home-goes-down'; downAt: number; lagA: number; lagB: number; cutOff: boolean })
  | (NetworkSpec & { family: 'membership'; at: number; node: number })
  | (NetworkSpec & { family: 'failover'; crashAt: number })
  | (NetworkSpec & { family: 'home-behind-others'; ahead: number })
  | (NetworkSpec & { family: 'quiet-end' })
  | (NetworkSpec & { family: 'random'; faults: readonly TimedFault[] });

const TIMING = DEFAULT_FAILOVER_TIMING;
const VOTERS = 3;
export const READ_FOLLOWERS = ['n4', 'n5', 'n6'];
const MEMBERS = VOTERS + READ_FOLLOWERS.length;
export const FAULT_PHASE_MS = 1000;
const RESTART_PIPELINE = { ...READ_PIPELINE, applyLimit: 1, appliedDurability: { checkpointMs: 400 } };
/**
 * Reads invoked this long into recovery are owed an answer: a leader serving, its writes committed,
 * a checkpoint's backlog replayed (the slow pipeline's restart is over long before recovery).
 */
export const SETTLE_MS = serveBoundMs(TIMING) + writeBoundMs(TIMING) + READ_PIPELINE.appliedDurability.checkpointMs + 150;
/** The bound on a judged read with `members` members (a joining read follower adds an attempt). */
export const readBoundOf = (members: number): number => Math.ceil(readBoundMs(members, DEFAULT_PROXY_TIMING, TIMING.maxLatencyMs, TIMING.maxDrift));
export const READ_BOUND_MS = readBoundOf(MEMBERS);
const RECOVERY_MS = SETTLE_MS + READ_BOUND_MS + 150;
const END_MS = FAULT_PHASE_MS + RECOVERY_MS;
// Design §J's second cut: 4 users instead of 6 (each home keeps at least one).
const USERS = ['u1', 'u2', 'u3', 'u4'];
const KEYS = ['k1', 'k1', 'k1', 'k2', 'k3'];
/** Users by home, as the proxy assigns them before any change of membership. */
const usersOf = (home: string): string[] => USERS.filter((u) => rendezvousHome(u, READ_FOLLOWERS) === home);

function families(limits: { latencyMax: number; lossPct: number; maxFaults: number }) {
  const net = networkParts(limits);
  const calm = { seed: net.seed, latencyMax: net.latencyMax };
  return fc.oneof(
    // Latency stays low so that the read reaches the restarted follower while it replays.
    { weight: 2, arbitrary: fc.record({ family: fc.constant('home-restarts-behind' as const), seed: net.seed, latencyMax: fc.integer({ min: 2, max: 4 }), crashAt: fc.integer({ min: 560, max: 760 }) }) },
    { weight: 2, arbitrary: fc.record({ family: fc.constant('home-goes-down' as const), ...calm, downAt: fc.integer({ min: 400, max: 800 }), lagA: fc.integer({ min: 60, max: 300 }), lagB: fc.integer({ min: 300, max: 600 }), cutOff: fc.boolean() }) },
    // node 4–6: that read follower is decommissioned; 7: n7 joins, empty.
    { weight: 1, arbitrary: fc.record({ family: fc.constant('membership' as const), ...calm, at: fc.integer({ min: 300, max: 800 }), node: fc.integer({ min: 4, max: 7 }) }) },
    { weight: 2, arbitrary: fc.record({ family: fc.constant('failover' as const), ...net, crashAt: fc.integer({ min: 300, max: 700 }) }) },
    { weight: 2, arbitrary: fc.record({ family: fc.constant('home-behind-others' as const), ...calm, ahead: fc.integer({ min: 4, max: 6 }) }) },
    { weight: 1, arbitrary: fc.record({ family: fc.constant('quiet-end' as const), ...calm }) },
    {
      weight: 2,
      arbitrary: fc.record({
        family: fc.constant('random' as const),
        ...net,
        faults: randomFaults({ nodes: ['n1', 'n2', 'n4', 'n5', 'n6'], kinds: ['crash', 'restart', 'pause', 'resume'], window: FAULT_PHASE_MS - 100, max: limits.maxFaults }),
      }),
    },
  ) as fc.Arbitrary<MonotonicScenarioSpec>;
}

export const monotonicScenarioSpecArbitrary: fc.Arbitrary<MonotonicScenarioSpec> = families({ latencyMax: 6, lossPct: 3, maxFaults: 4 });
export const hiddenMonotonicScenarioSpecArbitrary: fc.Arbitrary<MonotonicScenarioSpec> = families({ latencyMax: 10, lossPct: 8, maxFaults: 6 });


/** A reader's background reads, 250–500 ms apart, until `until`. */
function reads(rnd: () => number, until: number, from = 0): DeviceOp[] {
  const ops: DeviceOp[] = [];
  for (let t = from; t < until; ) {
    const thinkMs = 250 + Math.floor(rnd() * 251);
    t += thinkMs + 30;
    ops.push({ kind: 'get', key: KEYS[Math.floor(rnd() * KEYS.length)]!, thinkMs });
  }
  return ops;
}

/** A harness writer: writes 60–160 ms apart until `until` (k1 most often, so it moves fast). */
function writes(rnd: () => number, name: string, until: number): DeviceOp[] {
  const ops: DeviceOp[] = [];
  for (let t = 0, i = 0; t < until; i++) {
    const thinkMs = 60 + Math.floor(rnd() * 101);
    t += thinkMs + 30;
    ops.push({ kind: 'put', key: KEYS[Math.floor(rnd() * KEYS.length)]!, value: `${name}-${i}`, thinkMs });
  }
  return ops;
}

/** Reads placed on a signal: `k1` (written often), then `k2` (rarely), each `thinkMs` apart. */
const scripted = (after: string, keys: readonly string[] = ['k1']): DeviceOp[] => keys.map((key, i): DeviceOp => (i === 0 ? { kind: 'get', key, thinkMs: 1, after } : { kind: 'get', key, thinkMs: 1 }));

/**
 * A run whose leader path stays calm judges every read from early on, so its recovery phase only
 * has to let the last reads finish; the others wait `SETTLE_MS` into recovery, then a read's bound.
 */
export const CALM_RECOVERY_MS = READ_BOUND_MS + 300;

export function buildMonotonicScenario(spec: Parameters<typeof buildMonotonicScenarioParts>[0]): SessionScenario {
  const scenario = buildMonotonicScenarioParts(spec);
  return calmLeaderPath(scenario) ? { ...scenario, recoveryMs: CALM_RECOVERY_MS } : scenario;
}

function buildMonotonicScenarioParts(spec: MonotonicScenarioSpec): SessionScenario {
  const base = { seed: spec.seed, ...networkOf(spec, 0.01), members: VOTERS, readFollowers: READ_FOLLOWERS.length, homes: true, recoveryMs: RECOVERY_MS, faultPhaseMs: FAULT_PHASE_MS };
  const rnd = seededRandom(spec.seed, 7);
  const lastRead = END_MS - READ_BOUND_MS;
  const writers = (until = END_MS - 600): Record<string, DeviceOp[]> => ({ w1a: writes(rnd, 'w1', until), w2a: writes(rnd, 'w2', until) });
  const readers = (script: (u: string) => DeviceOp[] = () => []): Record<string, DeviceOp[]> => Object.fromEntries(USERS.map((u) => [`${u}a`, [...script(u), ...reads(rnd, lastRead)]]));
  const hold = (from: string, to: string, at: number, until: number): TimedFault[] => [
    { at, fault: { kind: 'hold', from, to } },
    { at: Math.min(until, FAULT_PHASE_MS - 1), fault: { kind: 'release', from, to } },
  ];
  switch (spec.family) {
    case 'home-restarts-behind': {
      // n4 checkpoints at 400 ms; its users read k1 and k2 40 ms before it crashes, and again 1 ms
      // after it restarts, while the proxy's hint still says it is caught up.
      const restartAt = spec.crashAt + 5;
      const home = usersOf('n4');
      const devices = { ...writers(), ...readers((u) => (home.includes(u) ? [...scripted('before', ['k1', 'k2']), ...scripted('restarted', ['k1', 'k2'])] : [])) };
      const faults: TimedFault[] = [{ at: spec.crashAt, fault: { kind: 'crash', node: 'n4' } }, { at: restartAt, fault: { kind: 'restart', node: 'n4' } }];
      return { ...base, devices, faults, pipeline: RESTART_PIPELINE, moments: [{ at: spec.crashAt - 40, signal: 'before' }, { at: restartAt, signal: 'restarted' }] };
    }
    case 'home-goes-down': {
      // n5 and n6 lag by different amounts; n4's users read once early, then are shown n4's newest
      // state (k1, then the rarely written k2); then n4 crashes or is cut off, the proxy loses the
      // voting followers too, and they read k1 from what is left: the lagging n5 and n6, or the leader.
      const home = usersOf('n4');
      const early: DeviceOp = { kind: 'get', key: 'k1', thinkMs: 100 };
      const devices = { ...writers(), ...readers((u) => (home.includes(u) ? [early, ...scripted('before', ['k1', 'k2']), ...scripted('down', ['k1', 'k1'])] : [])) };
      const cut = spec.cutOff ? ['n2', 'n3', 'n4'] : ['n2', 'n3'];
      const faults: TimedFault[] = [
        ...hold('n1', 'n5', Math.max(150, spec.downAt - spec.lagA), spec.downAt + 200),
        ...hold('n1', 'n6', Math.max(150, spec.downAt - spec.lagB), spec.downAt + 300),
        ...(spec.cutOff ? [] : [{ at: spec.downAt, fault: { kind: 'crash', node: 'n4' } as Fault }]),
        { at: spec.downAt, fault: { kind: 'partition', sides: [['proxy'], cut] } },
        { at: Math.min(spec.downAt + 400, FAULT_PHASE_MS - 1), fault: { kind: 'heal' } },
      ];
      return { ...base, devices, faults: sortFaults(faults), moments: [{ at: spec.downAt - 30, signal: 'before' }, { at: spec.downAt, signal: 'down' }] };
    }
    case 'membership': {
      // A read follower is decommissioned, or n7 joins empty (replaying one entry a tick); the users
      // re-homed read at once, and again 40 ms later, once the proxy has heard from a new home.
      const node = `n${spec.node}`;
      const adding = !READ_FOLLOWERS.includes(node);
      const moved = adding ? USERS.filter((u) => rendezvousHome(u, [...READ_FOLLOWERS, node]) === node) : usersOf(node);
      // The rarely written keys: a follower replaying from position 1 lacks them longest.
      const again: DeviceOp[] = adding ? [{ kind: 'get', key: 'k2', thinkMs: 35 }, { kind: 'get', key: 'k3', thinkMs: 1 }] : [];
      const seen = adding ? ['k1', 'k2', 'k3'] : ['k1', 'k2'];
      const devices = { ...writers(), ...readers((u) => (moved.includes(u) ? [...scripted('before', seen), ...scripted('gone', ['k1', 'k2']), ...again] : [])) };
      const moments = [{ at: spec.at - 30, signal: 'before' }, { at: spec.at, signal: 'gone' }];
      // A third writer puts the rare keys at high positions just before, so the newcomer lacks them longest.
      const late: DeviceOp[] = [{ kind: 'put', key: 'k2', value: 'w3-k2', thinkMs: spec.at - 80 }, { kind: 'put', key: 'k3', value: 'w3-k3', thinkMs: 1 }];
      // The leader's log reaches n7 only 120 ms after it joins (a new follower copying a snapshot),
      // so the proxy hears it empty, and reads re-homed to it meet it before its first apply.
      if (adding) return { ...base, readFollowers: READ_FOLLOWERS.length + 1, devices: { ...devices, w3a: late }, faults: hold('n1', node, spec.at, spec.at + 120), added: [{ node, at: spec.at }], pipeline: RESTART_PIPELINE, moments };
      return { ...base, devices, faults: [], decommission: [{ node, at: spec.at }], moments };
    }
    case 'failover': {
      // The leader crashes for good while the proxy is cut off from n3 and the read followers: reads
      // fall back to n2, and to it as the new leader once the proxy believes in it (n1 still listed first).
      const devices = { ...writers(), ...readers((u) => scripted('new-leader', u === 'u1' ? ['k1', 'k2'] : ['k1'])) };
      const faults: TimedFault[] = [
        { at: spec.crashAt, fault: { kind: 'crash', node: 'n1' } },
        { at: spec.crashAt, fault: { kind: 'partition', sides: [['proxy'], ['n3', ...READ_FOLLOWERS]] } },
        { at: Math.min(spec.crashAt + 450, FAULT_PHASE_MS - 1), fault: { kind: 'heal' } },
      ];
      return { ...base, devices, faults, keepDown: ['n1'] };
    }
    case 'home-behind-others': {
      // One read follower is always furthest ahead: the others get the log later.
      const ahead = `n${spec.ahead}`;
      const links = Object.fromEntries(READ_FOLLOWERS.filter((f) => f !== ahead).map((f) => [`n1->${f}`, { latency: { min: 12, max: 20 } }]));
      return { ...base, devices: { ...writers(), ...readers() }, faults: [], links };
    }
    case 'quiet-end':
      return { ...base, devices: { ...writers(FAULT_PHASE_MS + CALM_RECOVERY_MS - 700), ...readers() }, faults: [] };
    case 'random':
      return { ...base, devices: { ...writers(), ...readers() }, faults: sortFaults(spec.faults) };
  }
}

/**
 * Design §E.7's rollback lesson, for a cluster committing asynchronously: from 150 ms before `at` the
 * leader's appends reach only n4; a third writer writes the rarely written k2 then, and n4's users
 * read k1 and k2 20 ms before n1 and n4 crash for good. n2 or n3 then leads without those writes;
 * the same users read k2 and k1 as soon as the proxy believes in it, and k2 again 300 ms later,
 * while the writers go on, filling the lost positions anew.
 */
export function buildRollbackScenario(seed: number, at = 600): SessionScenario {
  const base = buildMonotonicScenario({ family: 'quiet-end', seed, latencyMax: 3 });
  const rnd = seededRandom(seed, 11);
  const home = usersOf('n4');
  const after: DeviceOp[] = [...scripted('new-leader', ['k2', 'k1']), { kind: 'get', key: 'k2', thinkMs: 300 }];
  const devices = Object.fromEntries(Object.entries(base.devices).map(([d, ops]) => [d, home.includes(d.slice(0, -1)) ? [...scripted('before', ['k1', 'k2']), ...after, ...reads(rnd, FAULT_PHASE_MS + 300, at + 400)] : ops]));
  const faults: TimedFault[] = [
    ...['n2', 'n3', 'n5', 'n6'].map((to): TimedFault => ({ at: at - 150, fault: { kind: 'hold', from: 'n1', to } })),
    { at, fault: { kind: 'crash', node: 'n1' } },
    { at, fault: { kind: 'crash', node: 'n4' } },
  ];
  // Nothing is judged after the failover's reads, so the run ends 400 ms after the fault phase.
  return {
    ...base,
    recoveryMs: 400,
    devices: { ...devices, w3a: [{ kind: 'put', key: 'k2', value: 'w3-lost', thinkMs: at - 100 }] },
    faults,
    keepDown: ['n1', 'n4'],
    moments: [{ at: at - 20, signal: 'before' }],
  };
}

export function describeMonotonicSpec(spec: MonotonicScenarioSpec): string {
  return describeSpec(spec, { omit: ['faults'] });
}

const MOMENT_WORDS: Record<string, string> = { before: 'a moment shortly before the fault', restarted: 'the restart', down: 'the home went down', gone: 'the change of membership', 'new-leader': 'the proxy believes in a new leader' };

/** A signal in words; the one placed shortly before a fault by its time, since it names no event of its own. */
function momentWords(scenario: SessionScenario, signal: string): string {
  const at = scenario.moments?.find((m) => m.signal === signal)?.at;
  return signal === 'before' && at !== undefined ? `t=${at}ms, shortly before the fault` : (MOMENT_WORDS[signal] ?? signal);
}

export function monotonicSchedule(scenario: SessionScenario): string[] {
  const members = Array.from({ length: MEMBERS }, (_, i) => `n${i + 1}`);
  const changes = [
    ...(scenario.decommission ?? []).map((d) => `t=${d.at}ms decommission ${d.node} (down for good, its users re-homed)`),
    ...(scenario.added ?? []).map((a) => `t=${a.at}ms add ${a.node} (starts empty and replicates from position 1, one entry a tick; the users it becomes home to are re-homed)`),
  ];
  const placed = Object.entries(scenario.devices).flatMap(([d, ops]) => ops.filter((o) => o.after !== undefined).map((o) => `scripted: ${d} reads ${o.key} ${o.thinkMs} ms after ${momentWords(scenario, o.after!)}`));
  const links = Object.keys(scenario.links ?? {}).map((l) => `link ${l} slower (12–20 ms) for the whole run`);
  return [...links, ...changes, ...scheduleLines(scenario, plannedRecovery(scenario, members)), ...placed];
}
