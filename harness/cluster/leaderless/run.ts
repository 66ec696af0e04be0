/**
 * Runs the reference leaderless store through one scenario: replicas n1 … nN, two writers (w1, w2)
 * and one reader (r1) working on a few keys, a fault phase (the schedule), then a recovery phase in
 * which the network heals, loss stops, paused replicas resume and crashed ones restart (except those
 * kept down), so hints can be handed off and anti-entropy can catch up.
 */
import { recoveryFaults } from '../recovery-faults.ts';
import type { QuorumConfig } from '../../exercise/index.ts';
import { Simulation, type Fault, type FaultSchedule, type HistoryOp, type LatencyRange, type TraceEvent, type TraceLog } from '../../sim/index.ts';
import type { LeaderlessMessage, StoredHint, Versioned } from './messages.ts';
import { homeReplicas, keyNames, preferenceList, storeNodeIds } from './preference.ts';
import { createReader, type QuorumReader, type ReadRecord } from './reader.ts';
import { referenceHintPolicy } from './reference-policies.ts';
import { createReplica, storedValue, type HintPolicy } from './replica.ts';
import { DEFAULT_LEADERLESS_TIMING, type LeaderlessTiming } from './timing.ts';
import { createWriter, type TargetPolicy, type WriteRecord } from './writer.ts';

export interface LeaderlessScenario {
  readonly seed: number;
  /** Replica nodes n1 … nN; the first n of each key's preference list are its home replicas. */
  readonly nodes: number;
  readonly config: QuorumConfig;
  readonly keys: number;
  readonly latency: LatencyRange;
  /** Network-wide loss and duplication during the fault phase. */
  readonly loss: number;
  readonly duplicate: number;
  readonly reorder: number;
  readonly faults: FaultSchedule;
  readonly faultPhaseMs: number;
  /** Replicas left crashed through the recovery phase. */
  readonly keepDown: readonly string[];
  /** Sloppy quorums: writers let fallbacks stand in for unreachable home replicas. */
  readonly sloppy: boolean;
}

export interface LeaderlessOptions {
  readonly timing?: LeaderlessTiming;
  /** The reader's quorum read; without one there is no reader. */
  readonly reader?: QuorumReader;
  readonly hints?: HintPolicy;
  /** Where sloppy writes go; required when the scenario is sloppy. */
  readonly targets?: TargetPolicy;
  readonly writers?: number;
  readonly writeIntervalMs?: { min: number; max: number };
  readonly readPauseMs?: { min: number; max: number };
  readonly recoveryMs?: number;
  readonly antiEntropy?: boolean;
  readonly trace?: boolean;
  readonly hostYield?: () => Promise<void>;
}

/** A replica's state when the run ended. */
export interface StoreReplicaFinal {
  readonly id: string;
  readonly status: 'up' | 'paused' | 'crashed';
  readonly values: Readonly<Record<string, Versioned>>;
  readonly hints: readonly StoredHint[];
}

export interface LeaderlessRun {
  readonly scenario: LeaderlessScenario;
  readonly timing: LeaderlessTiming;
  readonly replicas: readonly string[];
  readonly clients: readonly string[];
  readonly keys: readonly string[];
  readonly trace: TraceLog;
  /** Only the protocol notes, faults and never-settled events, in trace order. */
  readonly notes: readonly TraceEvent[];
  readonly history: readonly HistoryOp[];
  readonly reads: readonly ReadRecord[];
  readonly writes: readonly WriteRecord[];
  readonly final: readonly StoreReplicaFinal[];
  readonly recoveryStartsAt: number;
  readonly endsAt: number;
  /** Set when the run stopped early because learner code gave no usable answer. */
  readonly stoppedBy?: { readonly node: string; readonly problem: string; readonly read?: ReadRecord };
  readonly eventCount: number;
}

export const READER = 'r1';

