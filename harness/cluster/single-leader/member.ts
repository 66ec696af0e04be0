/**
 * A voting member of the reference single-leader cluster.
 *
 * Durable: accepted epoch, log, commit index, the newest coordinator round seen, and whether a probe
 * froze it. Volatile: whether it leads, what each follower holds, writes waiting for their ack.
 *
 * Epochs change only through the coordinator's NewEpoch, never through replication: a frozen member
 * thus cannot be pulled forward by a leader of an abandoned round, which is what makes "a majority
 * answered the probe" mean "no older leader can commit any more".
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { ClusterMessage, Entry, ReplicationMode, Write } from './messages.ts';
import type { FailoverTiming } from './timing.ts';

export interface MemberConfig {
  readonly members: readonly string[];
  /** Where the leader sends its heartbeats (lease requests). */
  readonly coordinator: string;
  readonly mode: ReplicationMode;
  readonly timing: FailoverTiming;
}

/** A probe froze this member: it refuses replication and writes at `epoch` until thawed or moved on. */
interface Freeze {
  readonly round: number;
  readonly epoch: number;
}

interface DurableFields {
  epoch: number;
  round: number;
  frozen: Freeze | null;
  commit: number;
}

const MAX_ENTRIES_PER_APPEND = 64;

/** Builds a member's volatile state; at a restart it recovers everything else from storage. */
export function createMember(ctx: NodeContext<ClusterMessage>, config: MemberConfig): NodeBehaviour<ClusterMessage> {
  return new Member(ctx, config);
}

class Member implements NodeBehaviour<ClusterMessage> {
  private readonly log: Entry[];
  private readonly majority: number;
  private leading = false;
  private serving = false;
  private knownLeader: string | null;
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
  /** Durable fields, mirrored in memory because they are read on every message; `persist` writes both. */
  private readonly durable: DurableFields;

  constructor(
    private readonly ctx: NodeContext<ClusterMessage>,
    private readonly config: MemberConfig,
  ) {
    this.log = ctx.storage.get<Entry[]>('log') ?? [];
    ctx.storage.set('log', this.log);
    this.durable = {
      epoch: ctx.storage.get<number>('epoch') ?? 0,
      round: ctx.storage.get<number>('round') ?? 0,
      frozen: ctx.storage.get<Freeze | null>('frozen') ?? null,
      commit: ctx.storage.get<number>('commit') ?? 0,
    };
    this.majority = Math.floor(config.members.length / 2) + 1;
    this.knownLeader = ctx.storage.get<string>('leader') ?? null;
    if (this.knownLeader === ctx.id) this.lead();
  }

  private persist<K extends keyof DurableFields>(key: K, value: DurableFields[K]): void {
    this.durable[key] = value;
    this.ctx.storage.set(key, value);
  }
  private get epoch(): number {
    return this.durable.epoch;
  }
  private get round(): number {
    return this.durable.round;
  }
  private get frozen(): Freeze | null {
    return this.durable.frozen;
  }
  private get commit(): number {
    return this.durable.commit;
  }
  private get lastLsn(): number {
    return this.log.length;
  }
  private get lastEpoch(): number {
    return this.log.length === 0 ? 0 : this.log[this.log.length - 1]!.epoch;
  }

  onMessage(from: string, msg: ClusterMessage): void {
    switch (msg.type) {
      case 'heartbeat-ok':
        return this.onLeaseGranted(msg.seq, msg.epoch);
      case 'probe':
        return this.onProbe(from, msg.round, msg.suspected);
      case 'thaw':
        return this.onThaw(from, msg.round);
      case 'new-epoch':
        return this.onNewEpoch(from, msg.round, msg.epoch, msg.leader);
      case 'append':
        return this.onAppend(from, msg);
      case 'append-reply':
        return this.onAppendReply(from, msg);
      case 'write':
        return this.onWrite(from, msg.write);
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
    if (name === 'replicate' && this.leading) {
      this.broadcast(true);
      this.ctx.setTimer('replicate', this.config.timing.replicationIntervalMs);
    } else if (name === 'heartbeat' && this.leading) {
      this.heartbeat();
      this.ctx.setTimer('heartbeat', this.config.timing.heartbeatIntervalMs);
    } else if (name === 'lease') {
      this.leaseTimerArmed = false;
      this.expireLease();
      if (this.serving) this.armLeaseTimer();
    }
  }

  /** Asks the coordinator for a lease; the lease runs from the moment the request was sent. */
  private heartbeat(): void {
    this.expireLease();
    const seq = ++this.heartbeatSeq;
    this.heartbeatSentAt.set(seq, this.ctx.now());
    if (this.heartbeatSentAt.size > 8) this.heartbeatSentAt.delete(seq - 8);
    this.ctx.send(this.config.coordinator, { type: 'heartbeat', seq, epoch: this.epoch });
  }

  private onLeaseGranted(seq: number, epoch: number): void {
    const sentAt = this.heartbeatSentAt.get(seq);
    if (!this.leading || epoch !== this.epoch || sentAt === undefined) return;
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
      this.ctx.record('step-down', { epoch: this.epoch, newerEpoch: this.epoch, reason: 'lease expired' });
    }
  }

