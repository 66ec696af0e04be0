/**
 * At-least-once delivery over the raw network, the multi-leader cluster's `any-order` mode: one
 * message per payload and destination, resent every `resendMs` until that destination acknowledges
 * it. Each payload reaches its receiver at least once, in any order, possibly many times: nothing here
 * deduplicates or orders, so the code that handles a payload must be idempotent and commutative (the
 * lesson of conflict resolution). Compare `ReliableLinks`, which delivers exactly once and in order.
 *
 * Durable at the sender: the payloads not yet acknowledged, per destination, and the next id.
 */
import type { DurableStorage } from '../../sim/index.ts';

/** What the outbox puts on the network. */
export type AtLeastOnceMessage<P> =
  | { readonly type: 'update'; readonly id: number; readonly payload: P }
  | { readonly type: 'update-ack'; readonly id: number };

/** What the outbox needs of its node's context; a `NodeContext` whose messages include `AtLeastOnceMessage<P>` is one. */
export interface AtLeastOnceContext<P> {
  send(to: string, msg: AtLeastOnceMessage<P>): void;
  setTimer(name: string, localDelayMs: number): number;
  readonly storage: DurableStorage;
}

export interface AtLeastOnceOptions<P> {
  readonly resendMs: number;
  /**
   * Hands a payload to the consumer, every time one arrives (duplicates included). It is acknowledged
   * once `deliver` returns, unless it returns false (not handled now: the sender will resend).
   */
  readonly deliver: (from: string, payload: P, id: number) => boolean | void;
  /** The timer name the outbox uses; the node's `onTimer` passes it to `onTimer` here. */
  readonly timerName?: string;
  /** Prefix of the durable storage keys. */
  readonly storagePrefix?: string;
}

interface Pending<P> {
  readonly id: number;
  readonly to: string;
  readonly payload: P;
}

/** One node's at-least-once outbox and inbox: create one per incarnation (in the node's factory). */
export class AtLeastOnce<P> {
  private readonly timerName: string;
  private readonly prefix: string;
  private timerSet = false;

  constructor(
    private readonly ctx: AtLeastOnceContext<P>,
    private readonly options: AtLeastOnceOptions<P>,
  ) {
    this.timerName = options.timerName ?? 'update-resend';
    this.prefix = options.storagePrefix ?? 'alo';
    if (this.pending().length > 0) this.armTimer();
  }

  /** Sends `payload` to each of `to` and keeps resending it to each until acknowledged. Payloads are stored by reference: pass immutable values. */
  send(to: readonly string[], payload: P): void {
    let next = this.ctx.storage.get<number>(`${this.prefix}:next`) ?? 1;
    const added: Pending<P>[] = [];
    for (const dest of to) {
      const p = { id: next++, to: dest, payload };
      added.push(p);
      this.ctx.send(dest, { type: 'update', id: p.id, payload });
    }
    this.ctx.storage.set(`${this.prefix}:next`, next);
    this.ctx.storage.set(`${this.prefix}:pending`, [...this.pending(), ...added]);
    if (added.length > 0) this.armTimer();
  }

  /** Handles an update or an ack; returns false for any other message, which the node handles itself. */
  onMessage(from: string, msg: unknown): boolean {
    const m = msg as AtLeastOnceMessage<P> | { type?: unknown };
    if (m === null || typeof m !== 'object') return false;
    if (m.type === 'update-ack') {
      const id = (m as { id: number }).id;
      this.ctx.storage.set(`${this.prefix}:pending`, this.pending().filter((p) => !(p.id === id && p.to === from)));
      return true;
    }
    if (m.type !== 'update') return false;
    const { id, payload } = m as { id: number; payload: P };
    if (this.options.deliver(from, payload, id) !== false) this.ctx.send(from, { type: 'update-ack', id });
    return true;
  }

  /** Handles the outbox's resend timer; returns false for any other timer. */
  onTimer(name: string): boolean {
    if (name !== this.timerName) return false;
    this.timerSet = false;
    const pending = this.pending();
    for (const p of pending) this.ctx.send(p.to, { type: 'update', id: p.id, payload: p.payload });
    if (pending.length > 0) this.armTimer();
    return true;
  }

  /** Payloads not yet acknowledged, in the order they were sent. */
  pending(): readonly Pending<P>[] {
    return this.ctx.storage.get<readonly Pending<P>[]>(`${this.prefix}:pending`) ?? [];
  }

  /** Stops resending to `to` (it is gone for good). */
  forget(to: string): void {
    this.ctx.storage.set(`${this.prefix}:pending`, this.pending().filter((p) => p.to !== to));
  }

  private armTimer(): void {
    if (this.timerSet) return;
    this.timerSet = true;
    this.ctx.setTimer(this.timerName, this.options.resendMs);
  }
}
