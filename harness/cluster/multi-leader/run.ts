/**
 * Runs the multi-leader cluster through one scenario: leaders n1 … nN, each with its own client
 * c1 … cN, replicating over a topology; a fault phase (the schedule and the scripted steps), then a
 * recovery phase (heal, release, resume, restart all but the leaders kept down) by whose end a
 * correct learner has converged. Every fact a property needs is a trace note made when it happens.
 *
 * Delivery: `fifo-once` (updates over reliable FIFO links, routed by the learner's `route`), or
 * `any-order` (conflict-resolution: one message per change and peer, resent until acknowledged,
 * `links/at-least-once.ts`; with `antiEntropy`, whole profiles to the next peer as well, the `state`
 * mode). Every option of `any-order` is off unless a scenario names it.
 */
import type { Profile, Topology, VectorClock } from '../../exercise/index.ts';
import type { Simulation } from '../../sim/index.ts';
import { nodeIds, runPhased, type PhasedRun, type PhasedScenario, type RunHosting } from '../phased-run.ts';
import { createClient, type ScriptableClient } from './client.ts';
import { scriptedClientOfRun } from '../scripted-client.ts';
import { createFifoLeader, type FifoLeader, type LogEntry } from './fifo-leader.ts';
import type { ResolverHooks, TopologyHooks } from './hooks.ts';
import { ResolverLeader } from './resolver-leader.ts';
import type { MultiLeaderMessage, UpdateCopy } from './messages.ts';
import { triggeredBy, type RecordFact, type ScriptedStep } from './steps.ts';
import type { LikesTable } from './table.ts';
import { MULTI_LEADER_TIMING } from './timing.ts';
import { linksFrom, topologyLeaders, withoutLeader } from './topology.ts';

export type DeliveryMode = 'fifo-once' | 'any-order';

export interface MultiLeaderScenario extends PhasedScenario {
  readonly delivery: DeliveryMode;
  /** Leaders n1 … nN (2 to 5), the topology's leaders. */
  readonly leaders: number;
  readonly topology: Topology;
  readonly writesPerClient: number;
  readonly steps: readonly ScriptedStep[];
  /** Clients that write only what steps tell them until a `start-clients` step. */
  readonly scriptedClients: readonly string[];
  /** `any-order`: every `antiEntropyMs` each leader sends its whole profile to its next peer. */
  readonly antiEntropy?: boolean;
  /** `any-order`: new writes are stamped by the learner's `nextTimestamp` instead of the leader's clock. */
  readonly learnerStamps?: boolean;
  /** Every client writes to this leader first, and re-homes to its own after a retry interval without an ack. */
  readonly homeLeader?: string;
}

/** A leader's state when the run ended. */
export interface LeaderFinal {
  readonly id: string;
  readonly status: 'up' | 'paused' | 'crashed';
  readonly table: LikesTable;
  readonly applied: VectorClock;
  /** Update ids applied, in order. */
  readonly log: readonly string[];
  /** Update ids still waiting in the buffer. */
  readonly buffered: readonly string[];
  /** `any-order`: the profile it holds. */
  readonly profile?: Profile;
}

/** Why a run stopped early: learner code gave no usable answer, or an update went round a loop. */
export type MultiLeaderStop =
  | { readonly kind: 'learner'; readonly node: string; readonly fn: string; readonly problem: string; readonly t: number }
  | { readonly kind: 'loop'; readonly update: string; readonly from: string; readonly to: string; readonly t: number };

export interface MultiLeaderRun extends PhasedRun<MultiLeaderScenario, readonly LeaderFinal[], MultiLeaderStop> {
  readonly leaders: readonly string[];
  readonly clients: readonly string[];
  /** The topology at the end (a ring repair changes it). */
  readonly finalTopology: Topology;
}

export interface MultiLeaderOptions extends RunHosting {
  readonly recoveryMs?: number;
}

export function leaderIds(n: number): string[] {
  return nodeIds('n', n);
}

/** The client of leader `n3` is `c3`. */
export function clientOf(leader: string): string {
  return `c${leader.slice(1)}`;
}

