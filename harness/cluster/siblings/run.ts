/**
 * Runs the siblings store through one scenario: a fault phase (the schedule, with clients writing),
 * then a recovery phase in which the network heals, loss stops, paused replicas resume and crashed
 * ones restart, and anti-entropy brings every replica to the same sibling set.
 */
import { recoveryFaults } from '../recovery-faults.ts';
import { Simulation, type Fault, type FaultSchedule, type HistoryOp, type LatencyRange, type TraceEvent, type TraceLog } from '../../sim/index.ts';
import { createClient } from './client.ts';
import type { SiblingMessage } from './messages.ts';
import { createReplica } from './replica.ts';
import type { CartSibling, SiblingLogic } from './sibling-logic.ts';

export interface SiblingScenario {
  readonly seed: number;
  /** Replicas n1 … nN (2 to 5). */
  readonly replicas: number;
  /** Clients c1 … cK, client ci writing through replica ni (K ≤ N). */
  readonly clients: number;
  readonly writesPerClient: number;
  readonly latency: LatencyRange;
  /** Network-wide loss and duplication during the fault phase. */
  readonly loss: number;
  readonly duplicate: number;
  readonly reorder: number;
  /** Faults among replicas and clients, all within [0, faultPhaseMs). */
  readonly faults: FaultSchedule;
  readonly faultPhaseMs: number;
}

export interface SiblingStoreOptions {
  readonly antiEntropyMs?: number;
  readonly trace?: boolean;
  readonly hostYield?: () => Promise<void>;
}

/** A replica's state when the run ended. */
export interface SiblingReplicaFinal {
  readonly id: string;
  readonly status: 'up' | 'paused' | 'crashed';
  readonly siblings: readonly CartSibling[];
}

export interface SiblingRun {
  readonly scenario: SiblingScenario;
  readonly replicas: readonly string[];
  readonly clients: readonly string[];
  readonly trace: TraceLog;
  /** Protocol notes and faults in trace order: every `sibling-call` note is one call into the logic. */
  readonly notes: readonly TraceEvent[];
  readonly history: readonly HistoryOp[];
  readonly final: readonly SiblingReplicaFinal[];
  readonly recoveryStartsAt: number;
  readonly endsAt: number;
  /** Set when the logic gave no usable answer and the run stopped there. */
  readonly stoppedBy?: { readonly node: string; readonly fn: string; readonly problem: string; readonly t: number };
  /** Set when a replica's sibling set outgrew `maxSiblings` and the run stopped there. */
  readonly runawayAt?: number;
  readonly eventCount: number;
}

/** Published timing of the store. */
export const SIBLING_STORE_TIMING = Object.freeze({
  /** A replica pushes its set to one peer, round robin, this often. */
  antiEntropyMs: 40,
  /** A client resends an unanswered read or write after this long. */
  retryMs: 60,
  /** Think time between a client's writes. */
  thinkMinMs: 10,
  thinkMaxMs: 60,
  /** Time between a client's read and its write. */
  editMinMs: 0,
  editMaxMs: 40,
  /** A replica holding more siblings than this stops the run: values are being duplicated without bound. */
  maxSiblings: 32,
  /** How long the recovery phase lasts: ample for anti-entropy to reach every replica. */
  recoveryMs: 700,
});

export function siblingReplicaIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `n${i + 1}`);
}

export function siblingClientIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `c${i + 1}`);
}

export async function runSiblingStore(scenario: SiblingScenario, logic: SiblingLogic, options: SiblingStoreOptions = {}): Promise<SiblingRun> {
  if (!(scenario.replicas >= 2 && scenario.replicas <= 5)) throw new RangeError(`replicas must be 2 to 5, got ${scenario.replicas}`);
  if (!(scenario.clients >= 1 && scenario.clients <= scenario.replicas)) throw new RangeError(`clients must be 1 to replicas (one client per replica), got ${scenario.clients}`);
  const replicas = siblingReplicaIds(scenario.replicas);
  const clients = siblingClientIds(scenario.clients);
  const recoveryStartsAt = scenario.faultPhaseMs;
  const endsAt = recoveryStartsAt + SIBLING_STORE_TIMING.recoveryMs;
  const sim = new Simulation({
    seed: scenario.seed,
    network: { latency: scenario.latency, loss: 0, duplicate: 0, reorder: scenario.reorder },
    trace: options.trace ?? true,
    ...(options.hostYield ? { hostYield: options.hostYield } : {}),
  });
  let stoppedBy: SiblingRun['stoppedBy'];
  let runaway: number | undefined;
  for (const id of replicas) {
    sim.addNode<SiblingMessage>(id, (ctx) =>
      createReplica(ctx, {
        peers: replicas.filter((p) => p !== id),
        logic,
        antiEntropyMs: options.antiEntropyMs ?? SIBLING_STORE_TIMING.antiEntropyMs,
        maxSiblings: SIBLING_STORE_TIMING.maxSiblings,
        onProblem: (p) => {
          stoppedBy ??= { ...p, t: sim.now };
          sim.stop();
        },
        onRunaway: () => {
          runaway ??= sim.now;
          sim.stop();
        },
      }),
    );
  }
  clients.forEach((id, i) =>
    sim.addNode<SiblingMessage>(id, (ctx) =>
      createClient(ctx, {
        replica: replicas[i]!,
        writes: scenario.writesPerClient,
        thinkMs: { min: SIBLING_STORE_TIMING.thinkMinMs, max: SIBLING_STORE_TIMING.thinkMaxMs },
        editMs: { min: SIBLING_STORE_TIMING.editMinMs, max: SIBLING_STORE_TIMING.editMaxMs },
        retryMs: SIBLING_STORE_TIMING.retryMs,
        stopAtMs: recoveryStartsAt,
        now: () => sim.now,
      }),
    ),
  );
  const opening: Fault[] = scenario.loss > 0 || scenario.duplicate > 0 ? [{ kind: 'network-faults', loss: scenario.loss, duplicate: scenario.duplicate }] : [];
  sim.schedule([...opening.map((fault) => ({ at: 0, fault })), ...scenario.faults]);
  sim.at(recoveryStartsAt, 'recovery', () => {
    for (const fault of recoveryFaults({ faults: scenario.faults, keepDown: [] }, [...replicas, ...clients], (id) => sim.status(id))) sim.inject(fault);
  });
  await sim.run(endsAt);
  const final = replicas.map((id): SiblingReplicaFinal => ({
    id,
    status: sim.status(id),
    siblings: (sim.storageOf(id).get('siblings') as CartSibling[] | undefined) ?? [],
  }));
  return {
    scenario,
    replicas,
    clients,
    trace: sim.trace,
    notes: sim.trace.notesAndFaults(),
    history: sim.history.ops(),
    final,
    recoveryStartsAt,
    endsAt: sim.now,
    ...(stoppedBy ? { stoppedBy } : {}),
    ...(runaway !== undefined ? { runawayAt: runaway } : {}),
    eventCount: sim.eventCount,
  };
}
