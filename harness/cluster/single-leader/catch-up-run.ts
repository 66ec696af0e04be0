/**
 * Runs the catch-up cluster: n1 leads for good with voting followers n2, n3 (majority commit), two
 * clients write set / append / delete on keys a–d until `clientsStopAt`, and two catch-up followers
 * driven by the hooks: r1 from t = 0, r2 from `joinAt` (crashed and empty until then). After the
 * writes stop there is `quietMs` for every follower to catch up.
 */
import type { Operation } from '../../exercise/index.ts';
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import { runPhased, type PhasedRun, type PhasedScenario, type RunHosting } from '../phased-run.ts';
import { createCatchUpFollower, type CatchUpHooks, type CatchUpProblem } from './catch-up-follower.ts';
import { createCatchUpLeader, createVotingFollower, type StoredEntry } from './catch-up-leader.ts';
import type { CatchUpMessage, CatchUpTiming } from './catch-up-messages.ts';

/** A scripted workload: `key` is set by c1's first write, deleted by its first write from `at`, and written by nothing else. */
export interface RetiredKey {
  readonly key: string;
  readonly at: number;
}

export interface CatchUpScenario extends PhasedScenario {
  readonly timing: CatchUpTiming;
  /** When r2 boots (it is crashed and empty before); ≤ `clientsStopAt`. */
  readonly joinAt: number;
  readonly clientsStopAt: number;
  readonly retire?: RetiredKey;
}

export interface CatchUpFinal {
  readonly log: readonly StoredEntry[];
  readonly commit: number;
  readonly followers: readonly { readonly id: string; readonly status: 'up' | 'paused' | 'crashed'; readonly appliedLsn: number }[];
}

export type CatchUpRun = PhasedRun<CatchUpScenario, CatchUpFinal, CatchUpProblem>;

export const CATCH_UP_LEADER = 'n1';
export const CATCH_UP_VOTERS = ['n2', 'n3'] as const;
export const CATCH_UP_FOLLOWERS = ['r1', 'r2'] as const;
export const CATCH_UP_CLIENTS = ['c1', 'c2'] as const;
export const CATCH_UP_KEYS = ['a', 'b', 'c', 'd'] as const;

export async function runCatchUpCluster(scenario: CatchUpScenario, hooks: CatchUpHooks, options: RunHosting = {}): Promise<CatchUpRun> {
  const { timing } = scenario;
  return runPhased<CatchUpScenario, CatchUpFinal, CatchUpProblem>(scenario, {
    // The quiet time after the writes stop is the catch-up phase; recovery begins with it.
    recoveryMs: timing.quietMs,
    trace: options.trace,
    hostYield: options.hostYield,
    nodes: ({ sim, stop }) => {
      sim.addNode<CatchUpMessage>(CATCH_UP_LEADER, (ctx) => createCatchUpLeader(ctx, { voters: CATCH_UP_VOTERS, catchUp: CATCH_UP_FOLLOWERS, timing }));
      for (const id of CATCH_UP_VOTERS) sim.addNode<CatchUpMessage>(id, (ctx) => createVotingFollower(ctx, CATCH_UP_LEADER));
      // r2 is a new follower: dormant and empty until it joins, when it boots for the first time.
      let joined = scenario.joinAt <= 0;
      const follower = (ctx: NodeContext<CatchUpMessage>) => createCatchUpFollower(ctx, { leader: CATCH_UP_LEADER, timing, hooks, onProblem: stop });
      sim.addNode<CatchUpMessage>('r1', follower);
      sim.addNode<CatchUpMessage>('r2', (ctx) => (joined ? follower(ctx) : { onMessage() {} }));
      for (const id of CATCH_UP_CLIENTS) sim.addNode<CatchUpMessage>(id, (ctx) => createWriter(ctx, scenario));
      if (!joined)
        sim.at(scenario.joinAt, 'r2 joins', () => {
          joined = true;
          sim.inject({ kind: 'crash', node: 'r2' });
          sim.inject({ kind: 'restart', node: 'r2' });
        });
      return [CATCH_UP_LEADER, ...CATCH_UP_VOTERS, 'r1', ...(scenario.joinAt < scenario.faultPhaseMs ? ['r2'] : [])];
    },
    final: (sim) => {
      const leader = sim.storageOf(CATCH_UP_LEADER);
      return {
        log: [...((leader.get('log') as StoredEntry[] | undefined) ?? [])],
        commit: (leader.get('commit') as number | undefined) ?? 0,
        followers: CATCH_UP_FOLLOWERS.map((id) => ({ id, status: sim.status(id), appliedLsn: (sim.storageOf(id).get('state') as { appliedLsn: number } | undefined)?.appliedLsn ?? 0 })),
      };
    },
  });
}

/**
 * A client: a write every `writeMinMs`–`writeMaxMs` to the leader, fire-and-forget (the leader
 * ignores a duplicated id). At least 30 % appends and 15 % deletes, as the design asks.
 */
function createWriter(ctx: NodeContext<CatchUpMessage>, scenario: CatchUpScenario): NodeBehaviour<CatchUpMessage> {
  const { timing, retire } = scenario;
  let seq = 0;
  let retired = false;
  const gap = (): number => timing.writeMinMs + Math.floor(ctx.random() * (timing.writeMaxMs - timing.writeMinMs + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(ctx.random() * xs.length)]!;
  const nextOperation = (): Operation => {
    const now = ctx.now();
    // The retired key is set first by c1, so every follower holds it before it goes.
    if (retire !== undefined && ctx.id === 'c1' && seq === 0) return { op: 'set', key: retire.key, value: 'kept' };
    if (retire !== undefined && ctx.id === 'c1' && now >= retire.at && !retired) {
      retired = true;
      return { op: 'delete', key: retire.key };
    }
    // Nothing else touches the retired key, so every follower holds it until the delete.
    const keys = retire !== undefined ? CATCH_UP_KEYS.filter((k) => k !== retire.key) : CATCH_UP_KEYS;
    const key = pick(keys);
    const r = ctx.random();
    if (r < 0.35) return { op: 'append', key, value: pick(['x', 'y', 'z', '1', '2']) };
    if (r < 0.55) return { op: 'delete', key };
    return { op: 'set', key, value: pick(['p', 'q', 'r', 's']) };
  };
  ctx.setTimer('write', gap());
  return {
    onMessage() {},
    onTimer() {
      if (ctx.now() >= scenario.clientsStopAt) return;
      const operation = nextOperation();
      ctx.send(CATCH_UP_LEADER, { type: 'write', write: { id: `${ctx.id}-${++seq}`, operation } });
      ctx.setTimer('write', gap());
    },
  };
}
