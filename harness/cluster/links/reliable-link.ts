/**
 * A reliable FIFO link per directed pair of nodes (a TCP connection plus a replication position), so
 * that anomalies in a protocol built on it come from the protocol, not the network. Each payload sent
 * with `send` is handed to the receiver's consumer exactly once, in send order, under loss,
 * duplication, reordering, partitions, pauses and crash-restart of either side.
 *
 * Sender: keeps durably the unacknowledged entries `{ linkSeq, payload }` and the next sequence
 * number, sends on enqueue, resends every unacked entry in order every `resendMs` (at most
 * `maxPerMessage` per message) and forgets entries up to `upTo` on an ack. Receiver: keeps durably
 * `delivered`, hands out `delivered + 1, + 2, …` in order, skips resends, stops at a gap, and acks
 * `upTo: delivered`. `delivered` advances only when the consumer calls `confirm`, so a consumer that
 * works asynchronously (a learner call) confirms in the job that applies the entry: a crash before
 * that loses the job, not the entry, which the sender resends.
 *
 * The simulator never interleaves a fault inside a handler, and it delivers a crashed sender's
 * in-flight messages; `closeInbound` makes a receiver refuse a link for good (ring repair).
 */
import type { DurableStorage } from '../../sim/index.ts';

/** One payload on a link, numbered 1, 2, 3, … per directed link. */
export interface LinkEntry<P> {
  readonly linkSeq: number;
  readonly payload: P;
}

/** What the links put on the network: entries one way, acknowledgements the other. */
export type LinkMessage<P> =
  | { readonly type: 'link'; readonly entries: readonly LinkEntry<P>[] }
  | { readonly type: 'link-ack'; readonly upTo: number };

/** What the links need of their node's context; a `NodeContext` whose messages include `LinkMessage<P>` is one. */
export interface LinkContext<P> {
  send(to: string, msg: LinkMessage<P>): void;
  setTimer(name: string, localDelayMs: number): number;
  readonly storage: DurableStorage;
}

export interface ReliableLinksOptions<P> {
  /** Resend every unacknowledged entry this often (the node's clock). */
  readonly resendMs: number;
  /** At most this many entries per `link` message. */
  readonly maxPerMessage?: number;
  /**
   * Hands a new entry to the consumer, in order per sender. The consumer calls `confirm(from, linkSeq)`
   * once it has durably dealt with it (at once or in a later job); until then it is not handed out again
   * by this incarnation, and after a crash it is handed out again.
   */
  readonly deliver: (from: string, entry: LinkEntry<P>) => void;
  /** A link message arrived on a link closed with `closeInbound` (and was dropped). */
  readonly onClosedDelivery?: (from: string, entries: readonly LinkEntry<P>[]) => void;
  /** The timer name the links use; the node's `onTimer` passes it to `onTimer` here. */
  readonly timerName?: string;
  /** Prefix of the durable storage keys. */
  readonly storagePrefix?: string;
}

interface Outbound<P> {
  readonly nextSeq: number;
  readonly unacked: readonly LinkEntry<P>[];
}

/** Every link of one node, both directions: create one per incarnation (in the node's factory). */
export class ReliableLinks<P> {
  private readonly timerName: string;
  private readonly prefix: string;
  private readonly max: number;
  /** Highest linkSeq handed to the consumer by this incarnation, per sender (volatile). */
  private readonly handedOut = new Map<string, number>();
  private timerSet = false;

  constructor(
    private readonly ctx: LinkContext<P>,
    private readonly options: ReliableLinksOptions<P>,
  ) {
    this.timerName = options.timerName ?? 'link-resend';
    this.prefix = options.storagePrefix ?? 'link';
    this.max = options.maxPerMessage ?? 20;
    if (this.outboundPeers().some((to) => this.outbound(to).unacked.length > 0)) this.armTimer();
  }

  /** Enqueues `payload` on the link to `to` and sends it; returns its linkSeq. Payloads are stored by reference: pass immutable values. */
  send(to: string, payload: P): number {
    const out = this.outbound(to);
    const entry: LinkEntry<P> = { linkSeq: out.nextSeq, payload };
    this.setOutbound(to, { nextSeq: out.nextSeq + 1, unacked: [...out.unacked, entry] });
    this.put(to, { type: 'link', entries: [entry] });
    this.armTimer();
    return entry.linkSeq;
  }

