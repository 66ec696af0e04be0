/**
 * A follower of the static-leadership cluster, in three stages (PostgreSQL's write, flush, replay):
 * received entries sit in memory after the durable log until the flush timer writes them to disk;
 * the apply timer replays flushed entries into the key-value state, at most `applyLimit` per tick and
 * only once they have been flushed for `replayDelayMs`. The applied state and its position are one
 * durable record, written at every apply, so a reported applied position never goes back. Each stage
 * that moves is reported to the leader at once; a report also goes out every `statusIntervalMs`.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { Entry } from './messages.ts';
import type { StandbyMessage, StandbyTiming } from './standby-messages.ts';

/** A key's applied value and the position of the write that set it. */
export interface AppliedValue {
  readonly value: string;
  readonly version: number;
}

/** The applied state: key → value, and the position it reflects (one durable record). */
export interface AppliedState {
  readonly lsn: number;
  readonly data: Readonly<Record<string, AppliedValue>>;
}

export interface StandbyFollowerConfig {
  readonly leader: string;
  readonly timing: StandbyTiming;
}

export function createStandbyFollower(ctx: NodeContext<StandbyMessage>, config: StandbyFollowerConfig): NodeBehaviour<StandbyMessage> {
  return new StandbyFollower(ctx, config);
}

class StandbyFollower implements NodeBehaviour<StandbyMessage> {
  private log: readonly Entry[];
  private tail: Entry[] = [];
  private applied: AppliedState;
  private readonly incarnation: number;
  private seq = 0;
  /** Local time each flushed entry became eligible for replay; entries on disk at boot are eligible now. */
  private readonly flushedAt = new Map<number, number>();
  private readonly bootedAt: number;

  constructor(
    private readonly ctx: NodeContext<StandbyMessage>,
    private readonly config: StandbyFollowerConfig,
  ) {
    this.log = ctx.storage.get<Entry[]>('log') ?? [];
    this.applied = ctx.storage.get<AppliedState>('applied') ?? { lsn: 0, data: {} };
    this.incarnation = (ctx.storage.get<number>('incarnation') ?? 0) + 1;
    ctx.storage.set('incarnation', this.incarnation);
    this.bootedAt = ctx.now();
    const t = config.timing;
    // Each follower flushes and reports at its own phase, as real disks and timers do.
    if (t.flushIntervalMs > 0) ctx.setTimer('flush', 1 + Math.floor(ctx.random() * t.flushIntervalMs));
    ctx.setTimer('apply', t.applyIntervalMs);
    ctx.setTimer('status', 1 + Math.floor(ctx.random() * t.statusIntervalMs));
    this.report();
  }

  private get flushed(): number {
    return this.log.length;
  }
  private get received(): number {
    return this.log.length + this.tail.length;
  }

  onMessage(from: string, msg: StandbyMessage): void {
    if (msg.type === 'write') return this.ctx.send(from, { type: 'redirect', writeId: msg.write.id, leader: this.config.leader });
    if (msg.type !== 'append' || from !== this.config.leader) return;
    // One leader, one epoch, a log that only grows: an append fits when nothing is missing before it.
    if (msg.prevLsn <= this.received) {
      for (const e of msg.entries) if (e.lsn === this.received + 1) this.tail.push(e);
      if (this.config.timing.flushIntervalMs === 0) this.flush();
    }
    this.ctx.send(from, { type: 'append-reply', receivedLsn: this.received, flushedLsn: this.flushed });
  }

  onTimer(name: string): void {
    const t = this.config.timing;
    if (name === 'flush') {
      this.flush();
      this.ctx.setTimer('flush', t.flushIntervalMs);
    } else if (name === 'apply') {
      this.apply();
      this.ctx.setTimer('apply', t.applyIntervalMs);
    } else if (name === 'status') {
      this.report();
      this.ctx.setTimer('status', t.statusIntervalMs);
    }
  }

  private flush(): void {
    if (this.tail.length === 0) return;
    const from = this.flushed + 1;
    this.log = [...this.log, ...this.tail];
    this.tail = [];
    this.ctx.storage.set('log', this.log);
    const now = this.ctx.now();
    for (let lsn = from; lsn <= this.flushed; lsn++) this.flushedAt.set(lsn, now);
    this.ctx.record('flushed', { lsn: this.flushed });
    this.report();
  }

  private apply(): void {
    const t = this.config.timing;
    const now = this.ctx.now();
    let { lsn } = this.applied;
    const data = { ...this.applied.data };
    let n = 0;
    while (lsn < this.flushed && n < t.applyLimit && (this.flushedAt.get(lsn + 1) ?? this.bootedAt) <= now - t.replayDelayMs) {
      const e = this.log[lsn]!;
      if (e.write !== null) data[e.write.key] = { value: e.write.value, version: e.lsn };
      lsn++;
      n++;
    }
    if (n === 0) return;
    this.applied = { lsn, data };
    this.ctx.storage.set('applied', this.applied);
    this.ctx.record('applied', { lsn });
    this.report();
  }

  private report(): void {
    this.ctx.send(this.config.leader, { type: 'standby-status', incarnation: this.incarnation, seq: ++this.seq, received: this.received, flushed: this.flushed, applied: this.applied.lsn });
  }
}
