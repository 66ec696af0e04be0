/**
 * A client of one gossip replica: think, make one op with a fresh write id (`c2-3`), resend it every
 * `retryMs` until acked (the ack carries the value the replica read), and go again; no new op once
 * the recovery phase has begun. A scripted client makes only the ops steps tell it (`writeNow`)
 * until `startWriting`, queued behind the op in flight.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { GossipMessage, GossipWrite } from './messages.ts';

export interface GossipClientConfig {
  readonly replica: string;
  readonly writes: number;
  readonly thinkMs: { readonly min: number; readonly max: number };
  readonly retryMs: number;
  readonly scripted: boolean;
  readonly stopAtMs: number;
  readonly now: () => number;
}

export interface ScriptableGossipClient extends NodeBehaviour<GossipMessage> {
  writeNow(op: string): void;
  startWriting(): void;
}

export function createGossipClient(ctx: NodeContext<GossipMessage>, config: GossipClientConfig): ScriptableGossipClient {
  let own = 0;
  let made = 0;
  let writing = !config.scripted;
  let inFlight: { msg: GossipWrite; op: number } | undefined;
  let thinking = false;
  const queued: string[] = [];

  const think = (): void => {
    if (!writing || own >= config.writes || thinking || inFlight !== undefined) return;
    thinking = true;
    ctx.setTimer('think', config.thinkMs.min + Math.floor(ctx.random() * (config.thinkMs.max - config.thinkMs.min + 1)));
  };
  const write = (op: string | undefined): void => {
    const id = `${ctx.id}-${++made}`;
    const msg: GossipWrite = { type: 'write', write: id, ...(op !== undefined ? { op } : {}), draws: [ctx.random(), ctx.random()] };
    inFlight = { msg, op: ctx.invoke('write', { write: id, replica: config.replica, ...(op !== undefined ? { op } : {}) }) };
    ctx.send(config.replica, msg);
    ctx.setTimer('retry', config.retryMs, id);
  };
  const next = (): void => {
    const op = queued.shift();
    if (op !== undefined) write(op);
    else think();
  };

  if (!config.scripted) think();
  return {
    writeNow(op) {
      if (inFlight === undefined && !thinking) write(op);
      else queued.push(op);
    },
    startWriting() {
      writing = true;
      if (inFlight === undefined) think();
    },
    onMessage(_from, msg) {
      if (msg.type !== 'write-ack' || inFlight?.msg.write !== msg.write) return;
      ctx.complete(inFlight.op, 'ok', msg.value);
      inFlight = undefined;
      next();
    },
    onTimer(name, payload) {
      if (name === 'think') {
        thinking = false;
        if (queued.length > 0) return next();
        if (config.now() >= config.stopAtMs || own >= config.writes) return;
        own++;
        return write(undefined);
      }
      if (name === 'retry' && inFlight !== undefined && inFlight.msg.write === payload) {
        ctx.send(config.replica, inFlight.msg);
        ctx.setTimer('retry', config.retryMs, payload);
      }
    },
  };
}
