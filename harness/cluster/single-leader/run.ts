/**
 * Runs the reference single-leader cluster with an external coordinator through one scenario: a
 * fault phase (the schedule), then a recovery phase in which the network heals, loss stops, paused
 * members resume and crashed ones restart (except those the scenario keeps down).
 */
import { recoveryFaults } from '../recovery-faults.ts';
import { Simulation, type FaultSchedule, type Fault, type HistoryOp, type LatencyRange, type TraceEvent, type TraceLog } from '../../sim/index.ts';
import { createClient } from './client.ts';
import { createCoordinator, type DecisionRecord, type FailoverDecider } from './coordinator.ts';
import { createMember } from './member.ts';
import type { ClusterMessage, Entry, ReplicationMode } from './messages.ts';
import { DEFAULT_FAILOVER_TIMING, serveBoundMs, writeBoundMs, type FailoverTiming } from './timing.ts';

export interface FailoverScenario {
  readonly seed: number;
  /** 3 or 5 voting members, named n1 … nN; n1 leads epoch 1 at the start. */
  readonly members: number;
  readonly latency: LatencyRange;
  /** Network-wide loss and duplication during the fault phase. */
  readonly loss: number;
  readonly duplicate: number;
  readonly reorder: number;
  /** Faults, all within [0, faultPhaseMs). */
  readonly faults: FaultSchedule;
  readonly faultPhaseMs: number;
  /** Members left crashed through the recovery phase (a minority at most). */
  readonly keepDown: readonly string[];
}

export interface ClusterOptions {
  readonly timing?: FailoverTiming;
  readonly mode?: ReplicationMode;
  readonly clients?: number;
  readonly writeIntervalMs?: number;
  readonly maxInFlight?: number;
  readonly trace?: boolean;
  readonly hostYield?: () => Promise<void>;
}

/** A member's state when the run ended. */
export interface MemberFinal {
  readonly id: string;
  readonly status: 'up' | 'paused' | 'crashed';
  readonly log: readonly Entry[];
  readonly commit: number;
}

export interface FailoverRun {
  readonly scenario: FailoverScenario;
  readonly timing: FailoverTiming;
  readonly members: readonly string[];
  /** Every event of the run (compact: iterate it, or read with `at`). */
  readonly trace: TraceLog;
  /** Only the protocol notes, faults and never-settled events, in trace order: what checkers read. */
  readonly notes: readonly TraceEvent[];
  readonly history: readonly HistoryOp[];
  readonly decisions: readonly DecisionRecord[];
  readonly final: readonly MemberFinal[];
  readonly recoveryStartsAt: number;
  readonly endsAt: number;
  /** Set when the run stopped early because a decision was unusable (threw, malformed, …). */
  readonly stoppedBy?: DecisionRecord;
  readonly eventCount: number;
}

export const COORDINATOR = 'coordinator';

export function memberIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `n${i + 1}`);
}

/** How long the recovery phase lasts: time to elect, to write, and to let followers catch up. */
export function recoveryPhaseMs(timing: FailoverTiming): number {
  return serveBoundMs(timing) + writeBoundMs(timing) + 400;
}

export async function runFailoverCluster(scenario: FailoverScenario, decider: FailoverDecider, options: ClusterOptions = {}): Promise<FailoverRun> {
  const timing = options.timing ?? DEFAULT_FAILOVER_TIMING;
  const members = memberIds(scenario.members);
  const recoveryStartsAt = scenario.faultPhaseMs;
  const endsAt = recoveryStartsAt + recoveryPhaseMs(timing);
  const sim = new Simulation({
    seed: scenario.seed,
    network: { latency: scenario.latency, loss: 0, duplicate: 0, reorder: scenario.reorder },
    trace: options.trace ?? true,
    ...(options.hostYield ? { hostYield: options.hostYield } : {}),
  });
  let stoppedBy: DecisionRecord | undefined;

  for (const id of members) {
    sim.addNode<ClusterMessage>(id, (ctx) => {
      if (ctx.storage.get('epoch') === undefined) {
        ctx.storage.set('epoch', 1);
        ctx.storage.set('leader', members[0]);
      }
      return createMember(ctx, { members, coordinator: COORDINATOR, mode: options.mode ?? 'majority', timing });
    });
  }
  sim.addNode<ClusterMessage>(COORDINATOR, (ctx) =>
    createCoordinator(ctx, {
      members,
      initialLeader: members[0]!,
      initialEpoch: 1,
      timing,
      decider,
      onDecisionProblem: (record) => {
        stoppedBy = record;
        sim.stop();
      },
    }),
  );
  const clients = options.clients ?? 1;
  for (let c = 1; c <= clients; c++) {
    sim.addNode<ClusterMessage>(`c${c}`, (ctx) =>
      createClient(ctx, {
        members,
        initialLeader: members[0]!,
        timing,
        writeIntervalMs: options.writeIntervalMs ?? 40,
        maxInFlight: options.maxInFlight ?? 4,
        stopAtMs: endsAt - 300,
      }),
    );
  }

  const opening: Fault[] = scenario.loss > 0 || scenario.duplicate > 0 ? [{ kind: 'network-faults', loss: scenario.loss, duplicate: scenario.duplicate }] : [];
  sim.schedule([...opening.map((fault) => ({ at: 0, fault })), ...scenario.faults]);
  sim.at(recoveryStartsAt, 'recovery', () => {
    for (const fault of recoveryFaults(scenario, members, (id) => sim.status(id))) sim.inject(fault);
  });
  await sim.run(endsAt);

  const final = members.map((id): MemberFinal => {
    const storage = sim.storageOf(id);
    return {
      id,
      status: sim.status(id),
      log: [...((storage.get('log') as Entry[] | undefined) ?? [])],
      commit: (storage.get('commit') as number | undefined) ?? 0,
    };
  });
  const notes = sim.trace.notesAndFaults();
  const decisions: DecisionRecord[] = [];
  for (const e of notes) if (e.kind === 'note' && e.name === 'decision') decisions.push(e.data as DecisionRecord);
  return {
    scenario,
    timing,
    members,
    trace: sim.trace,
    notes,
    history: sim.history.ops(),
    decisions,
    final,
    recoveryStartsAt,
    endsAt: sim.now,
    ...(stoppedBy ? { stoppedBy } : {}),
    eventCount: sim.eventCount,
  };
}