export async function runLeaderlessStore(scenario: LeaderlessScenario, options: LeaderlessOptions = {}): Promise<LeaderlessRun> {
  const timing = options.timing ?? DEFAULT_LEADERLESS_TIMING;
  const { n, w } = scenario.config;
  if (scenario.nodes < n) throw new RangeError(`runLeaderlessStore: nodes (${scenario.nodes}) must be at least n (${n})`);
  if (scenario.sloppy && options.targets === undefined) throw new RangeError('runLeaderlessStore: a sloppy scenario needs options.targets');
  const replicas = storeNodeIds(scenario.nodes);
  const keys = keyNames(scenario.keys);
  const prefs = new Map(keys.map((k) => [k, preferenceList(k, replicas)]));
  const homes = new Map(keys.map((k) => [k, homeReplicas(k, replicas, n)]));
  const recoveryStartsAt = scenario.faultPhaseMs;
  const endsAt = recoveryStartsAt + (options.recoveryMs ?? 800);
  const sim = new Simulation({
    seed: scenario.seed,
    network: { latency: scenario.latency, loss: 0, duplicate: 0, reorder: scenario.reorder },
    trace: options.trace ?? true,
    ...(options.hostYield ? { hostYield: options.hostYield } : {}),
  });
  const trueNow = (): number => sim.now;
  let stoppedBy: LeaderlessRun['stoppedBy'];
  const stop = (node: string, problem: string, read?: ReadRecord): void => {
    stoppedBy ??= { node, problem, ...(read ? { read } : {}) };
    sim.stop();
  };

  for (const id of replicas) {
    sim.addNode<LeaderlessMessage>(id, (ctx) =>
      createReplica(ctx, {
        peersFor: (key) => (homes.get(key)?.includes(id) ? homes.get(key)!.filter((h) => h !== id) : []),
        timing,
        hints: options.hints ?? referenceHintPolicy,
        onPolicyProblem: stop,
        antiEntropy: options.antiEntropy ?? true,
      }),
    );
  }
  let version = 0;
  const writes: WriteRecord[] = [];
  const clients: string[] = [];
  for (let c = 1; c <= (options.writers ?? 2); c++) {
    const id = `w${c}`;
    clients.push(id);
    sim.addNode<LeaderlessMessage>(id, (ctx) =>
      createWriter(
        ctx,
        {
          keys,
          preferenceList: (key) => prefs.get(key)!,
          n,
          w,
          nextVersion: () => ++version,
          timing,
          intervalMs: options.writeIntervalMs ?? { min: 15, max: 45 },
          stopAtMs: endsAt - 300,
          ...(scenario.sloppy ? { sloppy: options.targets! } : {}),
          onPolicyProblem: stop,
          trueNow,
        },
        writes,
      ),
    );
  }
  const reads: ReadRecord[] = [];
  if (options.reader !== undefined) {
    clients.push(READER);
    const reader = options.reader;
    sim.addNode<LeaderlessMessage>(READER, (ctx) =>
      createReader(
        ctx,
        {
          keys,
          homes: (key) => homes.get(key)!,
          config: scenario.config,
          timing,
          reader,
          pauseMs: options.readPauseMs ?? { min: 20, max: 70 },
          startAtMs: 30,
          stopAtMs: endsAt - 100,
          trueNow,
          onProblem: (record) => stop(READER, record.outcome?.kind === 'problem' ? record.outcome.message : 'the read failed', record),
        },
        reads,
      ),
    );
  }

  const opening: Fault[] = scenario.loss > 0 || scenario.duplicate > 0 ? [{ kind: 'network-faults', loss: scenario.loss, duplicate: scenario.duplicate }] : [];
  sim.schedule([...opening.map((fault) => ({ at: 0, fault })), ...scenario.faults]);
  sim.at(recoveryStartsAt, 'recovery', () => {
    for (const fault of recoveryFaults(scenario, replicas, (id) => sim.status(id))) sim.inject(fault);
  });
  await sim.run(endsAt);

  const final = replicas.map((id): StoreReplicaFinal => {
    const storage = sim.storageOf(id);
    const get = <T>(key: string): T | undefined => storage.get(key) as T | undefined;
    const values: Record<string, Versioned> = {};
    for (const key of keys) values[key] = storedValue({ get }, key);
    return { id, status: sim.status(id), values, hints: [...((storage.get('hints') as StoredHint[] | undefined) ?? [])] };
  });
  return {
    scenario,
    timing,
    replicas,
    clients,
    keys,
    trace: sim.trace,
    notes: sim.trace.notesAndFaults(),
    history: sim.history.ops(),
    reads,
    writes,
    final,
    recoveryStartsAt,
    endsAt: sim.now,
    ...(stoppedBy ? { stoppedBy } : {}),
    eventCount: sim.eventCount,
  };
}