  /** Handles a link message; returns false for any other message, which the node handles itself. */
  onMessage(from: string, msg: unknown): boolean {
    const m = msg as LinkMessage<P> | { type?: unknown };
    if (m === null || typeof m !== 'object') return false;
    if (m.type === 'link-ack') {
      this.acked(from, (m as { upTo: number }).upTo);
      return true;
    }
    if (m.type !== 'link') return false;
    const entries = (m as { entries: readonly LinkEntry<P>[] }).entries;
    if (this.isClosed(from)) {
      this.options.onClosedDelivery?.(from, entries);
      return true;
    }
    for (const entry of entries) {
      const next = Math.max(this.delivered(from), this.handedOut.get(from) ?? 0) + 1;
      if (entry.linkSeq < next) continue;
      if (entry.linkSeq > next) break;
      this.handedOut.set(from, entry.linkSeq);
      this.options.deliver(from, entry);
    }
    this.put(from, { type: 'link-ack', upTo: this.delivered(from) });
    return true;
  }

  /** Handles the links' resend timer; returns false for any other timer. */
  onTimer(name: string): boolean {
    if (name !== this.timerName) return false;
    this.timerSet = false;
    let pending = false;
    for (const to of this.outboundPeers()) {
      const { unacked } = this.outbound(to);
      if (unacked.length === 0) continue;
      pending = true;
      this.put(to, { type: 'link', entries: unacked.slice(0, this.max) });
    }
    if (pending) this.armTimer();
    return true;
  }

  /** The consumer has durably dealt with entry `linkSeq` from `from` (the next one in order). */
  confirm(from: string, linkSeq: number): void {
    const delivered = this.delivered(from);
    if (linkSeq !== delivered + 1) throw new Error(`confirm(${from}, ${linkSeq}): the next entry to confirm is ${delivered + 1}`);
    this.ctx.storage.set(`${this.prefix}:in:${from}`, linkSeq);
  }

  /** How many entries from `from` have been confirmed. */
  delivered(from: string): number {
    return this.ctx.storage.get<number>(`${this.prefix}:in:${from}`) ?? 0;
  }

  /** The entries sent to `to` and not yet acknowledged, in order. */
  unacked(to: string): readonly LinkEntry<P>[] {
    return this.outbound(to).unacked;
  }

  /** Closes the link from `from` at this end for good: later deliveries are dropped (and reported). Durable. */
  closeInbound(from: string): void {
    if (this.isClosed(from)) return;
    this.ctx.storage.set(`${this.prefix}:closed`, [...this.closed(), from]);
  }

  /** Gives up the link to `to` (its receiver is gone for good): unacked entries are forgotten, no more resends. */
  closeOutbound(to: string): void {
    const out = this.outbound(to);
    this.setOutbound(to, { nextSeq: out.nextSeq, unacked: [] });
  }

  private acked(to: string, upTo: number): void {
    const out = this.outbound(to);
    if (out.unacked.length === 0 || out.unacked[0]!.linkSeq > upTo) return;
    this.setOutbound(to, { nextSeq: out.nextSeq, unacked: out.unacked.filter((e) => e.linkSeq > upTo) });
  }

  private isClosed(from: string): boolean {
    return this.closed().includes(from);
  }

  private closed(): readonly string[] {
    return this.ctx.storage.get<readonly string[]>(`${this.prefix}:closed`) ?? [];
  }

  private outbound(to: string): Outbound<P> {
    return this.ctx.storage.get<Outbound<P>>(`${this.prefix}:out:${to}`) ?? { nextSeq: 1, unacked: [] };
  }

  private setOutbound(to: string, out: Outbound<P>): void {
    const key = `${this.prefix}:out:${to}`;
    if (this.ctx.storage.get(key) === undefined) this.ctx.storage.set(`${this.prefix}:peers`, [...this.outboundPeers(), to]);
    this.ctx.storage.set(key, out);
  }

  private outboundPeers(): readonly string[] {
    return this.ctx.storage.get<readonly string[]>(`${this.prefix}:peers`) ?? [];
  }

  private put(to: string, msg: LinkMessage<P>): void {
    this.ctx.send(to, msg);
  }

  private armTimer(): void {
    if (this.timerSet) return;
    this.timerSet = true;
    this.ctx.setTimer(this.timerName, this.options.resendMs);
  }
}
