/**
 * A member's leader side, active from `lead` to `stepDown`: it holds the coordinator's lease,
 * replicates its log to the followers, commits by the leader hook's rule and acknowledges writes.
 * All of its state is volatile: a restarted leader rebuilds it in `lead`.
 *
 * Serving (accepting writes) needs more than leading: a majority that accepted the epoch and a valid
 * lease, so a leader cut off from the coordinator stops before a replacement can start.
 */
import type { NodeContext } from '../../sim/index.ts';
import type { CommitView, LeaderHooks } from './hooks.ts';
import type { MemberState } from './member-state.ts';
import type { ClusterMessage, Write } from './messages.ts';
import type { FailoverTiming } from './timing.ts';

export interface LeaderConfig {
  readonly members: readonly string[];
  /** Where the leader sends its heartbeats (lease requests). */
  readonly coordinator: string;
  readonly timing: FailoverTiming;
  /** Non-voting followers (design §1.4): replicated to, never counted for serving or commit. */
  readonly readFollowers?: readonly string[];
}

type AppendReply = Extract<ClusterMessage, { type: 'append-reply' }>;

const MAX_ENTRIES_PER_APPEND = 64;

export class LeaderRole {
  private isLeading = false;
  /** The epoch `lead` began: a step-down names it, since the member may already hold the newer one. */
  private ledEpoch = 0;
  private serving = false;
  private readonly majority: number;
  /** Followers that answered at our epoch while not frozen: they accepted it. */
  private readonly accepted = new Set<string>();
  private readonly match = new Map<string, number>();
  private readonly next = new Map<string, number>();
  /** Writes waiting for their ack: write id → client. */
  private readonly waiting = new Map<string, string>();
  private readonly lsnOfWrite = new Map<string, number>();
  /** Followers with an append in flight, and when it was sent: one at a time keeps batches large. */
  private readonly inFlight = new Map<string, number>();
  /** The commit index each follower was last sent. */
  private readonly sentCommit = new Map<string, number>();
  private heartbeatSeq = 0;
  private readonly heartbeatSentAt = new Map<number, number>();
  /** Local time until which the coordinator's last grant lets this leader serve. */
  private leaseUntil = -Infinity;
  private leaseTimerArmed = false;

  constructor(
    private readonly ctx: NodeContext<ClusterMessage>,
    private readonly state: MemberState,
    private readonly config: LeaderConfig,
    private readonly hooks: LeaderHooks,
  ) {
    this.majority = Math.floor(config.members.length / 2) + 1;
  }

  /** Every member replicated to: the voters, then the read followers. */
  private replicas(): readonly string[] {
    return this.config.readFollowers === undefined ? this.config.members : [...this.config.members, ...this.config.readFollowers];
  }

  get leading(): boolean {
    return this.isLeading;
  }

  onTimer(name: string): void {
    if (name === 'replicate' && this.isLeading) {
      this.broadcast(true);
      this.ctx.setTimer('replicate', this.config.timing.replicationIntervalMs);
    } else if (name === 'heartbeat' && this.isLeading) {
      this.heartbeat();
      this.ctx.setTimer('heartbeat', this.config.timing.heartbeatIntervalMs);
    } else if (name === 'lease') {
      this.leaseTimerArmed = false;
      this.expireLease();
      if (this.serving) this.armLeaseTimer();
    }
  }

  /** Starts leading the current epoch: serving begins once a majority is known to have accepted it. */
  lead(): void {
    const state = this.state;
    this.isLeading = true;
    this.ledEpoch = state.epoch;
    this.serving = false;
    this.accepted.clear();
    this.accepted.add(this.ctx.id);
    this.match.clear();
    this.next.clear();
    this.inFlight.clear();
    this.sentCommit.clear();
    this.waiting.clear();
    this.lsnOfWrite.clear();
    for (const e of state.log) if (e.write !== null) this.lsnOfWrite.set(e.write.id, e.lsn);
    if (state.lastEpoch !== state.epoch) this.append(null);
    for (const m of this.replicas()) if (m !== this.ctx.id) this.next.set(m, state.lastLsn + 1);
    this.leaseUntil = -Infinity;
    this.broadcast();
    this.heartbeat();
    this.ctx.setTimer('replicate', this.config.timing.replicationIntervalMs);
    this.ctx.setTimer('heartbeat', this.config.timing.heartbeatIntervalMs);
  }

  /** Stops leading (a newer epoch exists); waiting clients are told to look for the new leader. */
  stepDown(newerEpoch: number): void {
    if (!this.isLeading) return;
    this.isLeading = false;
    this.serving = false;
    this.ctx.record('step-down', { epoch: this.ledEpoch, newerEpoch });
    for (const [writeId, client] of this.waiting) this.ctx.send(client, { type: 'redirect', writeId, leader: null });
    this.waiting.clear();
  }

  /** Asks the coordinator for a lease; the lease runs from the moment the request was sent. */
  private heartbeat(): void {
    this.expireLease();
    const seq = ++this.heartbeatSeq;
    this.heartbeatSentAt.set(seq, this.ctx.now());
    if (this.heartbeatSentAt.size > 8) this.heartbeatSentAt.delete(seq - 8);
    this.ctx.send(this.config.coordinator, { type: 'heartbeat', seq, epoch: this.state.epoch });
  }

  onLeaseGranted(seq: number, epoch: number): void {
    const sentAt = this.heartbeatSentAt.get(seq);
    if (!this.isLeading || epoch !== this.state.epoch || sentAt === undefined) return;
    this.leaseUntil = Math.max(this.leaseUntil, sentAt + this.config.timing.leaseMs);
    this.armLeaseTimer();
    this.maybeServe();
  }

