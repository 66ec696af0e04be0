/**
 * What a member holds whatever its role: the durable log, accepted epoch, commit index, newest
 * coordinator round and freeze, and (volatile) the leader it believes in. The leader and follower
 * roles share one instance; only this class writes the durable fields, so memory and storage agree.
 */
import type { NodeContext } from '../../sim/index.ts';
import type { FollowerLog } from './hooks.ts';
import type { ClusterMessage, Entry } from './messages.ts';

/** A probe froze this member: it refuses replication and writes at `epoch` until thawed or moved on. */
export interface Freeze {
  readonly round: number;
  readonly epoch: number;
}

interface DurableFields {
  epoch: number;
  round: number;
  frozen: Freeze | null;
  commit: number;
}

export class MemberState implements FollowerLog {
  readonly log: Entry[];
  /** The leader this member believes in: set by NewEpoch (durably) and by appends of its epoch. */
  knownLeader: string | null;
  /** Durable fields, mirrored in memory because they are read on every message; `persist` writes both. */
  private readonly durable: DurableFields;

  constructor(private readonly ctx: NodeContext<ClusterMessage>) {
    this.log = ctx.storage.get<Entry[]>('log') ?? [];
    ctx.storage.set('log', this.log);
    this.durable = {
      epoch: ctx.storage.get<number>('epoch') ?? 0,
      round: ctx.storage.get<number>('round') ?? 0,
      frozen: ctx.storage.get<Freeze | null>('frozen') ?? null,
      commit: ctx.storage.get<number>('commit') ?? 0,
    };
    this.knownLeader = ctx.storage.get<string>('leader') ?? null;
  }

  persist<K extends keyof DurableFields>(key: K, value: DurableFields[K]): void {
    this.durable[key] = value;
    this.ctx.storage.set(key, value);
  }
  get epoch(): number {
    return this.durable.epoch;
  }
  get round(): number {
    return this.durable.round;
  }
  get frozen(): Freeze | null {
    return this.durable.frozen;
  }
  get commit(): number {
    return this.durable.commit;
  }
  get lastLsn(): number {
    return this.log.length;
  }
  get lastEpoch(): number {
    return this.log.length === 0 ? 0 : this.log[this.log.length - 1]!.epoch;
  }

  entry(lsn: number): Entry | undefined {
    return this.log[lsn - 1];
  }

  push(entry: Entry): void {
    this.log.push(entry);
  }

  truncateFrom(lsn: number): void {
    const dropped = this.log.splice(lsn - 1);
    this.ctx.record('truncate', {
      fromLsn: lsn,
      dropped: dropped.map((e) => ({ epoch: e.epoch, lsn: e.lsn, write: e.write?.id ?? null })),
      committedDropped: dropped.filter((e) => e.lsn <= this.commit).length,
    });
    if (this.commit >= lsn) this.persist('commit', lsn - 1);
  }

  /** Moves the commit index up to `to`, noting each newly committed entry; false when it does not move. */
  advanceCommit(to: number): boolean {
    const from = this.commit;
    if (to <= from) return false;
    this.persist('commit', to);
    for (let lsn = from + 1; lsn <= to; lsn++) {
      const e = this.log[lsn - 1]!;
      this.ctx.record('commit', { lsn, epoch: e.epoch, write: e.write?.id ?? null });
    }
    return true;
  }
}
