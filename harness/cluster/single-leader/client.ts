/**
 * A client of the single-leader cluster. It starts a write every `writeIntervalMs` (keeping at most
 * a few in flight), sends each to the member it believes leads, follows redirects, and retries the
 * same write (same id, so retries are idempotent) until it is acknowledged. The history records each
 * write from its first attempt to its acknowledgement, in true simulated time.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { ClusterMessage, Write } from './messages.ts';
import type { FailoverTiming } from './timing.ts';

export interface ClientConfig {
  readonly members: readonly string[];
  readonly initialLeader: string;
  readonly timing: FailoverTiming;
  /** A new write starts this often while fewer than `maxInFlight` are unacknowledged. */
  readonly writeIntervalMs: number;
  readonly maxInFlight: number;
  /**
   * At this local time the client goes quiet: no new writes and no retries, so the cluster can settle
   * before the run ends and "acknowledged" writes are in every live member's committed log.
   */
  readonly stopAtMs: number;
  /** The first write starts no sooner than this (local time), e.g. once every follower has caught up once. */
  readonly startAtMs?: number;
}

interface InFlight {
  readonly write: Write;
  readonly opId: number;
  attempt: number;
  retryTimer: number;
}

export function createClient(ctx: NodeContext<ClusterMessage>, config: ClientConfig): NodeBehaviour<ClusterMessage> {
  return new Client(ctx, config);
}

class Client implements NodeBehaviour<ClusterMessage> {
  private target: string;
  private readonly inFlight = new Map<string, InFlight>();
  private seq = 0;

  constructor(
    private readonly ctx: NodeContext<ClusterMessage>,
    private readonly config: ClientConfig,
  ) {
    this.target = config.initialLeader;
    ctx.setTimer('next-write', (config.startAtMs ?? 0) + Math.floor(ctx.random() * config.writeIntervalMs));
  }

  onTimer(name: string, payload: unknown): void {
    if (name === 'next-write') {
      if (this.ctx.now() >= this.config.stopAtMs) return;
      if (this.inFlight.size < this.config.maxInFlight) this.startWrite();
      this.ctx.setTimer('next-write', this.config.writeIntervalMs);
      return;
    }
    const [writeId, attempt] = payload as [string, number];
    const out = this.inFlight.get(writeId);
    if (name === 'retry' && out !== undefined && out.attempt === attempt) {
      // The member did not answer in time: it may be down, so try the next one.
      this.target = this.otherMember(this.target);
      this.send(out);
    }
  }

  onMessage(from: string, msg: ClusterMessage): void {
    switch (msg.type) {
      case 'write-ok': {
        const out = this.inFlight.get(msg.writeId);
        if (out === undefined) return;
        this.ctx.complete(out.opId, 'ok', { lsn: msg.lsn, by: from });
        this.ctx.cancelTimer(out.retryTimer);
        this.inFlight.delete(msg.writeId);
        this.target = from;
        return;
      }
      case 'redirect': {
        const out = this.inFlight.get(msg.writeId);
        if (out === undefined) return;
        // A named leader is tried at once; with no leader known, wait for the retry timer rather
        // than circling the members as fast as the network allows.
        if (msg.leader === null) {
          this.target = this.otherMember(from);
          return;
        }
        this.target = msg.leader;
        this.send(out);
        return;
      }
      default:
        // 'write-rejected': the member leads but cannot take writes yet; the retry timer tries again.
        return;
    }
  }

  private startWrite(): void {
    const n = ++this.seq;
    const write: Write = { id: `${this.ctx.id}-${n}`, key: `k${n % 4}`, value: `${this.ctx.id}:${n}` };
    const out: InFlight = { write, opId: this.ctx.invoke('write', write), attempt: 0, retryTimer: -1 };
    this.inFlight.set(write.id, out);
    this.send(out);
  }

  private send(out: InFlight): void {
    if (this.ctx.now() >= this.config.stopAtMs) return;
    out.attempt++;
    this.ctx.send(this.target, { type: 'write', write: out.write });
    this.ctx.cancelTimer(out.retryTimer);
    out.retryTimer = this.ctx.setTimer('retry', this.config.timing.clientRetryMs, [out.write.id, out.attempt]);
  }

  private otherMember(than: string): string {
    const ms = this.config.members;
    return ms[(ms.indexOf(than) + 1) % ms.length]!;
  }
}
