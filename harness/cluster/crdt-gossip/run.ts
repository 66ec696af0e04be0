/**
 * Runs the CRDT gossip cluster (`state` delivery) through one scenario: replicas n1 … nN, each with
 * its own client c1 … cN, pushing whole states to linked peers of a topology; a fault phase (the
 * schedule and the scripted steps), then a recovery phase by whose end a correct CRDT has
 * converged, and a final read at every replica. Every fact a property needs is a trace note.
 */
import type { Topology } from '../../exercise/index.ts';
import type { Simulation } from '../../sim/index.ts';
import { runPhased, type PhasedRun, type PhasedScenario, type RunHosting } from '../phased-run.ts';
import { clientOf, leaderIds, linksFrom, MULTI_LEADER_TIMING, topologyLeaders } from '../multi-leader/index.ts';
import { createGossipClient, type ScriptableGossipClient } from './client.ts';
import { scriptedClientOfRun } from '../scripted-client.ts';
import type { GossipCrdt } from './crdt.ts';
import type { GossipMessage, KnownOp } from './messages.ts';
import { GossipReplica } from './replica.ts';
import { conditionHolds, type GossipFacts, type GossipStep } from './steps.ts';

export interface GossipScenario extends PhasedScenario {
  /** Replicas n1 … nN (3 to 5). */
  readonly replicas: number;
  readonly topology: Topology;
  readonly writesPerClient: number;
  readonly steps: readonly GossipStep[];
  /** Clients that make only what steps tell them until a `start-clients` step. */
  readonly scriptedClients: readonly string[];
}

export interface GossipReplicaFinal {
  readonly id: string;
  readonly status: 'up' | 'paused' | 'crashed';
  readonly state: unknown;
  readonly knows: readonly string[];
}

export type GossipStop =
  | { readonly kind: 'learner'; readonly node: string; readonly fn: string; readonly problem: string; readonly t: number }
  | { readonly kind: 'runaway'; readonly node: string; readonly fn: string; readonly size: number; readonly t: number }
  | { readonly kind: 'bad-answer'; readonly node: string; readonly fn: string; readonly problem: string; readonly t: number };

export interface GossipRun extends PhasedRun<GossipScenario, readonly GossipReplicaFinal[], GossipStop> {
  readonly replicas: readonly string[];
  readonly clients: readonly string[];
}

/**
 * The gossip cluster's published timing: the multi-leader cluster's (§1.5), with a shorter recovery
 * phase: the soundness runs measured at most 186 ms from recovery to the last change of any state
 * (1,200 runs of every family), and `recoveryMs` stays above twice that.
 */
export const GOSSIP_TIMING = Object.freeze({ ...MULTI_LEADER_TIMING, recoveryMs: 500 });
/** The final reads happen this long before the run ends. */
const FINAL_READ_BEFORE_END_MS = 10;

export async function runGossip(scenario: GossipScenario, crdt: GossipCrdt, options: RunHosting & { readonly recoveryMs?: number } = {}): Promise<GossipRun> {
  if (!(scenario.replicas >= 2 && scenario.replicas <= 5)) throw new RangeError(`replicas must be 2 to 5, got ${scenario.replicas}`);
  const replicas = leaderIds(scenario.replicas);
  if ([...topologyLeaders(scenario.topology)].sort().join() !== replicas.join()) throw new RangeError(`the topology must name every replica of ${replicas.join(', ')} exactly once`);
  const clients = replicas.map(clientOf);
  const T = GOSSIP_TIMING;
  const fired: (number | undefined)[] = scenario.steps.map(() => undefined);
  const sends = new Map<string, number[]>();

  const run = await runPhased<GossipScenario, GossipReplicaFinal[], GossipStop>(scenario, {
    recoveryMs: options.recoveryMs ?? T.recoveryMs,
    trace: options.trace,
    hostYield: options.hostYield,
    nodes: ({ sim, recoveryStartsAt, endsAt, stop }) => {
      const facts: GossipFacts = {
        replicas,
        knows: (r) => new Set((sim.storageOf(r).get('knowledge') as KnownOp[] | undefined)?.map((k) => k.id) ?? []),
        sends: (from, to) => sends.get(`${from}->${to}`) ?? [],
        firedAt: (i) => fired[i],
      };
      const fire = (i: number): void => {
        if (fired[i] !== undefined) return;
        fired[i] = sim.now;
        const step = scenario.steps[i]!;
        sim.at(sim.now + (step.afterMs ?? 0), `step ${i + 1}`, () => {
          perform(sim, step);
          check();
        });
      };
      const check = (): void =>
        scenario.steps.forEach((s, i) => (fired[i] === undefined && !('atMs' in s.when) && s.when.every((c) => conditionHolds(c, facts)) ? fire(i) : undefined));
      for (const id of replicas)
        sim.addNode<GossipMessage>(id, (ctx) => new GossipReplica(ctx, {
          crdt,
          peers: linksFrom(scenario.topology, id),
          antiEntropyMs: T.antiEntropyMs,
          logicDeadlineMs: T.logicDeadlineMs,
          note: (name, data) => {
            ctx.record(name, data);
            if (name === 'crdt-send') {
              const key = `${id}->${(data as { to: string }).to}`;
              sends.set(key, [...(sends.get(key) ?? []), sim.now]);
            }
            // Never inside the handler that made the fact: a step fires between two events.
            if (scenario.steps.length > 0) sim.at(sim.now, 'steps', check);
          },
          onProblem: (fn, problem) => stop({ kind: 'learner', node: id, fn, problem, t: sim.now }),
          onRunaway: (fn, size) => stop({ kind: 'runaway', node: id, fn, size, t: sim.now }),
          onBadAnswer: (fn, problem) => stop({ kind: 'bad-answer', node: id, fn, problem, t: sim.now }),
        }));
      for (const [i, id] of clients.entries())
        sim.addNode<GossipMessage>(id, (ctx) =>
          createGossipClient(ctx, {
            replica: replicas[i]!,
            ...scriptedClientOfRun(id, scenario, T, recoveryStartsAt, () => sim.now),
          }),
        );
      scenario.steps.forEach((s, i) => ('atMs' in s.when ? sim.at(s.when.atMs, `step ${i + 1}`, () => fire(i)) : undefined));
      sim.at(recoveryStartsAt, 'unfired steps', () => scenario.steps.forEach((_, i) => fire(i)));
      sim.at(endsAt - FINAL_READ_BEFORE_END_MS, 'final reads', () => {
        for (const id of replicas) if (sim.status(id) === 'up') sim.behaviourOf<GossipReplica>(id)?.finalRead();
      });
      return [...replicas, ...clients];
    },
    final: (sim) =>
      replicas.map((id): GossipReplicaFinal => {
        const store = sim.storageOf(id);
        return {
          id,
          status: sim.status(id),
          state: store.get('state') ?? crdt.initial,
          knows: ((store.get('knowledge') as KnownOp[] | undefined) ?? []).map((k) => k.id),
        };
      }),
  });
  return { ...run, replicas, clients };
}

function perform(sim: Simulation, step: GossipStep): void {
  const a = step.action;
  if (a.kind === 'write') sim.behaviourOf<ScriptableGossipClient>(a.client)?.writeNow(a.op);
  else if (a.kind === 'start-clients') {
    for (const id of sim.nodeIds()) if (id.startsWith('c')) sim.behaviourOf<ScriptableGossipClient>(id)?.startWriting();
  } else sim.inject(a.fault);
}
