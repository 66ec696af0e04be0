/**
 * A non-voting read follower (design §1.4, `voting: false`): it replicates the leader's log but
 * never votes, never leads and never counts for commit, so the coordinator does not know it. It
 * takes the epoch of any leader at least as new as the newest it has followed (a voter learns epochs
 * only from the coordinator's NewEpoch, so that its freeze means something; a read follower's vote
 * is never asked, so it has nothing to freeze). Its commit index is the leader's, capped by what it
 * holds, so what it applies is committed.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { FollowerHooks } from './hooks.ts';
import { MemberState } from './member-state.ts';
import type { ClusterMessage } from './messages.ts';

export function createReadFollower(ctx: NodeContext<ClusterMessage>, hooks: FollowerHooks): NodeBehaviour<ClusterMessage> {
  const state = new MemberState(ctx);
  return {
    onMessage(from, msg) {
      if (msg.type === 'write') return ctx.send(from, { type: 'redirect', writeId: msg.write.id, leader: state.knownLeader });
      if (msg.type !== 'append') return;
      const reply = (ok: boolean, matchLsn: number): void => ctx.send(from, { type: 'append-reply', epoch: state.epoch, ok, frozen: false, matchLsn });
      if (msg.epoch < state.epoch) return reply(false, 0);
      if (msg.epoch > state.epoch) state.persist('epoch', msg.epoch);
      state.knownLeader = from;
      const result = hooks.acceptAppend(state, msg);
      if (!result.ok) return reply(false, result.matchLsn);
      state.advanceCommit(Math.min(msg.commit, result.matchLsn));
      reply(true, result.matchLsn);
    },
  };
}
