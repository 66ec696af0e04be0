/**
 * The parts every cluster exercise's scenario file shares, so that a `scenarios.ts` holds only its
 * targeted families: the network parts of a spec and the scenario fields they become, random fault
 * schedules by kind, fault sorting, the one-line spec description, and the schedule lines a failure
 * report prints (the recovery phase described by the faults it injects).
 *
 * Replay tokens hold specs, and a spec is what fast-check drew: each part here draws exactly what the
 * scenario files drew before they shared it (same arbitraries, same order), which a pinned test holds.
 */
import fc from 'fast-check';
import type { PlannedRecovery } from '../cluster/index.ts';
import { describeFault, describeSchedule, type Fault, type FaultSchedule, type LatencyRange, type TimedFault } from '../sim/index.ts';

/** The network parts of a spec: a simulation seed, the largest latency, and loss in percent. */
export interface NetworkSpec {
  readonly seed: number;
  readonly latencyMax: number;
  /** Network-wide loss during the fault phase, in percent (absent: none). */
  readonly lossPct?: number;
}

/** The arbitraries of the network parts: latency from 2 ms up to `latencyMax`, loss up to `lossPct` percent. */
export function networkParts(limits: { readonly latencyMax: number; readonly lossPct: number }) {
  return {
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    latencyMax: fc.integer({ min: 2, max: limits.latencyMax }),
    lossPct: fc.integer({ min: 0, max: limits.lossPct }),
  };
}

/**
 * The scenario's network fields from a spec's network parts: loss comes with `duplicate` (a lossy
 * network also duplicates a little), and 5 % of messages are reordered.
 */
export function networkOf(spec: NetworkSpec, duplicate = 0.01): { latency: LatencyRange; loss: number; duplicate: number; reorder: number } {
  const lossPct = spec.lossPct ?? 0;
  return { latency: { min: 1, max: spec.latencyMax }, loss: lossPct / 100, duplicate: lossPct > 0 ? duplicate : 0, reorder: 0.05 };
}

/** The node faults the kit draws itself; anything else (partitions, link faults, clocks, holds) comes as an arbitrary. */
export type NodeFaultKind = 'crash' | 'restart' | 'pause' | 'resume' | 'heal';

export interface RandomFaultOptions {
  /**
   * The nodes faults hit: a list is drawn by position (`fc.integer` over 1…n), an arbitrary is used
   * as given (e.g. `fc.constantFrom`, which shrinks differently).
   */
  readonly nodes: readonly string[] | fc.Arbitrary<string>;
  /**
   * The kinds, in the order `fc.oneof` picks among them (equal weights). `['crash']` alone means
   * crashes and restarts only, drawn as a coin (crash or restart) and a node.
   */
  readonly kinds: readonly (NodeFaultKind | fc.Arbitrary<Fault>)[];
  /** Faults fall within [0, window] ms. */
  readonly window: number;
}

/** A node drawn by its position in `ids`. */
export function nodeByPosition(ids: readonly string[]): fc.Arbitrary<string> {
  return fc.integer({ min: 1, max: ids.length }).map((i) => ids[i - 1]!);
}

/** One random timed fault. */
export function randomFault(options: RandomFaultOptions): fc.Arbitrary<TimedFault> {
  const node = (): fc.Arbitrary<string> => (Array.isArray(options.nodes) ? nodeByPosition(options.nodes) : (options.nodes as fc.Arbitrary<string>));
  const at = fc.integer({ min: 0, max: options.window });
  if (options.kinds.length === 1 && options.kinds[0] === 'crash') {
    return fc.record({ at, fault: fc.tuple(fc.boolean(), node()).map(([crash, n]): Fault => ({ kind: crash ? 'crash' : 'restart', node: n })) });
  }
  const kinds = options.kinds.map((kind): fc.Arbitrary<Fault> => {
    if (typeof kind !== 'string') return kind;
    if (kind === 'heal') return fc.constant<Fault>({ kind: 'heal' });
    return node().map((n): Fault => ({ kind, node: n }));
  });
  return fc.record({ at, fault: fc.oneof(...kinds) });
}

/** A random fault schedule of `min` (default 1) to `max` faults, sorted by time. */
export function randomFaults(options: RandomFaultOptions & { readonly max: number; readonly min?: number }): fc.Arbitrary<TimedFault[]> {
  return fc.array(randomFault(options), { minLength: options.min ?? 1, maxLength: options.max }).map(sortFaults);
}