export async function runMultiLeader(scenario: MultiLeaderScenario, hooks: TopologyHooks | ResolverHooks, options: MultiLeaderOptions = {}): Promise<MultiLeaderRun> {
  if (!(scenario.leaders >= 2 && scenario.leaders <= 5)) throw new RangeError(`leaders must be 2 to 5, got ${scenario.leaders}`);
  const leaders = leaderIds(scenario.leaders);
  if ([...topologyLeaders(scenario.topology)].sort().join() !== leaders.join()) throw new RangeError(`the topology must name every leader of ${leaders.join(', ')} exactly once`);
  const clients = leaders.map(clientOf);
  const T = MULTI_LEADER_TIMING;
  let topology = scenario.topology;
  const enqueues = new Map<string, number>();
  const fired = scenario.steps.map(() => false);

  const run = await runPhased<MultiLeaderScenario, LeaderFinal[], MultiLeaderStop>(scenario, {
    recoveryMs: options.recoveryMs ?? T.recoveryMs,
    trace: options.trace,
    hostYield: options.hostYield,
    nodes: ({ sim, recoveryStartsAt, stop }) => {
      const fire = (i: number): void => {
        if (fired[i]) return;
        fired[i] = true;
        const step = scenario.steps[i]!;
        const act = (): void => {
          perform(sim, step, { leaders, setTopology: (t) => (topology = t), topology: () => topology });
          scenario.steps.forEach((s, j) => ('step' in s.when && s.when.step === i ? fire(j) : undefined));
        };
        // Never inside the handler that made the fact: a fault between two events, as the simulator's own.
        sim.at(sim.now + (step.afterMs ?? 0), `step ${i + 1}`, act);
      };
      const observe = (fact: RecordFact): void => {
        scenario.steps.forEach((s, i) => (!fired[i] && triggeredBy(s.when, fact) ? fire(i) : undefined));
        if (fact.name !== 'ml-enqueue') return;
        const { update, to } = fact.data as { update: string; to: string };
        const key = `${update}:${fact.node}->${to}`;
        const n = (enqueues.get(key) ?? 0) + 1;
        enqueues.set(key, n);
        if (n >= T.maxEnqueuesPerLink) stop({ kind: 'loop', update, from: fact.node, to, t: sim.now });
      };
      const note = (id: string, ctx: { record(name: string, data: unknown): void }) => (name: string, data: unknown) => {
        ctx.record(name, data);
        observe({ name, node: id, data });
      };
      const onProblem = (id: string) => (fn: string, problem: string) => stop({ kind: 'learner', node: id, fn, problem, t: sim.now });
      for (const id of leaders)
        sim.addNode<MultiLeaderMessage>(id, (ctx) =>
          scenario.delivery === 'any-order'
            ? new ResolverLeader(ctx, {
                hooks: hooks as ResolverHooks,
                peers: linksFrom(scenario.topology, id),
                resendMs: T.resendMs,
                antiEntropyMs: scenario.antiEntropy ? T.antiEntropyMs : undefined,
                learnerStamps: scenario.learnerStamps === true,
                logicDeadlineMs: T.logicDeadlineMs,
                note: note(id, ctx),
                onProblem: onProblem(id),
              })
            : createFifoLeader(ctx, {
            hooks: hooks as TopologyHooks,
            topology: () => topology,
            linkResendMs: T.linkResendMs,
            logicDeadlineMs: T.logicDeadlineMs,
            note: (name, data) => {
              ctx.record(name, data);
              observe({ name, node: id, data });
            },
            onProblem: (fn, problem) => stop({ kind: 'learner', node: id, fn, problem, t: sim.now }),
          }),
        );
      for (const [i, id] of clients.entries())
        sim.addNode<MultiLeaderMessage>(id, (ctx) =>
          createClient(ctx, {
            leader: scenario.homeLeader ?? leaders[i]!,
            ...(scenario.homeLeader !== undefined && scenario.homeLeader !== leaders[i] ? { rehomeTo: leaders[i]! } : {}),
            ...scriptedClientOfRun(id, scenario, T, recoveryStartsAt, () => sim.now),
          }),
        );
      scenario.steps.forEach((s, i) => ('atMs' in s.when ? sim.at(s.when.atMs, `step ${i + 1}`, () => fire(i)) : undefined));
      // The fallback: whatever has not fired by the end of the fault phase fires then, in order.
      sim.at(recoveryStartsAt, 'unfired steps', () => scenario.steps.forEach((s, i) => (fired[i] ? undefined : fire(i))));
      return [...leaders, ...clients];
    },
    final: (sim) =>
      leaders.map((id): LeaderFinal => {
        const store = sim.storageOf(id);
        const profile = scenario.delivery === 'any-order' ? { profile: (store.get('profile') as Profile | undefined) ?? { fields: {}, interests: [] } } : {};
        return {
          id,
          status: sim.status(id),
          table: (store.get('table') as LikesTable | undefined) ?? {},
          applied: (store.get('applied') as VectorClock | undefined) ?? {},
          log: ((store.get('log') as LogEntry[] | undefined) ?? []).map((e) => e.update.id),
          buffered: ((store.get('buffer') as { copy: UpdateCopy }[] | undefined) ?? []).map((b) => b.copy.update.id),
          ...profile,
        };
      }),
  });
  return { ...run, leaders, clients, finalTopology: topology };
}

