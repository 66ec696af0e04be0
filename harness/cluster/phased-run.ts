/**
 * One run of a reference cluster in two phases, the skeleton every protocol shares: a fault phase
 * (the scenario's schedule, on a network with its latency, loss, duplication and reordering), then a
 * recovery phase in which the network heals, loss stops, paused nodes resume and crashed ones restart
 * (except those kept down). A protocol brings only its node wiring and its reader of the final state.
 *
 * The order of set-up is part of the determinism: nodes are added first (in the wiring's order), then
 * the opening network faults and the schedule, then the recovery event. Same scenario, same trace.
 */
import { recoveryFaults } from './recovery-faults.ts';
import { Simulation, type Fault, type FaultSchedule, type HistoryOp, type LatencyRange, type NetworkConfig, type TraceEvent, type TraceLog } from '../sim/index.ts';

/** The fields every cluster scenario has; a protocol's scenario adds its own. */
export interface PhasedScenario {
  readonly seed: number;
  readonly latency: LatencyRange;
  /** Network-wide loss and duplication during the fault phase. */
  readonly loss: number;
  readonly duplicate: number;
  readonly reorder: number;
  /** Per directed link overrides (`"n1->n3"`: a slow link between sites, a link that reorders), for the whole run. */
  readonly links?: NetworkConfig['links'];
  /** Faults, all within [0, faultPhaseMs). */
  readonly faults: FaultSchedule;
  readonly faultPhaseMs: number;
  /** Nodes left crashed through the recovery phase. */
  readonly keepDown?: readonly string[];
}

/** What a protocol's wiring gets to build its nodes with. */
export interface PhasedWiring<S> {
  readonly sim: Simulation;
  readonly recoveryStartsAt: number;
  readonly endsAt: number;
  /**
   * Stops the run after the current event because going on is pointless (learner code gave no usable
   * answer). The first reason is the one reported.
   */
  stop(reason: S): void;
}

/** How a run is hosted, which every protocol's options pass through: no effect on what happens in it. */
export interface RunHosting {
  /** Record every event (default), or only notes, faults and never-settled events. */
  readonly trace?: boolean;
  /** How the simulator lets the host's event loop run while learner code computes. */
  readonly hostYield?: () => Promise<void>;
}

export interface PhasedOptions<F, S> extends RunHosting {
  /** Adds the protocol's nodes to the simulation; returns the nodes the recovery phase resumes and restarts. */
  readonly nodes: (wiring: PhasedWiring<S>) => readonly string[];
  /** Nodes left down through recovery; the scenario's `keepDown` (or none) by default. */
  readonly keepDown?: readonly string[];
  /** How long the recovery phase lasts. */
  readonly recoveryMs: number;
  /** Reads the protocol's final state once the run is over. */
  readonly final: (sim: Simulation) => F;
}

/** A finished phased run: what every checker of every protocol reads. */
export interface PhasedRun<Sc extends PhasedScenario, F, S> {
  readonly scenario: Sc;
  /** Every event of the run (compact: iterate it, or read with `at`). */
  readonly trace: TraceLog;
  /** Only the protocol notes, faults and never-settled events, in trace order: what checkers read. */
  readonly notes: readonly TraceEvent[];
  readonly history: readonly HistoryOp[];
  readonly final: F;
  /** The faults the recovery phase injected; none when the run stopped before it began. */
  readonly recoveryFaults: readonly Fault[];
  readonly recoveryStartsAt: number;
  readonly endsAt: number;
  /** Set when the run stopped early: the first reason given to `stop`. */
  readonly stoppedBy?: S;
  readonly eventCount: number;
}

/** `prefix1` … `prefixN`: the numbered names of a protocol's nodes of one kind (or of its keys). */
export function nodeIds(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
}

/** Runs `scenario` through its fault phase and a recovery phase of `options.recoveryMs`. */
export async function runPhased<Sc extends PhasedScenario, F, S = never>(scenario: Sc, options: PhasedOptions<F, S>): Promise<PhasedRun<Sc, F, S>> {
  const recoveryStartsAt = scenario.faultPhaseMs;
  const endsAt = recoveryStartsAt + options.recoveryMs;
  const sim = new Simulation({
    seed: scenario.seed,
    // Loss and duplication start with the opening fault below, so they show in the trace.
    network: { latency: scenario.latency, loss: 0, duplicate: 0, reorder: scenario.reorder, ...(scenario.links ? { links: scenario.links } : {}) },
    trace: options.trace ?? true,
    ...(options.hostYield ? { hostYield: options.hostYield } : {}),
  });
  let stoppedBy: S | undefined;
  let stopped = false;
  const stop = (reason: S): void => {
    if (!stopped) {
      stopped = true;
      stoppedBy = reason;
    }
    sim.stop();
  };
  const recoveryNodes = options.nodes({ sim, recoveryStartsAt, endsAt, stop });
  const plan = { faults: scenario.faults, keepDown: options.keepDown ?? scenario.keepDown ?? [] };

  const opening: Fault[] = scenario.loss > 0 || scenario.duplicate > 0 ? [{ kind: 'network-faults', loss: scenario.loss, duplicate: scenario.duplicate }] : [];
  sim.schedule([...opening.map((fault) => ({ at: 0, fault })), ...scenario.faults]);
  const injected: Fault[] = [];
  sim.at(recoveryStartsAt, 'recovery', () => {
    for (const fault of recoveryFaults(plan, recoveryNodes, (id) => sim.status(id))) {
      injected.push(fault);
      sim.inject(fault);
    }
  });
  await sim.run(endsAt);

  return {
    scenario,
    trace: sim.trace,
    notes: sim.trace.notesAndFaults(),
    history: sim.history.ops(),
    final: options.final(sim),
    recoveryFaults: injected,
    recoveryStartsAt,
    endsAt: sim.now,
    ...(stopped ? { stoppedBy: stoppedBy as S } : {}),
    eventCount: sim.eventCount,
  };
}
