/**
 * Runs the reference leaderless store through one scenario: replicas n1 … nN, two writers (w1, w2)
 * and one reader (r1) working on a few keys, a fault phase (the schedule), then a recovery phase in
 * which the network heals, loss stops, paused replicas resume and crashed ones restart (except those
 * kept down), so hints can be handed off and anti-entropy can catch up.
 */
import type { QuorumConfig } from '../../exercise/index.ts';
import { runPhased, type PhasedRun, type PhasedScenario, type RunHosting } from '../phased-run.ts';
import type { LeaderlessMessage, StoredHint, Versioned } from './messages.ts';
import { homeReplicas, keyNames, preferenceList, storeNodeIds } from './preference.ts';
import { createReader, type QuorumReader, type ReadRecord } from './reader.ts';
import { referenceHintPolicy } from './reference-policies.ts';
import { createReplica, storedValue, type HintPolicy } from './replica.ts';
import { DEFAULT_LEADERLESS_TIMING, type LeaderlessTiming } from './timing.ts';
import { createWriter, type TargetPolicy, type WriteRecord } from './writer.ts';

export interface LeaderlessScenario extends PhasedScenario {
  /** Replica nodes n1 … nN; the first n of each key's preference list are its home replicas. */
  readonly nodes: number;
  readonly config: QuorumConfig;
  readonly keys: number;
  /** Replicas left crashed through the recovery phase. */
  readonly keepDown: readonly string[];
  /** Sloppy quorums: writers let fallbacks stand in for unreachable home replicas. */
  readonly sloppy: boolean;
}

export interface LeaderlessOptions extends RunHosting {
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
}

/** A replica's state when the run ended. */
export interface StoreReplicaFinal {
  readonly id: string;
  readonly status: 'up' | 'paused' | 'crashed';
  readonly values: Readonly<Record<string, Versioned>>;
  readonly hints: readonly StoredHint[];
}

/** Why a store run stopped early: learner code gave no usable answer. */
export interface LeaderlessStop {
  readonly node: string;
  readonly problem: string;
  readonly read?: ReadRecord;
}

export interface LeaderlessRun extends PhasedRun<LeaderlessScenario, readonly StoreReplicaFinal[], LeaderlessStop> {
  readonly timing: LeaderlessTiming;
  readonly replicas: readonly string[];
  readonly clients: readonly string[];
  readonly keys: readonly string[];
  readonly reads: readonly ReadRecord[];
  readonly writes: readonly WriteRecord[];
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
  const writes: WriteRecord[] = [];
  const reads: ReadRecord[] = [];
  const clients: string[] = [];

  const run = await runPhased<LeaderlessScenario, StoreReplicaFinal[], LeaderlessStop>(scenario, {
    recoveryMs: options.recoveryMs ?? 800,
    trace: options.trace,
    hostYield: options.hostYield,
    nodes: ({ sim, endsAt, stop }) => {
      const trueNow = (): number => sim.now;
      const halt = (node: string, problem: string, read?: ReadRecord): void => stop({ node, problem, ...(read ? { read } : {}) });
      for (const id of replicas) {
        sim.addNode<LeaderlessMessage>(id, (ctx) =>
          createReplica(ctx, {
            peersFor: (key) => (homes.get(key)?.includes(id) ? homes.get(key)!.filter((h) => h !== id) : []),
            timing,
            hints: options.hints ?? referenceHintPolicy,
            onPolicyProblem: halt,
            antiEntropy: options.antiEntropy ?? true,
          }),
        );
      }
      let version = 0;
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
              onPolicyProblem: halt,
              trueNow,
            },
            writes,
          ),
        );
      }
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
              onProblem: (record) => halt(READER, record.outcome?.kind === 'problem' ? record.outcome.message : 'the read failed', record),
            },
            reads,
          ),
        );
      }
      return replicas;
    },
    final: (sim) =>
      replicas.map((id): StoreReplicaFinal => {
        const storage = sim.storageOf(id);
        const get = <T>(key: string): T | undefined => storage.get(key) as T | undefined;
        const values: Record<string, Versioned> = {};
        for (const key of keys) values[key] = storedValue({ get }, key);
        return { id, status: sim.status(id), values, hints: [...((storage.get('hints') as StoredHint[] | undefined) ?? [])] };
      }),
  });
  return { ...run, timing, replicas, clients, keys, reads, writes };
}
