/**
 * A client of the single-leader cluster. It writes to the member it believes leads, follows
 * redirects and retries the same write (same id, so retries are idempotent) until it is
 * acknowledged; then it waits a little and starts the next one. Its history records each write from
 * the first attempt to the acknowledgement, in true simulated time.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { ClusterMessage, Write } from './messages.ts';
import type { FailoverTiming } from './timing.ts';

export interface ClientConfig {
  readonly members: readonly string[];
  readonly initialLeader: string;
  readonly timing: FailoverTiming;
  /** Pause between one acknowledged write and the next. */
  readonly writeIntervalMs: number;
  /** No new write starts after this local time (the in-flight one keeps retrying). */
  readonly stopAtMs: number;
}

interface Outstanding {
  readonly write: Write;
  readonly opId: number;
  attempt: number;
}

export function createClient(ctx: NodeContext<ClusterMessage>, config: ClientConfig): NodeBehaviour<ClusterMessage> {
  return new Client(ctx, config);
}

class Client implements NodeBehaviour<ClusterMessage> {
  private target: string;
  private outstanding: Outstanding | null = null;
  private seq = 0;

  constructor(
    private readonly ctx: NodeContext<ClusterMessage>,
    private readonly config: ClientConfig,
  ) {
    this.target = config.initialLeader;
    ctx.setTimer('next-write', Math.floor(ctx.random() * config.writeIntervalMs));
  }

  onTimer(name: string, payload: unknown): void {
    if (name === 'next-write') return this.startWrite();
    const out = this.outstanding;
    if (name === 'retry' && out !== null && out.attempt === payload) {
      this.target = this.otherMember(this.target);
      this.send(out);
    }
  }

  onMessage(from: string, msg: ClusterMessage): void {
    const out = this.outstanding;
    if (out === null) return;
    switch (msg.type) {
      case 'write-ok':
        if (msg.writeId !== out.write.id) return;
        this.ctx.complete(out.opId, 'ok', { lsn: msg.lsn, by: from });
        this.outstanding = null;
        this.target = from;
        this.ctx.setTimer('next-write', this.config.writeIntervalMs);
        return;
      case 'redirect':
        if (msg.writeId !== out.write.id) return;
        // A named leader is tried at once; with no leader known, wait for the retry timer rather
        // than circling the members as fast as the network allows.
        if (msg.leader === null) {
          this.target = this.otherMember(from);
          return;
        }
        this.target = msg.leader;
        this.send(out);
        return;
      case 'write-rejected':
        // The member leads but cannot take writes yet (electing, or frozen by a round): the normal
        // retry timer will try again.
        return;
      default:
        return;
    }
  }

  private startWrite(): void {
    if (this.ctx.now() >= this.config.stopAtMs) return;
    const n = ++this.seq;
    const write: Write = { id: `${this.ctx.id}-${n}`, key: `k${n % 4}`, value: `${this.ctx.id}:${n}` };
    const opId = this.ctx.invoke('write', write);
    this.outstanding = { write, opId, attempt: 0 };
    this.send(this.outstanding);
  }

  private send(out: Outstanding): void {
    out.attempt++;
    this.ctx.send(this.target, { type: 'write', write: out.write });
    this.ctx.setTimer('retry', this.config.timing.clientRetryMs, out.attempt);
  }

  private otherMember(than: string): string {
    const ms = this.config.members;
    const i = ms.indexOf(than);
    return ms[(i + 1) % ms.length]!;
  }
}
