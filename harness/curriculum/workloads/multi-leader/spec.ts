/**
 * The spec parts every multi-leader exercise's scenarios share: how many leaders, how they are
 * ordered (a ring is a random permutation, a hub any leader), the network parts, the topology a spec
 * stands for, faults drawn over five leaders and mapped onto the run's, and the schedule lines a
 * failure prints (faults, scripted steps, the recovery phase).
 */
import fc from 'fast-check';
import { clientOf, describeStep, leaderIds, plannedRecovery, type MultiLeaderScenario, type ScriptedStep } from '../../../cluster/index.ts';
import type { Topology } from '../../../exercise/index.ts';
import type { Fault, TimedFault } from '../../../sim/index.ts';
import { networkParts, randomFaults, randomLinkFaults, nodeByPosition, scheduleLines, sortFaults, type NetworkSpec } from '../../scenario-kit.ts';

/** The fields of every multi-leader spec. `order` ranks the leaders: the ring, and who plays which part. */
export interface MultiLeaderSpecCommon extends NetworkSpec {
  readonly leaders: number;
  readonly writesPerClient: number;
  readonly lossPct: number;
  readonly order: readonly number[];
}

export type TopologyKind = Topology['kind'];

const MAX_LEADERS = 5;

/** The arbitraries of the common fields, leaders within `leaders`. */
export function commonParts(limits: { readonly leaders: { min: number; max: number }; readonly writes: { min: number; max: number }; readonly latencyMax: number; readonly lossPct: number }) {
  const network = networkParts({ latencyMax: limits.latencyMax, lossPct: limits.lossPct });
  return {
    seed: network.seed,
    leaders: fc.integer(limits.leaders),
    writesPerClient: fc.integer(limits.writes),
    latencyMax: network.latencyMax,
    lossPct: network.lossPct,
    order: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: MAX_LEADERS, maxLength: MAX_LEADERS }),
  };
}

/** The run's leaders in the spec's order (ties by number): the ring, and the parts of a family. */
export function rankedLeaders(spec: MultiLeaderSpecCommon): string[] {
  const ids = leaderIds(spec.leaders);
  return ids.map((id, i) => ({ id, rank: spec.order[i] ?? 0, i })).sort((a, b) => a.rank - b.rank || a.i - b.i).map((x) => x.id);
}

/** The topology of `kind` over the spec's leaders: the ring in rank order, the first-ranked leader the hub. */
export function topologyOf(kind: TopologyKind, spec: MultiLeaderSpecCommon): Topology {
  const ranked = rankedLeaders(spec);
  switch (kind) {
    case 'circular':
      return { kind, ring: ranked };
    case 'star':
      return { kind, hub: ranked[0]!, leaves: leaderIds(spec.leaders).filter((l) => l !== ranked[0]) };
    case 'all-to-all':
      return { kind, leaders: leaderIds(spec.leaders) };
  }
}

/** Each leader's client goes with it to its side of a partition. */
export function withClients(leaders: readonly string[]): string[] {
  return [...leaders, ...leaders.map(clientOf)];
}

const five = leaderIds(MAX_LEADERS);
const leader = nodeByPosition(five);

/** Random faults among five leaders (crashes, restarts, pauses, partitions with clients, holds, lossy links), mapped onto the run's by `fitFaults`. */
export function randomLeaderFaults(max: number, window = 450): fc.Arbitrary<TimedFault[]> {
  return randomFaults({
    nodes: five,
    kinds: [
      'crash',
      'restart',
      'pause',
      'resume',
      fc.subarray(five, { minLength: 1, maxLength: 2 }).map((side): Fault => ({ kind: 'partition', sides: [side, five.filter((x) => !side.includes(x))] })),
      'heal',
      fc.tuple(leader, leader).map(([a, b]): Fault => ({ kind: 'hold', from: a, to: b })),
      randomLinkFaults(leader, leader, { loss: { min: 20, max: 90 }, duplicate: 0.1 }),
    ],
    window,
    max,
  });
}

/** Faults drawn over five leaders, on a run's `n` leaders: leader k becomes leader ((k − 1) mod n) + 1; faults that fall apart are dropped. */
export function fitFaults(faults: readonly TimedFault[], n: number): TimedFault[] {
  const fit = (id: string): string => `n${((Number(id.slice(1)) - 1) % n) + 1}`;
  const out: TimedFault[] = [];
  for (const { at, fault: f } of faults) {
    switch (f.kind) {
      case 'partition': {
        const a = [...new Set(f.sides[0].map(fit))];
        const b = [...new Set(f.sides[1].map(fit))].filter((x) => !a.includes(x));
        if (a.length > 0 && b.length > 0) out.push({ at, fault: { kind: 'partition', sides: [withClients(a), withClients(b)] } });
        break;
      }
      case 'hold':
      case 'release':
        if (fit(f.from) !== fit(f.to)) out.push({ at, fault: { ...f, from: fit(f.from), to: fit(f.to) } });
        break;
      case 'link-faults':
        if (fit(f.between[0]) !== fit(f.between[1])) out.push({ at, fault: { ...f, between: [fit(f.between[0]), fit(f.between[1])] } });
        break;
      case 'crash':
      case 'restart':
      case 'pause':
      case 'resume':
      case 'clock':
        out.push({ at, fault: { ...f, node: fit(f.node) } });
        break;
      default:
        out.push({ at, fault: f });
    }
  }
  return sortFaults(out);
}

/** The schedule as a failure prints it: faults, scripted steps, then the recovery phase. */
export function multiLeaderSchedule(scenario: MultiLeaderScenario): string[] {
  const nodes = [...leaderIds(scenario.leaders), ...leaderIds(scenario.leaders).map(clientOf)];
  const lines = scheduleLines(scenario, plannedRecovery(scenario, nodes));
  const steps = scenario.steps.map((s: ScriptedStep, i) => `step ${i + 1}: ${describeStep(s)}`);
  const links = Object.entries(scenario.links ?? {}).map(([k, v]) => `link ${k}:${v.latency ? ` latency ${v.latency.min}–${v.latency.max} ms` : ''}${v.reorder ? ` reorder ${Math.round(v.reorder * 100)}%` : ''}`);
  return [...links, ...steps, ...lines];
}
