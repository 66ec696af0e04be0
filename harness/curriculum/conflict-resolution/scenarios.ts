/**
 * The conflict-resolution scenario families (all-to-all, `any-order` updates with anti-entropy).
 * Targeted families force their bug with scripted steps keyed to the record: `clock-steps-back` (a
 * leader's clock jumps back right after it stamps a hot field, and it accepts a second write to that
 * field exactly as far later: a same-leader tie), `same-tick` (two leaders, and one leader twice,
 * stamp one field in one true millisecond), with no other writes, so the tie is the field's highest
 * stamp at the end; the others skew clocks, split the leaders apart, or send
 * every client to one home leader that is then cut off (a write accepted twice).
 */
import fc from 'fast-check';
import { clientOf, leaderIds, type MultiLeaderScenario, type ScriptedStep } from '../../cluster/index.ts';
import type { Fault, TimedFault } from '../../sim/index.ts';
import { describeSpec, networkOf } from '../scenario-kit.ts';
import { commonParts, fitFaults, randomLeaderFaults, rankedLeaders, topologyOf, withClients, type MultiLeaderSpecCommon } from '../workloads/multi-leader/spec.ts';

export type ConflictSpec =
  /** Each leader's clock skewed and drifting. */
  | (MultiLeaderSpecCommon & { readonly family: 'skewed-clocks'; readonly skews: readonly number[]; readonly drifts: readonly number[] })
  /** When the first-ranked leader stamps `email`, its clock steps back by `stepMs`, and `stepMs` later it accepts another `email` write. */
  | (MultiLeaderSpecCommon & { readonly family: 'clock-steps-back'; readonly stepMs: number; readonly skews: readonly number[] })
  /** At `atMs` both leaders accept an `email` write each and one of them two `phone` writes, in one true millisecond. */
  | (MultiLeaderSpecCommon & { readonly family: 'same-tick'; readonly atMs: number })
  /** From `atMs` every leader is alone with its client for `forMs`. */
  | (MultiLeaderSpecCommon & { readonly family: 'split-writers'; readonly atMs: number; readonly forMs: number; readonly skews: readonly number[] })
  /** Every client writes to n1; from `atMs` n1 is cut off from the other leaders and its acks to their clients are lost, for `forMs`. */
  | (MultiLeaderSpecCommon & { readonly family: 'home-leader'; readonly atMs: number; readonly forMs: number })
  | (MultiLeaderSpecCommon & { readonly family: 'random'; readonly skews: readonly number[]; readonly faults: readonly TimedFault[] });

export type ConflictFamily = ConflictSpec['family'];

interface Limits {
  readonly lossPct: number;
  readonly writesMax: number;
  readonly randomFaultsMax: number;
}

const FAULT_PHASE_MS = 600;
const skews = (max: number) => fc.array(fc.integer({ min: -max, max }), { minLength: 4, maxLength: 4 });

function families(limits: Limits, only?: readonly ConflictFamily[]) {
  const common = commonParts({ leaders: { min: 2, max: 4 }, writes: { min: 3, max: limits.writesMax }, latencyMax: 10, lossPct: limits.lossPct });
  const common3 = { ...common, leaders: fc.integer({ min: 3, max: 4 }) };
  const all = {
    'skewed-clocks': { weight: 3, arbitrary: fc.record({ family: fc.constant('skewed-clocks' as const), ...common, skews: skews(400), drifts: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 4, maxLength: 4 }) }) },
    'clock-steps-back': { weight: 2, arbitrary: fc.record({ family: fc.constant('clock-steps-back' as const), ...common, stepMs: fc.integer({ min: 20, max: 300 }), skews: skews(100) }) },
    // Two leaders on a loss-free network: their anti-entropy pushes cross in flight every round, so a
    // resolver that keeps its second argument on a tie swaps the two forever instead of agreeing
    // (with three or more, pushes to random-ish peers end in agreement by chance, like a voter model).
    'same-tick': { weight: 2, arbitrary: fc.record({ family: fc.constant('same-tick' as const), ...common, leaders: fc.constant(2), lossPct: fc.constant(0), atMs: fc.integer({ min: 20, max: 300 }) }) },
    'split-writers': { weight: 2, arbitrary: fc.record({ family: fc.constant('split-writers' as const), ...common, atMs: fc.integer({ min: 0, max: 200 }), forMs: fc.integer({ min: 100, max: 400 }), skews: skews(200) }) },
    'home-leader': { weight: 1, arbitrary: fc.record({ family: fc.constant('home-leader' as const), ...common3, atMs: fc.integer({ min: 30, max: 250 }), forMs: fc.integer({ min: 100, max: 300 }) }) },
    random: { weight: 2, arbitrary: fc.record({ family: fc.constant('random' as const), ...common, skews: skews(300), faults: randomLeaderFaults(limits.randomFaultsMax) }) },
  };
  const chosen = (Object.keys(all) as ConflictFamily[]).filter((f) => only === undefined || only.includes(f));
  return fc.oneof(...chosen.map((f) => all[f] as { weight: number; arbitrary: fc.Arbitrary<ConflictSpec> })) as fc.Arbitrary<ConflictSpec>;
}

