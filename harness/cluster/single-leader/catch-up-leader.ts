/**
 * The leader of the catch-up cluster (n1, epoch 1 for good, again after every restart) and its
 * voting followers. Writes go to the leader's disk at once; an entry commits once a majority of
 * n1, n2, n3 hold it (the commit position is durable, so it never goes back across a restart).
 * Catch-up followers see only committed entries: fetches are answered from a window of the last
 * `retainEntries` (older positions get `truncated`), a snapshot is the committed log replayed at the
 * request and arrives after a transfer time, and a follower whose last fetch was answered up to the
 * commit gets each newly committed entry pushed (fire-and-forget: loss makes gaps, duplication and
 * reordering make overlaps and late batches).
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { LogEntry } from '../../exercise/index.ts';
import { replayLog, windowStart, type CatchUpMessage, type CatchUpTiming, type LoggedWrite } from './catch-up-messages.ts';

/** An entry as the leader and voting followers store it: the write's id beside the log entry. */
export interface StoredEntry extends LogEntry {
  readonly id: string;
}

const APPEND_MAX = 64;

export interface CatchUpLeaderConfig {
  readonly voters: readonly string[];
  readonly catchUp: readonly string[];
  readonly timing: CatchUpTiming;
}

export function createCatchUpLeader(ctx: NodeContext<CatchUpMessage>, config: CatchUpLeaderConfig): NodeBehaviour<CatchUpMessage> {
  return new CatchUpLeader(ctx, config);
}

class CatchUpLeader implements NodeBehaviour<CatchUpMessage> {
  private readonly log: StoredEntry[];
  private readonly ids: Set<string>;
  private commit: number;
  private readonly match = new Map<string, number>();
  /** Catch-up followers streaming by push: the last position pushed to each. */
  private readonly pushedTo = new Map<string, number>();

  constructor(
    private readonly ctx: NodeContext<CatchUpMessage>,
    private readonly config: CatchUpLeaderConfig,
  ) {
    this.log = [...(ctx.storage.get<StoredEntry[]>('log') ?? [])];
    this.ids = new Set(this.log.map((e) => e.id));
    this.commit = ctx.storage.get<number>('commit') ?? 0;
    ctx.setTimer('replicate', config.timing.replicationIntervalMs);
    ctx.setTimer('push', config.timing.pushIntervalMs);
  }

  onMessage(from: string, msg: CatchUpMessage): void {
    switch (msg.type) {
      case 'write':
        return this.onWrite(msg.write);
      case 'append-ack':
        this.match.set(from, Math.max(this.match.get(from) ?? 0, msg.lsn));
        return this.advanceCommit();
      case 'fetch':
        return this.onFetch(from, msg.req, msg.fromLsn);
      case 'fetch-snapshot':
        return this.onFetchSnapshot(from, msg.req);
      default:
        return;
    }
  }

  onTimer(name: string, payload: unknown): void {
    const t = this.config.timing;
    if (name === 'replicate') {
      for (const v of this.config.voters) if ((this.match.get(v) ?? 0) < this.log.length) this.sendAppend(v);
      this.ctx.setTimer('replicate', t.replicationIntervalMs);
    } else if (name === 'push') {
      for (const [to, pushed] of this.pushedTo) {
        for (let from = pushed + 1; from <= this.commit; from += t.batchMax) this.sendEntries(to, 0, from);
        this.pushedTo.set(to, this.commit);
      }
      this.ctx.setTimer('push', t.pushIntervalMs);
    } else if (name === 'transfer') {
      const { to, message } = payload as { to: string; message: CatchUpMessage };
      this.ctx.send(to, message);
    }
  }

  private onWrite(write: LoggedWrite): void {
    if (this.ids.has(write.id)) return;
    this.ids.add(write.id);
    this.log.push({ lsn: this.log.length + 1, operation: write.operation, id: write.id });
    this.ctx.storage.set('log', [...this.log]);
    for (const v of this.config.voters) this.sendAppend(v);
  }

  private sendAppend(to: string): void {
    const from = this.match.get(to) ?? 0;
    this.ctx.send(to, { type: 'append', prevLsn: from, entries: this.log.slice(from, from + APPEND_MAX) });
  }

  /** The highest position a majority of the members hold (the leader holds its whole log). */
  private advanceCommit(): void {
    const held = [this.log.length, ...this.config.voters.map((v) => this.match.get(v) ?? 0)].sort((a, b) => b - a);
    const majority = held[Math.floor(held.length / 2)]!;
    if (majority <= this.commit) return;
    this.commit = majority;
    this.ctx.storage.set('commit', this.commit);
  }

  private get firstLsn(): number {
    return windowStart(this.commit, this.config.timing.retainEntries);
  }

  private onFetch(to: string, req: number, fromLsn: number): void {
    const first = this.firstLsn;
    if (!Number.isInteger(fromLsn) || fromLsn < first) {
      this.pushedTo.delete(to);
      return this.ctx.send(to, { type: 'truncated', req, firstLsn: first });
    }
    const last = this.sendEntries(to, req, fromLsn);
    // Answered up to the commit: from now on it is pushed what commits.
    if (last >= this.commit) this.pushedTo.set(to, this.commit);
    else this.pushedTo.delete(to);
  }

  /** Sends committed entries from `fromLsn` (at most a batch) and returns the last position sent (or `fromLsn - 1`). */
  private sendEntries(to: string, req: number, fromLsn: number): number {
    const entries = this.log.slice(fromLsn - 1, Math.min(this.commit, fromLsn - 1 + this.config.timing.batchMax)).map(({ lsn, operation }) => ({ lsn, operation }));
    this.ctx.send(to, { type: 'entries', req, firstLsn: this.firstLsn, commitLsn: this.commit, entries });
    return entries.at(-1)?.lsn ?? Math.max(this.commit, fromLsn - 1);
  }

  private onFetchSnapshot(to: string, req: number): void {
    const t = this.config.timing;
    const lsn = this.commit;
    const transferMs = t.transferMinMs + Math.floor(this.ctx.random() * (t.transferMaxMs - t.transferMinMs + 1));
    this.ctx.record('snapshot-taken', { to, req, lsn, transferMs });
    const message: CatchUpMessage = { type: 'snapshot', req, firstLsn: this.firstLsn, snapshot: { lsn, data: replayLog(this.log, lsn) }, transferMs };
    this.ctx.setTimer('transfer', transferMs, { to, message });
  }
}

/** A voting follower: it keeps the full log on disk and acknowledges how far it holds it. */
export function createVotingFollower(ctx: NodeContext<CatchUpMessage>, leader: string): NodeBehaviour<CatchUpMessage> {
  let log = ctx.storage.get<StoredEntry[]>('log') ?? [];
  return {
    onMessage(from, msg) {
      if (from !== leader || msg.type !== 'append') return;
      // One leader and one log that only grows: an append fits when nothing is missing before it.
      if (msg.prevLsn <= log.length) {
        const fresh = msg.entries.filter((e) => e.lsn > log.length);
        if (fresh.length > 0 && fresh[0]!.lsn === log.length + 1) {
          log = [...log, ...(fresh as StoredEntry[])];
          ctx.storage.set('log', log);
        }
      }
      ctx.send(from, { type: 'append-ack', lsn: log.length });
    },
  };
}
