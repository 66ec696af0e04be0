/**
 * Runs the siblings store through one scenario: a fault phase (the schedule, with clients writing),
 * then a recovery phase in which the network heals, loss stops, paused replicas resume and crashed
 * ones restart, and anti-entropy brings every replica to the same sibling set.
 */
import { nodeIds, runPhased, type PhasedRun, type PhasedScenario, type RunHosting } from '../phased-run.ts';
import { createClient } from './client.ts';
import type { SiblingMessage } from './messages.ts';
import { createReplica } from './replica.ts';
import type { CartSibling, SiblingLogic } from './sibling-logic.ts';

export interface SiblingScenario extends PhasedScenario {
  /** Replicas n1 … nN (2 to 5). */
  readonly replicas: number;
  /** Clients c1 … cK, client ci writing through replica ni (K ≤ N). */
  readonly clients: number;
  readonly writesPerClient: number;
}

export interface SiblingStoreOptions extends RunHosting {
  readonly antiEntropyMs?: number;
}

/** A replica's state when the run ended. */
export interface SiblingReplicaFinal {
  readonly id: string;
  readonly status: 'up' | 'paused' | 'crashed';
  readonly siblings: readonly CartSibling[];
}

/** Why a siblings run stopped early: the logic gave no usable answer. */
export interface SiblingStop {
  readonly node: string;
  readonly fn: string;
  readonly problem: string;
  readonly t: number;
}

/** Every `sibling-call` note among `notes` is one call into the logic. */
export interface SiblingRun extends PhasedRun<SiblingScenario, readonly SiblingReplicaFinal[], SiblingStop> {
  readonly replicas: readonly string[];
  readonly clients: readonly string[];
  /** Set when a replica's sibling set outgrew `maxSiblings` and the run stopped there. */
  readonly runawayAt?: number;
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
  return nodeIds('n', n);
}

export function siblingClientIds(n: number): string[] {
  return nodeIds('c', n);
}

export async function runSiblingStore(scenario: SiblingScenario, logic: SiblingLogic, options: SiblingStoreOptions = {}): Promise<SiblingRun> {
  if (!(scenario.replicas >= 2 && scenario.replicas <= 5)) throw new RangeError(`replicas must be 2 to 5, got ${scenario.replicas}`);
  if (!(scenario.clients >= 1 && scenario.clients <= scenario.replicas)) throw new RangeError(`clients must be 1 to replicas (one client per replica), got ${scenario.clients}`);
  const replicas = siblingReplicaIds(scenario.replicas);
  const clients = siblingClientIds(scenario.clients);
  let runaway: number | undefined;
  const run = await runPhased<SiblingScenario, SiblingReplicaFinal[], SiblingStop>(scenario, {
    recoveryMs: SIBLING_STORE_TIMING.recoveryMs,
    keepDown: [],
    trace: options.trace,
    hostYield: options.hostYield,
    nodes: ({ sim, recoveryStartsAt, stop }) => {
      for (const id of replicas) {
        sim.addNode<SiblingMessage>(id, (ctx) =>
          createReplica(ctx, {
            peers: replicas.filter((p) => p !== id),
            logic,
            antiEntropyMs: options.antiEntropyMs ?? SIBLING_STORE_TIMING.antiEntropyMs,
            maxSiblings: SIBLING_STORE_TIMING.maxSiblings,
            onProblem: (p) => stop({ ...p, t: sim.now }),
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
      return [...replicas, ...clients];
    },
    final: (sim) =>
      replicas.map((id): SiblingReplicaFinal => ({
        id,
        status: sim.status(id),
        siblings: (sim.storageOf(id).get('siblings') as CartSibling[] | undefined) ?? [],
      })),
  });
  return { ...run, replicas, clients, ...(runaway !== undefined ? { runawayAt: runaway } : {}) };
}
