/**
 * One shard's replica group: the static-leadership leader and pipeline followers of the single-leader
 * cluster, the leader acknowledging once a majority holds a write on disk (a harness-owned decision,
 * nobody's exercise), and followers that also answer `read-shard` from their applied state.
 */
import type { AckView } from '../../exercise/index.ts';
import type { NodeContext, Simulation } from '../../sim/index.ts';
import type { HookOutcome } from '../hook.ts';
import type { Entry } from '../single-leader/messages.ts';
import type { AppliedState } from '../single-leader/standby-follower.ts';
import { createStandbyFollower } from '../single-leader/standby-follower.ts';
import { createStandbyLeader } from '../single-leader/standby-leader.ts';
import type { StandbyMessage, StandbyTiming } from '../single-leader/standby-messages.ts';
import { shardLeader, shardMembers, type ChatPayload, type ShardedMessage } from './messages.ts';

/** The highest position a majority of the group (the leader included) holds on disk. */
export function majorityFlushed(view: AckView): number {
  const positions = [view.leaderLsn, ...view.standbys.map((s) => s.flushed)].sort((a, b) => b - a);
  return positions[Math.floor(positions.length / 2)] ?? 0;
}

const MAJORITY = { level: 'remote_flush', sync: { method: 'any', count: 1, names: [] } } as const;

/** Adds the group's nodes to `sim`; returns their ids, leader first. */
export function addShardGroup(sim: Simulation, shard: string, members: number, timing: StandbyTiming, onProblem: () => void): string[] {
  const ids = shardMembers(shard, members);
  const leader = shardLeader(shard);
  const decider = async (_policy: unknown, view: AckView): Promise<HookOutcome<unknown>> => ({ ok: true, value: majorityFlushed(view) });
  sim.addNode<StandbyMessage>(leader, (ctx) => createStandbyLeader(ctx, { followers: ids.slice(1), timing, policy: MAJORITY, decider, onAck: () => undefined, onDecisionProblem: onProblem }));
  for (const id of ids.slice(1))
    sim.addNode<ShardedMessage>(id, (ctx) => {
      const inner = createStandbyFollower(ctx as unknown as NodeContext<StandbyMessage>, { leader, timing });
      return {
        onMessage(from, msg) {
          if (msg.type === 'read-shard') return ctx.send(from, shardReply(ctx, shard, msg.req));
          if (msg.type !== 'shard-reply') inner.onMessage(from, msg);
        },
        onTimer: (name, payload) => inner.onTimer?.(name, payload),
      };
    });
  return ids;
}

/** The follower's applied prefix as a reader sees it: its position, the entries that depend on other shards, and the message ids. */
function shardReply(ctx: NodeContext<ShardedMessage>, shard: string, req: number): ShardedMessage {
  const applied = ctx.storage.get<AppliedState>('applied')?.lsn ?? 0;
  const log = (ctx.storage.get<Entry[]>('log') ?? []).slice(0, applied);
  const dependents = [];
  const ids: string[] = [];
  for (const e of log) {
    ids.push(e.write?.key ?? '');
    if (e.write === null) continue;
    const deps = (JSON.parse(e.write.value) as ChatPayload).deps;
    if (Object.entries(deps).some(([t, p]) => t !== shard && p > 0)) dependents.push({ lsn: e.lsn, deps });
  }
  return { type: 'shard-reply', req, shard, appliedLsn: applied, dependents, ids };
}