  /** One pending timer at a time: when it fires early (the lease was renewed) it re-arms itself. */
  private armLeaseTimer(): void {
    if (this.leaseTimerArmed) return;
    this.leaseTimerArmed = true;
    this.ctx.setTimer('lease', this.leaseUntil - this.ctx.now());
  }

  /** A leader whose lease ran out stops serving until a new grant arrives. */
  private expireLease(): void {
    if (this.serving && this.ctx.now() >= this.leaseUntil) {
      this.serving = false;
      this.ctx.record('step-down', { epoch: this.state.epoch, newerEpoch: this.state.epoch, reason: 'lease expired' });
    }
  }

  /** Serves once a majority accepted the epoch and the coordinator's lease is valid. */
  private maybeServe(): void {
    if (this.isLeading && !this.serving && this.accepted.size >= this.majority && this.ctx.now() < this.leaseUntil) {
      this.serving = true;
      const writes = this.state.log.flatMap((e) => (e.write === null ? [] : [e.write.id]));
      this.ctx.record('serve', { epoch: this.state.epoch, lastLsn: this.state.lastLsn, writes });
    }
  }

  private append(write: Write | null): number {
    const entry = { epoch: this.state.epoch, lsn: this.state.lastLsn + 1, write };
    this.state.push(entry);
    if (write !== null) this.lsnOfWrite.set(write.id, entry.lsn);
    return entry.lsn;
  }

  /**
   * Sends each follower what it lacks. With an append still in flight it waits for the reply (writes
   * batch up meanwhile); the timer (`retry`) resends one that may have been lost, and skips followers
   * that already hold everything, including the commit index.
   */
  private broadcast(retry = false): void {
    const now = this.ctx.now();
    for (const m of this.replicas()) {
      if (m === this.ctx.id) continue;
      const sentAt = this.inFlight.get(m);
      if (sentAt !== undefined && (!retry || now - sentAt < this.config.timing.replicationIntervalMs)) continue;
      if (retry && sentAt === undefined && (this.match.get(m) ?? 0) >= this.state.lastLsn && (this.sentCommit.get(m) ?? -1) >= this.state.commit) continue;
      this.sendAppend(m);
    }
  }

  private sendAppend(to: string): void {
    const state = this.state;
    this.inFlight.set(to, this.ctx.now());
    this.sentCommit.set(to, state.commit);
    const next = Math.min(this.next.get(to) ?? state.lastLsn + 1, state.lastLsn + 1);
    const prevLsn = next - 1;
    const prevEpoch = prevLsn === 0 ? 0 : state.log[prevLsn - 1]!.epoch;
    const entries = state.log.slice(prevLsn, prevLsn + MAX_ENTRIES_PER_APPEND);
    this.ctx.send(to, { type: 'append', epoch: state.epoch, prevLsn, prevEpoch, entries, commit: state.commit });
  }

  onAppendReply(from: string, msg: AppendReply): void {
    if (msg.epoch > this.state.epoch) return this.stepDown(msg.epoch);
    if (!this.isLeading || msg.epoch !== this.state.epoch) return;
    this.inFlight.delete(from);
    if (msg.frozen) return;
    if (this.config.members.includes(from)) this.accepted.add(from);
    this.maybeServe();
    if (msg.ok) {
      this.match.set(from, Math.max(this.match.get(from) ?? 0, msg.matchLsn));
      this.next.set(from, Math.max(this.next.get(from) ?? 1, msg.matchLsn + 1));
      this.commitByRule();
      if (msg.matchLsn < this.state.lastLsn) this.sendAppend(from);
    } else {
      this.next.set(from, Math.max(1, Math.min((this.next.get(from) ?? 1) - 1, msg.matchLsn + 1)));
      this.sendAppend(from);
    }
  }

  /** Commits as far as the leader hook allows, then acks the writes that became committed. */
  private commitByRule(): void {
    // Committing needs only what followers hold, not the lease: the lease guards starting to serve.
    if (!this.isLeading) return;
    const state = this.state;
    const view: CommitView = {
      epoch: state.epoch,
      commit: state.commit,
      lastLsn: state.lastLsn,
      entryEpoch: (lsn) => state.log[lsn - 1]!.epoch,
      followers: this.config.members.flatMap((id) => (id === this.ctx.id ? [] : [{ id, match: this.match.get(id) ?? 0 }])),
      voters: this.config.members.length,
    };
    if (state.advanceCommit(this.hooks.commitPosition(view))) this.ackCommitted();
  }

  private ackCommitted(): void {
    for (const [writeId, client] of this.waiting) {
      const lsn = this.lsnOfWrite.get(writeId)!;
      if (lsn <= this.state.commit) {
        this.waiting.delete(writeId);
        this.ctx.send(client, { type: 'write-ok', writeId, lsn });
      }
    }
  }

  onWrite(client: string, write: Write): void {
    const state = this.state;
    if (!this.isLeading) {
      this.ctx.send(client, { type: 'redirect', writeId: write.id, leader: state.knownLeader === this.ctx.id ? null : state.knownLeader });
      return;
    }
    this.expireLease();
    if (!this.serving || state.frozen !== null) {
      this.ctx.send(client, { type: 'write-rejected', writeId: write.id, reason: this.serving ? 'frozen by a failover round' : 'not serving yet' });
      return;
    }
    const known = this.lsnOfWrite.get(write.id);
    const lsn = known ?? this.append(write);
    this.waiting.set(write.id, client);
    // A retry of a write that is already committed (the ack was lost) is answered at once.
    if (lsn <= state.commit) return this.ackCommitted();
    // Appending changes what is held: an asynchronous rule commits here, the others wait for replies.
    this.commitByRule();
    this.broadcast();
  }
}
