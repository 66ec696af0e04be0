/**
 * A voting member of the reference single-leader cluster: its durable state (`MemberState`), its
 * answers to the failover coordinator, and its two roles, leader (`LeaderRole`) and follower
 * (`FollowerRole`), to which it hands messages and timers.
 *
 * Epochs change only through the coordinator's NewEpoch, never through replication: a frozen member
 * thus cannot be pulled forward by a leader of an abandoned round, which is what makes "a majority
 * answered the probe" mean "no older leader can commit any more".
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import { FollowerRole } from './follower-role.ts';
import type { SingleLeaderHooks } from './hooks.ts';
import { LeaderRole } from './leader-role.ts';
import { MemberState } from './member-state.ts';
import type { ClusterMessage } from './messages.ts';
import type { FailoverTiming } from './timing.ts';

export interface MemberConfig {
  readonly members: readonly string[];
  /** Where the leader sends its heartbeats (lease requests). */
  readonly coordinator: string;
  readonly timing: FailoverTiming;
  readonly hooks: SingleLeaderHooks;
  /** Non-voting followers the leader also replicates to (none unless given). */
  readonly readFollowers?: readonly string[];
}

/** Builds a member's volatile state; at a restart it recovers everything else from storage. */
export function createMember(ctx: NodeContext<ClusterMessage>, config: MemberConfig): NodeBehaviour<ClusterMessage> {
  return new Member(ctx, config);
}

class Member implements NodeBehaviour<ClusterMessage> {
  private readonly state: MemberState;
  private readonly leader: LeaderRole;
  private readonly follower: FollowerRole;

  constructor(
    private readonly ctx: NodeContext<ClusterMessage>,
    config: MemberConfig,
  ) {
    this.state = new MemberState(ctx);
    this.leader = new LeaderRole(ctx, this.state, config, config.hooks.leader);
    this.follower = new FollowerRole(ctx, this.state, config.hooks.follower, () => this.leader.leading);
    if (this.state.knownLeader === ctx.id) this.leader.lead();
  }

  onMessage(from: string, msg: ClusterMessage): void {
    switch (msg.type) {
      case 'heartbeat-ok':
        return this.leader.onLeaseGranted(msg.seq, msg.epoch);
      case 'probe':
        return this.onProbe(from, msg.round, msg.suspected);
      case 'thaw':
        return this.onThaw(from, msg.round);
      case 'new-epoch':
        return this.onNewEpoch(from, msg.round, msg.epoch, msg.leader);
      case 'append':
        return this.follower.onAppend(from, msg);
      case 'append-reply':
        return this.leader.onAppendReply(from, msg);
      case 'write':
        return this.leader.onWrite(from, msg.write);
      case 'heartbeat':
      case 'probe-reply':
      case 'thaw-ack':
      case 'new-epoch-ack':
      case 'write-ok':
      case 'redirect':
      case 'write-rejected':
        return;
    }
  }

  onTimer(name: string): void {
    this.leader.onTimer(name);
  }

  private onProbe(from: string, round: number, suspected: string): void {
    const state = this.state;
    if (round < state.round) return;
    state.persist('round', round);
    if (suspected !== this.ctx.id) {
      state.persist('frozen', { round, epoch: state.epoch });
      this.ctx.record('frozen', { round, epoch: state.epoch });
    }
    this.ctx.send(from, { type: 'probe-reply', round, epoch: state.epoch, lastEpoch: state.lastEpoch, lastLsn: state.lastLsn });
  }

  private onThaw(from: string, round: number): void {
    const state = this.state;
    if (round < state.round) return;
    state.persist('round', round);
    // A thaw ends this round and every earlier one: the coordinator runs one round at a time, so a
    // freeze left by an older round whose own thaw was lost must not outlive it.
    const frozen = state.frozen;
    if (frozen !== null && frozen.round <= round) {
      state.persist('frozen', null);
      this.ctx.record('thawed', { round });
    }
    this.ctx.send(from, { type: 'thaw-ack', round });
  }

  private onNewEpoch(from: string, round: number, epoch: number, leader: string): void {
    const state = this.state;
    if (round < state.round) return;
    state.persist('round', round);
    if (epoch >= state.epoch) {
      const changed = epoch !== state.epoch || leader !== state.knownLeader;
      state.persist('epoch', epoch);
      state.persist('frozen', null);
      this.ctx.storage.set('leader', leader);
      state.knownLeader = leader;
      if (changed) {
        this.ctx.record('accepted-epoch', { epoch, leader, round });
        if (leader === this.ctx.id) this.leader.lead();
        else this.leader.stepDown(epoch);
      }
    }
    this.ctx.send(from, { type: 'new-epoch-ack', round, epoch: state.epoch });
  }
}