interface StepWorld {
  readonly leaders: readonly string[];
  readonly topology: () => Topology;
  readonly setTopology: (t: Topology) => void;
}

function perform(sim: Simulation, step: ScriptedStep, world: StepWorld): void {
  const a = step.action;
  switch (a.kind) {
    case 'write':
      sim.behaviourOf<ScriptableClient>(a.client)?.writeNow(a.op);
      return;
    case 'accept': {
      const client = sim.behaviourOf<ScriptableClient>(clientOf(a.leader));
      if (client !== undefined) sim.behaviourOf<ResolverLeader>(a.leader)?.acceptNow(clientOf(a.leader), client.reserveId(), a.op);
      return;
    }
    case 'start-clients':
      for (const id of sim.nodeIds()) if (id.startsWith('c')) sim.behaviourOf<ScriptableClient>(id)?.startWriting();
      return;
    case 'fault':
      sim.inject(a.fault);
      return;
    case 'ring-repair':
      repairRing(sim, a.removed, world);
      return;
  }
}

/**
 * The ring closes without `gone`, in one event at its successor S (after S's queued jobs): the new
 * ring from now on, S's link from `gone` closed, and the catch-up — every update in the predecessor
 * U's log that S has neither applied nor buffered, in log order, with the path it had at U plus U —
 * enqueued once on U → S; then S routes its buffer again. Requested over the network instead, the
 * catch-up would race `gone`'s messages still in flight, and a correct S would apply an update twice.
 */
function repairRing(sim: Simulation, gone: string, world: StepWorld): void {
  const before = world.topology();
  if (before.kind !== 'circular') return;
  const i = before.ring.indexOf(gone);
  const s = before.ring[(i + 1) % before.ring.length]!;
  const u = before.ring[(i - 1 + before.ring.length) % before.ring.length]!;
  const leaderAt = (id: string): FifoLeader | undefined => sim.behaviourOf<FifoLeader>(id);
  leaderAt(s)?.job('ring-repair', async () => {
    const S = leaderAt(s)!;
    const after = withoutLeader(before, gone);
    world.setTopology(after);
    S.record('ml-repair', { removed: gone, topology: after });
    S.links.closeInbound(gone);
    for (const id of world.leaders) if (id !== gone) leaderAt(id)?.links.closeOutbound(gone);
    const known = new Set([...S.log.map((e) => e.update.id), ...S.buffer.map((b) => b.copy.update.id)]);
    const U = leaderAt(u);
    const copies = (U?.log ?? []).filter((e) => !known.has(e.update.id)).map((e): UpdateCopy => ({ update: e.update, path: [...e.path, u] }));
    U?.catchUp(s, copies);
    await S.reroute();
  });
}
