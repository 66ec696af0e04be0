/**
 * A client of one leader: think, make one write with a fresh id (`c2-3`), resend it every
 * `retryMs` until acknowledged, and go again. No new write starts once the recovery phase has begun.
 * A scripted client writes only what scripted steps tell it (`writeNow`) until `startWriting`; every
 * client queues scripted writes behind the one in flight.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { ClientWrite, MultiLeaderMessage, OpKind } from './messages.ts';

export interface ClientConfig {
  readonly leader: string;
  /** How many writes of its own this client makes at most (scripted writes come on top). */
  readonly writes: number;
  readonly thinkMs: { readonly min: number; readonly max: number };
  readonly retryMs: number;
  /** Writes only when told to, until `startWriting` (durable across restarts of the client is not needed: clients are never crashed). */
  readonly scripted: boolean;
  /** No new write starts after this true time (the recovery phase). */
  readonly stopAtMs: number;
  readonly now: () => number;
  /** The write `id` was acknowledged (for steps keyed to the record). */
  readonly onAck?: (write: string) => void;
  /** After one retry interval without an ack, move to this leader for good and stop resending to the first (re-homing). */
  readonly rehomeTo?: string;
}

/** What scripted steps can make a client do. */
export interface ScriptableClient extends NodeBehaviour<MultiLeaderMessage> {
  writeNow(kind: OpKind): void;
  startWriting(): void;
  /** A fresh write id of this client, for a write a scripted step makes its leader accept directly. */
  reserveId(): string;
}

export function createClient(ctx: NodeContext<MultiLeaderMessage>, config: ClientConfig): ScriptableClient {
  let own = 0;
  let made = 0;
  let leader = config.leader;
  let writing = !config.scripted;
  let inFlight: { msg: ClientWrite; op: number } | undefined;
  let thinking = false;
  const queued: OpKind[] = [];

  const think = (): void => {
    if (!writing || own >= config.writes || thinking || inFlight !== undefined) return;
    thinking = true;
    ctx.setTimer('think', config.thinkMs.min + Math.floor(ctx.random() * (config.thinkMs.max - config.thinkMs.min + 1)));
  };
  const write = (kind: OpKind): void => {
    const id = `${ctx.id}-${++made}`;
    const msg: ClientWrite = { type: 'write', write: id, kind, draw: ctx.random(), amount: 1 + Math.floor(ctx.random() * 9) };
    inFlight = { msg, op: ctx.invoke('write', { write: id, leader }) };
    ctx.send(leader, msg);
    ctx.setTimer('retry', config.retryMs, id);
  };
  const next = (): void => {
    const kind = queued.shift();
    if (kind !== undefined) write(kind);
    else think();
  };

  if (!config.scripted) think();
  return {
    writeNow(kind) {
      if (inFlight === undefined && !thinking) write(kind);
      else queued.push(kind);
    },
    reserveId() {
      return `${ctx.id}-${++made}`;
    },
    startWriting() {
      writing = true;
      if (inFlight === undefined) think();
    },
    onMessage(_from, msg) {
      if (msg.type !== 'write-ack' || inFlight?.msg.write !== msg.write) return;
      ctx.complete(inFlight.op, 'ok');
      inFlight = undefined;
      config.onAck?.(msg.write);
      next();
    },
    onTimer(name, payload) {
      if (name === 'think') {
        thinking = false;
        if (queued.length > 0) return next();
        if (config.now() >= config.stopAtMs || own >= config.writes) return;
        own++;
        return write('any');
      }
      if (name === 'retry' && inFlight !== undefined && inFlight.msg.write === payload) {
        if (config.rehomeTo !== undefined) leader = config.rehomeTo;
        ctx.send(leader, inFlight.msg);
        ctx.setTimer('retry', config.retryMs, payload);
      }
    },
  };
}