  private onProbe(from: string, round: number, suspected: string): void {
    if (round < this.round) return;
    this.persist('round', round);
    if (suspected !== this.ctx.id) {
      this.persist('frozen', { round, epoch: this.epoch });
      this.ctx.record('frozen', { round, epoch: this.epoch });
    }
    this.ctx.send(from, { type: 'probe-reply', round, epoch: this.epoch, lastEpoch: this.lastEpoch, lastLsn: this.lastLsn });
  }

  private onThaw(from: string, round: number): void {
    if (round < this.round) return;
    this.persist('round', round);
    // A thaw ends this round and every earlier one: the coordinator runs one round at a time, so a
    // freeze left by an older round whose own thaw was lost must not outlive it.
    const frozen = this.frozen;
    if (frozen !== null && frozen.round <= round) {
      this.persist('frozen', null);
      this.ctx.record('thawed', { round });
    }
    this.ctx.send(from, { type: 'thaw-ack', round });
  }

  private onNewEpoch(from: string, round: number, epoch: number, leader: string): void {
    if (round < this.round) return;
    this.persist('round', round);
    if (epoch >= this.epoch) {
      const changed = epoch !== this.epoch || leader !== this.knownLeader;
      this.persist('epoch', epoch);
      this.persist('frozen', null);
      this.ctx.storage.set('leader', leader);
      this.knownLeader = leader;
      if (changed) {
        this.ctx.record('accepted-epoch', { epoch, leader, round });
        if (leader === this.ctx.id) this.lead();
        else this.stepDown(epoch);
      }
    }
    this.ctx.send(from, { type: 'new-epoch-ack', round, epoch: this.epoch });
  }

  /** Starts leading the current epoch: serving begins once a majority is known to have accepted it. */
  private lead(): void {
    this.leading = true;
    this.serving = false;
    this.accepted.clear();
    this.accepted.add(this.ctx.id);
    this.match.clear();
    this.next.clear();
    this.inFlight.clear();
    this.sentCommit.clear();
    this.waiting.clear();
    this.lsnOfWrite.clear();
    for (const e of this.log) if (e.write !== null) this.lsnOfWrite.set(e.write.id, e.lsn);
    if (this.lastEpoch !== this.epoch) this.append(null);
    for (const m of this.config.members) if (m !== this.ctx.id) this.next.set(m, this.lastLsn + 1);
    this.leaseUntil = -Infinity;
    this.broadcast();
    this.heartbeat();
    this.ctx.setTimer('replicate', this.config.timing.replicationIntervalMs);
    this.ctx.setTimer('heartbeat', this.config.timing.heartbeatIntervalMs);
  }

  private stepDown(newerEpoch: number): void {
    if (!this.leading) return;
    this.leading = false;
    this.serving = false;
    this.ctx.record('step-down', { epoch: this.epoch, newerEpoch });
    for (const [writeId, client] of this.waiting) this.ctx.send(client, { type: 'redirect', writeId, leader: null });
    this.waiting.clear();
  }

  /** Serves once a majority accepted the epoch and the coordinator's lease is valid. */
  private maybeServe(): void {
    if (this.leading && !this.serving && this.accepted.size >= this.majority && this.ctx.now() < this.leaseUntil) {
      this.serving = true;
      const writes = this.log.flatMap((e) => (e.write === null ? [] : [e.write.id]));
      this.ctx.record('serve', { epoch: this.epoch, lastLsn: this.lastLsn, writes });
    }
  }

  private append(write: Write | null): number {
    const entry: Entry = { epoch: this.epoch, lsn: this.lastLsn + 1, write };
    this.log.push(entry);
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
    for (const m of this.config.members) {
      if (m === this.ctx.id) continue;
      const sentAt = this.inFlight.get(m);
      if (sentAt !== undefined && (!retry || now - sentAt < this.config.timing.replicationIntervalMs)) continue;
      if (retry && sentAt === undefined && (this.match.get(m) ?? 0) >= this.lastLsn && (this.sentCommit.get(m) ?? -1) >= this.commit) continue;
      this.sendAppend(m);
    }
  }

  private sendAppend(to: string): void {
    this.inFlight.set(to, this.ctx.now());
    this.sentCommit.set(to, this.commit);
    const next = Math.min(this.next.get(to) ?? this.lastLsn + 1, this.lastLsn + 1);
    const prevLsn = next - 1;
    const prevEpoch = prevLsn === 0 ? 0 : this.log[prevLsn - 1]!.epoch;
    const entries = this.log.slice(prevLsn, prevLsn + MAX_ENTRIES_PER_APPEND);
    this.ctx.send(to, { type: 'append', epoch: this.epoch, prevLsn, prevEpoch, entries, commit: this.commit });
  }