/** A partition of `among`: a drawn side of 1 to `maxSide` nodes against the rest, or against what `sides` makes of it. */
export function randomPartition(
  among: readonly string[],
  maxSide: number,
  sides: (side: readonly string[]) => readonly [readonly string[], readonly string[]] = (side) => [side, among.filter((x) => !side.includes(x))],
): fc.Arbitrary<Fault> {
  return fc.subarray([...among], { minLength: 1, maxLength: maxSide }).map((side): Fault => ({ kind: 'partition', sides: sides(side) }));
}

/** Loss of `loss.min`…`loss.max` percent (and `duplicate`) on the link between two drawn nodes; `other` keeps the two ends apart. */
export function randomLinkFaults(
  from: fc.Arbitrary<string>,
  to: fc.Arbitrary<string>,
  options: { readonly loss: { readonly min: number; readonly max: number }; readonly duplicate: number; readonly other?: (a: string, b: string) => string },
): fc.Arbitrary<Fault> {
  const other = options.other ?? ((_a: string, b: string) => b);
  return fc.tuple(from, to, fc.integer(options.loss)).map(([a, b, p]): Fault => ({ kind: 'link-faults', between: [a, other(a, b)], loss: p / 100, duplicate: options.duplicate }));
}

/** The faults in time order (a new array; faults at the same time keep their order). */
export function sortFaults(faults: readonly TimedFault[]): TimedFault[] {
  return [...faults].sort((a, b) => a.at - b.at);
}

/**
 * A spec in one line, `family: k=v, …`, for "this schedule's parameters" in feedback. An object
 * value shows its own fields in line (`n=3, w=2, r=2`), a list in brackets; `omit` (the fault list
 * by default: the schedule lines show it) is left out.
 */
export function describeSpec(spec: { readonly family: string }, options: { readonly omit?: readonly string[] } = {}): string {
  const omit = options.omit ?? ['faults'];
  const { family, ...params } = spec;
  const shown = Object.entries(params)
    .filter(([k]) => !omit.includes(k))
    .map(([k, v]) => (Array.isArray(v) ? `${k}=[${v.join(',')}]` : typeof v === 'object' && v !== null ? Object.entries(v).map(([ik, iv]) => `${ik}=${String(iv)}`).join(', ') : `${k}=${String(v)}`));
  return `${family}: ${shown.join(', ')}`;
}

/** The fields of a scenario its schedule lines are made from. */
export interface ScheduledScenario {
  readonly faults: FaultSchedule;
  readonly faultPhaseMs: number;
  /** Network-wide loss and duplication from the start (absent: none). */
  readonly loss?: number;
  readonly duplicate?: number;
}

/**
 * Whether a recovery fault undoes something still in effect when recovery starts. Recovery heals,
 * clears and releases unconditionally (cheap, and safe whatever happened); the description leaves
 * out what had nothing left to undo, so it says what recovery actually changed.
 */
function undoesSomething(fault: Fault, scenario: ScheduledScenario): boolean {
  const lastIndex = (match: (f: Fault) => boolean): number => scenario.faults.findLastIndex((tf) => match(tf.fault));
  switch (fault.kind) {
    case 'heal':
      return lastIndex((f) => f.kind === 'partition' || f.kind === 'partition-one-way') > lastIndex((f) => f.kind === 'heal');
    case 'link-faults-clear':
      return lastIndex((f) => f.kind === 'link-faults') > lastIndex((f) => f.kind === 'link-faults-clear');
    case 'network-faults': {
      const last = scenario.faults[lastIndex((f) => f.kind === 'network-faults')]?.fault;
      const [loss, duplicate] = last?.kind === 'network-faults' ? [last.loss, last.duplicate] : [scenario.loss ?? 0, scenario.duplicate ?? 0];
      return loss !== fault.loss || duplicate !== fault.duplicate;
    }
    case 'release': {
      const on = (f: Fault, kind: 'hold' | 'release'): boolean => f.kind === kind && f.from === fault.from && f.to === fault.to;
      return lastIndex((f) => on(f, 'hold')) > lastIndex((f) => on(f, 'release'));
    }
    default:
      return true;
  }
}

/**
 * The schedule as a failure report prints it: one line per fault, then one for the recovery phase:
 * the faults it injects (see `plannedRecovery`) that undo something still in effect, and the crashed
 * nodes it leaves down.
 */
export function scheduleLines(scenario: ScheduledScenario, recovery: PlannedRecovery): string[] {
  const changes = recovery.faults.filter((f) => undoesSomething(f, scenario)).map(describeFault);
  if (recovery.keptDown.length > 0) changes.push(`${recovery.keptDown.join(', ')} kept down`);
  return [...describeSchedule(scenario.faults), `t=${scenario.faultPhaseMs}ms recovery: ${changes.length > 0 ? changes.join('; ') : 'no fault left to undo'}`];
}
