/**
 * Generated follower-bootstrap scenarios (design §B.3): targeted families that each force a listed
 * bug on every run, plus random faults. Writes stop at `WRITING_MS`; the quiet time after it is the
 * recovery phase, long enough for every correct follower to catch up (a unit test asserts the bound).
 */
import fc from 'fast-check';
import { DEFAULT_CATCH_UP_TIMING, type CatchUpScenario, type CatchUpTiming } from '../../cluster/index.ts';
import type { Fault, TimedFault } from '../../sim/index.ts';
import { networkOf, networkParts, randomFaults, randomPartition, sortFaults, type NetworkSpec } from '../scenario-kit.ts';

/** Clients write until then. */
export const WRITING_MS = 1800;
/** r2 joins this late in `late-joiner`: by then at least 2 × retainEntries writes were made (each client writes every ≤ 40 ms). */
export const LATE_JOIN_MIN_MS = 1650;

type Common = NetworkSpec;

export type BootstrapSpec =
  /** r2 joins after at least 2 × retainEntries writes. */
  | (Common & { family: 'late-joiner'; joinAt: number })
  /** Loss, duplication and reordering on the leader's link to r1. */
  | (Common & { family: 'lossy-stream'; linkLossPct: number; dupPct: number; joinAt: number })
  /** r2 joins needing a snapshot that takes longer than a request timeout; its link duplicates. */
  | (Common & { family: 'slow-snapshot'; joinAt: number; transferMinMs: number; dupPct: number })
  /** r1 cut off until the window passes it, while a key it holds is deleted. */
  | (Common & { family: 'partitioned-replica'; cutAt: number; cutFor: number; joinAt: number })
  /** r1 crash-restarts while streaming, r2 during its snapshot transfer. */
  | (Common & { family: 'crash-mid-catch-up'; r1At: number; r1Down: number; joinAt: number; r2After: number; r2Down: number })
  /** Everything at once, and leader and voting-follower crash-restarts. */
  | (Common & { family: 'random'; joinAt: number; faults: readonly TimedFault[] });

export type BootstrapFamily = BootstrapSpec['family'];

const MEMBERS = ['n1', 'n2', 'n3', 'r1', 'r2'];

function families(net: ReturnType<typeof networkParts>) {
  const r = <T extends Record<string, fc.Arbitrary<unknown>>>(family: BootstrapFamily, parts: T) => fc.record({ family: fc.constant(family), ...net, ...parts });
  const join = fc.integer({ min: 0, max: WRITING_MS });
  const lossy = fc.tuple(fc.constantFrom('r1', 'r2'), fc.integer({ min: 10, max: 40 })).map(([n, pct]): Fault => ({ kind: 'link-faults', between: ['n1', n], loss: pct / 100, duplicate: 0.2 }));
  return {
    lateJoiner: r('late-joiner', { joinAt: fc.integer({ min: LATE_JOIN_MIN_MS, max: WRITING_MS }) }),
    lossy: r('lossy-stream', { linkLossPct: fc.integer({ min: 10, max: 30 }), dupPct: fc.integer({ min: 10, max: 30 }), joinAt: join }),
    slowSnapshot: fc.record({
      family: fc.constant('slow-snapshot' as const),
      seed: net.seed,
      latencyMax: fc.integer({ min: 2, max: 5 }),
      joinAt: fc.integer({ min: 900, max: 1400 }),
      transferMinMs: fc.integer({ min: 150, max: 170 }),
      dupPct: fc.integer({ min: 10, max: 30 }),
    }),
    partitioned: r('partitioned-replica', { cutAt: fc.integer({ min: 300, max: 500 }), cutFor: fc.integer({ min: 900, max: 1100 }), joinAt: join }),
    crash: r('crash-mid-catch-up', {
      r1At: fc.integer({ min: 300, max: 1200 }),
      r1Down: fc.integer({ min: 50, max: 300 }),
      joinAt: fc.integer({ min: 900, max: 1300 }),
      r2After: fc.integer({ min: 20, max: 120 }),
      r2Down: fc.integer({ min: 50, max: 200 }),
    }),
    random: r('random', { joinAt: join, faults: randomFaults({ nodes: MEMBERS, kinds: ['crash', 'restart', 'pause', 'resume', randomPartition(MEMBERS, 2), 'heal', lossy], window: WRITING_MS - 100, max: 6 }) }),
  };
}