  private onAppend(from: string, msg: Extract<ClusterMessage, { type: 'append' }>): void {
    const reply = (ok: boolean, matchLsn: number, frozen = false): void =>
      this.ctx.send(from, { type: 'append-reply', epoch: this.epoch, ok, frozen, matchLsn });
    if (msg.epoch !== this.epoch) return reply(false, 0);
    if (this.frozen !== null) return reply(false, 0, true);
    if (this.leading && from !== this.ctx.id) {
      // Two leaders in one epoch: only a wrong failover decision can cause this. Keep leading and let
      // the checkers report it rather than hide it.
      return reply(false, 0);
    }
    this.knownLeader = from;
    if (msg.prevLsn > 0) {
      const prev = this.log[msg.prevLsn - 1];
      if (prev === undefined || prev.epoch !== msg.prevEpoch) return reply(false, Math.min(this.lastLsn, msg.prevLsn - 1));
    }
    for (const entry of msg.entries) {
      const mine = this.log[entry.lsn - 1];
      if (mine !== undefined && mine.epoch === entry.epoch) continue;
      if (mine !== undefined) this.truncateFrom(entry.lsn);
      this.log.push(entry);
    }
    const matchLsn = msg.prevLsn + msg.entries.length;
    this.advanceCommit(Math.min(msg.commit, matchLsn));
    reply(true, matchLsn);
  }

  private truncateFrom(lsn: number): void {
    const dropped = this.log.splice(lsn - 1);
    this.ctx.record('truncate', {
      fromLsn: lsn,
      dropped: dropped.map((e) => ({ epoch: e.epoch, lsn: e.lsn, write: e.write?.id ?? null })),
      committedDropped: dropped.filter((e) => e.lsn <= this.commit).length,
    });
    if (this.commit >= lsn) this.persist('commit', lsn - 1);
  }

  private onAppendReply(from: string, msg: Extract<ClusterMessage, { type: 'append-reply' }>): void {
    if (msg.epoch > this.epoch) return this.stepDown(msg.epoch);
    if (!this.leading || msg.epoch !== this.epoch) return;
    this.inFlight.delete(from);
    if (msg.frozen) return;
    this.accepted.add(from);
    this.maybeServe();
    if (msg.ok) {
      this.match.set(from, Math.max(this.match.get(from) ?? 0, msg.matchLsn));
      this.next.set(from, Math.max(this.next.get(from) ?? 1, msg.matchLsn + 1));
      this.leaderAdvanceCommit();
      if (msg.matchLsn < this.lastLsn) this.sendAppend(from);
    } else {
      this.next.set(from, Math.max(1, Math.min((this.next.get(from) ?? 1) - 1, msg.matchLsn + 1)));
      this.sendAppend(from);
    }
  }

  /** The highest position the ack rule of the replication mode allows, then acks waiting writes. */
  private leaderAdvanceCommit(): void {
    // Committing needs a majority, not the lease: the lease only guards starting to serve.
    if (!this.leading) return;
    const holders = (lsn: number): number => {
      let n = 1;
      for (const m of this.match.values()) if (m >= lsn) n++;
      return n;
    };
    const needed = this.config.mode === 'majority' ? this.majority : this.config.mode === 'semi-sync' ? 2 : 1;
    let target = this.commit;
    for (let lsn = this.lastLsn; lsn > this.commit; lsn--) {
      // Counting replicas proves an older-epoch entry safe only through a newer entry of our own epoch.
      if (this.config.mode === 'majority' && this.log[lsn - 1]!.epoch !== this.epoch) break;
      if (holders(lsn) >= needed) {
        target = lsn;
        break;
      }
    }
    this.advanceCommit(target);
  }

  private advanceCommit(to: number): void {
    const from = this.commit;
    if (to <= from) return;
    this.persist('commit', to);
    for (let lsn = from + 1; lsn <= to; lsn++) {
      const e = this.log[lsn - 1]!;
      this.ctx.record('commit', { lsn, epoch: e.epoch, write: e.write?.id ?? null });
    }
    if (this.leading) this.ackCommitted();
  }

  private ackCommitted(): void {
    for (const [writeId, client] of this.waiting) {
      const lsn = this.lsnOfWrite.get(writeId)!;
      if (lsn <= this.commit) {
        this.waiting.delete(writeId);
        this.ctx.send(client, { type: 'write-ok', writeId, lsn });
      }
    }
  }

  private onWrite(client: string, write: Write): void {
    if (!this.leading) {
      this.ctx.send(client, { type: 'redirect', writeId: write.id, leader: this.knownLeader === this.ctx.id ? null : this.knownLeader });
      return;
    }
    this.expireLease();
    if (!this.serving || this.frozen !== null) {
      this.ctx.send(client, { type: 'write-rejected', writeId: write.id, reason: this.serving ? 'frozen by a failover round' : 'not serving yet' });
      return;
    }
    const known = this.lsnOfWrite.get(write.id);
    const lsn = known ?? this.append(write);
    this.waiting.set(write.id, client);
    // A retry of a write that is already committed (the ack was lost) is answered at once.
    if (lsn <= this.commit) return this.ackCommitted();
    if (this.config.mode === 'async') this.leaderAdvanceCommit();
    this.broadcast();
  }
}
