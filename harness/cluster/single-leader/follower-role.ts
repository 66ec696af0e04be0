/**
 * A member's follower side: it answers the leader's appends. The epoch and freeze checks are the
 * cluster's safety rules and stay here; which entries to take is the follower hook's decision.
 */
import type { NodeContext } from '../../sim/index.ts';
import type { FollowerHooks } from './hooks.ts';
import type { MemberState } from './member-state.ts';
import type { ClusterMessage } from './messages.ts';

type Append = Extract<ClusterMessage, { type: 'append' }>;

export class FollowerRole {
  constructor(
    private readonly ctx: NodeContext<ClusterMessage>,
    private readonly state: MemberState,
    private readonly hooks: FollowerHooks,
    /** Whether this member leads its epoch now: then an append from anyone else is refused. */
    private readonly leading: () => boolean,
  ) {}

  onAppend(from: string, msg: Append): void {
    const state = this.state;
    const reply = (ok: boolean, matchLsn: number, frozen = false): void =>
      this.ctx.send(from, { type: 'append-reply', epoch: state.epoch, ok, frozen, matchLsn });
    if (msg.epoch !== state.epoch) return reply(false, 0);
    if (state.frozen !== null) return reply(false, 0, true);
    if (this.leading() && from !== this.ctx.id) {
      // Two leaders in one epoch: only a wrong failover decision can cause this. Keep leading and let
      // the checkers report it rather than hide it.
      return reply(false, 0);
    }
    state.knownLeader = from;
    const result = this.hooks.acceptAppend(state, msg);
    if (!result.ok) return reply(false, result.matchLsn);
    // A leader never sends itself appends, so this member is not leading here: no acks to send.
    state.advanceCommit(Math.min(msg.commit, result.matchLsn));
    reply(true, result.matchLsn);
  }
}