export const conflictSpecArbitrary: fc.Arbitrary<ConflictSpec> = families({ lossPct: 5, writesMax: 8, randomFaultsMax: 6 });
/** The instructor's hidden tier: the same families, lossier, with more random faults. */
export const hiddenConflictSpecArbitrary: fc.Arbitrary<ConflictSpec> = families({ lossPct: 10, writesMax: 8, randomFaultsMax: 9 });
/** The optional group's runs: a clock that steps back, and skewed clocks. */
export const stampingSpecArbitrary: fc.Arbitrary<ConflictSpec> = families({ lossPct: 5, writesMax: 6, randomFaultsMax: 6 }, ['clock-steps-back', 'skewed-clocks']);

const clockFaults = (leaders: readonly string[], skew: readonly number[], drift: readonly number[] = []): TimedFault[] =>
  leaders.flatMap((node, i) => ((skew[i] ?? 0) === 0 && (drift[i] ?? 0) === 0 ? [] : [{ at: 0, fault: { kind: 'clock' as const, node, skewMs: skew[i] ?? 0, drift: (drift[i] ?? 0) / 1000 } }]));

export function buildConflictScenario(spec: ConflictSpec, learnerStamps = false): MultiLeaderScenario {
  const ranked = rankedLeaders(spec);
  const leaders = leaderIds(spec.leaders);
  const base = {
    seed: spec.seed,
    ...networkOf(spec, 0.1),
    delivery: 'any-order' as const,
    antiEntropy: true,
    ...(learnerStamps ? { learnerStamps: true } : {}),
    leaders: spec.leaders,
    topology: topologyOf('all-to-all', spec),
    writesPerClient: spec.writesPerClient,
    faultPhaseMs: FAULT_PHASE_MS,
    steps: [] as ScriptedStep[],
    scriptedClients: [] as string[],
  };
  const fault = (f: Fault) => ({ kind: 'fault' as const, fault: f });
  switch (spec.family) {
    case 'skewed-clocks':
      return { ...base, faults: clockFaults(leaders, spec.skews, spec.drifts) };
    case 'clock-steps-back': {
      const l = ranked[0]!;
      const steps: ScriptedStep[] = [
        { when: { stamped: 'email', at: l }, action: fault({ kind: 'clock', node: l, skewMs: -spec.stepMs, drift: 0 }) },
        { when: { step: 0 }, afterMs: spec.stepMs, action: { kind: 'accept', leader: l, op: 'set:email' } },
        { when: { atMs: 5 }, action: { kind: 'accept', leader: l, op: 'set:email' } },
      ];
      // Only the scripted writes: a later write to email would bury the tie under a higher stamp.
      return { ...base, faults: clockFaults(leaders, spec.skews), steps, scriptedClients: leaders.map(clientOf), faultPhaseMs: Math.max(FAULT_PHASE_MS, spec.stepMs + 200) };
    }
    case 'same-tick': {
      const [a, b] = [ranked[0]!, ranked[1]!];
      const at = { atMs: spec.atMs };
      const steps: ScriptedStep[] = [
        { when: at, action: { kind: 'accept', leader: a, op: 'set:email' } },
        { when: at, action: { kind: 'accept', leader: b, op: 'set:email' } },
        { when: at, action: { kind: 'accept', leader: a, op: 'set:phone' } },
        { when: at, action: { kind: 'accept', leader: a, op: 'set:phone' } },
      ];
      return { ...base, faults: [], steps, scriptedClients: leaders.map(clientOf) };
    }
    case 'split-writers': {
      const cut = leaders.slice(0, -1).map((l): TimedFault => ({ at: spec.atMs, fault: { kind: 'partition', sides: [withClients([l]), withClients(leaders.filter((x) => x !== l))] } }));
      return { ...base, faults: [...clockFaults(leaders, spec.skews), ...cut, { at: spec.atMs + spec.forMs, fault: { kind: 'heal' } }], faultPhaseMs: Math.max(FAULT_PHASE_MS, spec.atMs + spec.forMs + 100) };
    }
    case 'home-leader': {
      const home = leaders[0]!;
      const others = leaders.slice(1);
      const faults: TimedFault[] = [
        { at: spec.atMs, fault: { kind: 'partition', sides: [[home], others] } },
        { at: spec.atMs, fault: { kind: 'partition-one-way', from: [home], to: others.map(clientOf) } },
        { at: spec.atMs + spec.forMs, fault: { kind: 'heal' } },
      ];
      return { ...base, faults, homeLeader: home, faultPhaseMs: Math.max(FAULT_PHASE_MS, spec.atMs + spec.forMs + 100) };
    }
    case 'random':
      return { ...base, faults: [...clockFaults(leaders, spec.skews), ...fitFaults(spec.faults, spec.leaders)] };
  }
}

/** The spec in one line (faults and ranks are shown by the schedule); skews and drifts of the leaders there are. */
export function describeConflictSpec(spec: ConflictSpec): string {
  const { skews, drifts } = spec as { readonly skews?: readonly number[]; readonly drifts?: readonly number[] };
  const mine = (xs: readonly number[]): readonly number[] => xs.slice(0, spec.leaders);
  return describeSpec({ ...spec, ...(skews ? { skews: mine(skews) } : {}), ...(drifts ? { drifts: mine(drifts) } : {}) }, { omit: ['faults', 'order'] });
}