function tierArbitrary(hidden: boolean): fc.Arbitrary<BootstrapSpec> {
  const f = families(networkParts(hidden ? { latencyMax: 10, lossPct: 5 } : { latencyMax: 8, lossPct: 2 }));
  return fc.oneof(
    { arbitrary: f.lateJoiner, weight: 2 },
    { arbitrary: f.lossy, weight: 3 },
    { arbitrary: f.slowSnapshot, weight: 2 },
    { arbitrary: f.partitioned, weight: 2 },
    { arbitrary: f.crash, weight: 2 },
    { arbitrary: f.random, weight: hidden ? 5 : 2 },
  ) as fc.Arbitrary<BootstrapSpec>;
}

export const bootstrapSpecArbitrary: fc.Arbitrary<BootstrapSpec> = tierArbitrary(false);
/** The hidden tier: the same families on lossier, slower networks, with random schedules weighing more. */
export const hiddenBootstrapSpecArbitrary: fc.Arbitrary<BootstrapSpec> = tierArbitrary(true);

export function buildBootstrapScenario(spec: BootstrapSpec): CatchUpScenario {
  const net = networkOf(spec);
  const faults: TimedFault[] = [];
  const add = (at: number, fault: Fault): void => void faults.push({ at, fault });
  let timing: CatchUpTiming = DEFAULT_CATCH_UP_TIMING;
  let links: CatchUpScenario['links'];
  let loss = net.loss;
  let duplicate = net.duplicate;
  let retire: CatchUpScenario['retire'];
  switch (spec.family) {
    case 'late-joiner':
      // Every write must reach the leader and commit, so the window has passed 1 when r2 joins.
      [loss, duplicate] = [0, 0];
      break;
    case 'lossy-stream':
      add(0, { kind: 'link-faults', between: ['n1', 'r1'], loss: spec.linkLossPct / 100, duplicate: spec.dupPct / 100 });
      links = { 'n1->r1': { reorder: 0.3 } };
      break;
    case 'slow-snapshot':
      timing = { ...timing, transferMinMs: spec.transferMinMs };
      add(0, { kind: 'link-faults', between: ['n1', 'r2'], loss: 0, duplicate: spec.dupPct / 100 });
      [loss, duplicate] = [0, 0];
      break;
    case 'partitioned-replica':
      add(spec.cutAt, { kind: 'partition', sides: [['r1'], MEMBERS.filter((m) => m !== 'r1')] });
      add(spec.cutAt + spec.cutFor, { kind: 'heal' });
      // Deleted after the cut, so r1 holds it and the snapshot it will need does not.
      retire = { key: 'd', at: spec.cutAt + 20 };
      [loss, duplicate] = [0, 0];
      break;
    case 'crash-mid-catch-up':
      add(spec.r1At, { kind: 'crash', node: 'r1' });
      add(spec.r1At + spec.r1Down, { kind: 'restart', node: 'r1' });
      add(spec.joinAt + spec.r2After, { kind: 'crash', node: 'r2' });
      add(spec.joinAt + spec.r2After + spec.r2Down, { kind: 'restart', node: 'r2' });
      break;
    case 'random':
      faults.push(...spec.faults);
      break;
  }
  return {
    seed: spec.seed,
    ...net,
    loss,
    duplicate,
    ...(links ? { links } : {}),
    faults: sortFaults(faults),
    faultPhaseMs: WRITING_MS,
    timing,
    joinAt: spec.joinAt,
    clientsStopAt: WRITING_MS,
    ...(retire ? { retire } : {}),
  };
}
