/**
 * A shopping-cart client of the siblings store. It always talks to the same replica (its own), and
 * loops: read the siblings and their context, merge the carts, add one item, write the new cart
 * with that context, resend the write until it is acknowledged, think, and go again.
 *
 * One client per replica is a precondition of version vectors with one entry per replica: two clients
 * writing concurrently through the same replica would need dotted version vectors to keep both.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { VectorClock } from '../../exercise/index.ts';
import type { SiblingMessage } from './messages.ts';
import type { CartSibling, CartValue } from './sibling-logic.ts';

export interface ClientConfig {
  readonly replica: string;
  /** How many writes this client makes at most. */
  readonly writes: number;
  readonly thinkMs: { readonly min: number; readonly max: number };
  /** How long the shopper takes between seeing the cart and saving it (a window for concurrent writes). */
  readonly editMs: { readonly min: number; readonly max: number };
  readonly retryMs: number;
  /** No new read starts after this (true time of the run's recovery phase). */
  readonly stopAtMs: number;
  /** True simulated time, for `stopAtMs` (a client's own clock may be skewed). */
  readonly now: () => number;
}

/** The client's merge of a read's carts: every item of every sibling, once, in order of appearance. */
export function mergeCartItems(siblings: readonly CartSibling[]): string[] {
  const out: string[] = [];
  for (const s of siblings) for (const item of s.value.items) if (!out.includes(item)) out.push(item);
  return out;
}

export function createClient(ctx: NodeContext<SiblingMessage>, config: ClientConfig): NodeBehaviour<SiblingMessage> {
  let written = 0;
  let req = 0;
  let phase: { kind: 'thinking' } | { kind: 'reading'; req: number } | { kind: 'editing'; siblings: readonly CartSibling[]; context: VectorClock } | { kind: 'writing'; msg: Extract<SiblingMessage, { type: 'write' }>; op: number } = { kind: 'thinking' };

  const think = (): void => {
    phase = { kind: 'thinking' };
    if (written < config.writes) ctx.setTimer('read', config.thinkMs.min + Math.floor(ctx.random() * (config.thinkMs.max - config.thinkMs.min + 1)));
  };
  const read = (): void => {
    if (config.now() >= config.stopAtMs) return;
    phase = { kind: 'reading', req: ++req };
    ctx.send(config.replica, { type: 'read', req });
    ctx.setTimer('retry', config.retryMs, { kind: 'read', req });
  };
  const write = (siblings: readonly CartSibling[], context: VectorClock): void => {
    const id = `${ctx.id}-${++written}`;
    const value: CartValue = { write: id, items: [...mergeCartItems(siblings), id] };
    const seen = siblings.map((s) => s.value.write);
    const msg = { type: 'write' as const, write: id, value, context, seen };
    const op = ctx.invoke('write', { write: id, seen });
    phase = { kind: 'writing', msg, op };
    ctx.send(config.replica, msg);
    ctx.setTimer('retry', config.retryMs, { kind: 'write', write: id });
  };

  ctx.setTimer('read', 1 + Math.floor(ctx.random() * config.thinkMs.max));
  return {
    onMessage(_from, msg) {
      if (msg.type === 'read-reply' && phase.kind === 'reading' && phase.req === msg.req) {
        phase = { kind: 'editing', siblings: msg.siblings, context: msg.context };
        ctx.setTimer('edited', config.editMs.min + Math.floor(ctx.random() * (config.editMs.max - config.editMs.min + 1)));
      }
      else if (msg.type === 'write-ack' && phase.kind === 'writing' && phase.msg.write === msg.write) {
        ctx.complete(phase.op, 'ok');
        think();
      }
    },
    onTimer(name, payload) {
      if (name === 'read') return read();
      if (name === 'edited') {
        if (phase.kind === 'editing') write(phase.siblings, phase.context);
        return;
      }
      const p = payload as { kind: 'read'; req: number } | { kind: 'write'; write: string };
      if (p.kind === 'read' && phase.kind === 'reading' && phase.req === p.req) read();
      if (p.kind === 'write' && phase.kind === 'writing' && phase.msg.write === p.write) {
        ctx.send(config.replica, phase.msg);
        ctx.setTimer('retry', config.retryMs, p);
      }
    },
  };
}
