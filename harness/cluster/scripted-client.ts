/**
 * A client of one node that scripted steps can drive (the multi-leader and CRDT gossip clusters):
 * think, make one write with a fresh id (`c2-3`), resend it every `retryMs` until acknowledged, and go
 * again. No write of its own starts once the recovery phase has begun. A scripted client writes only
 * what steps tell it (`writeNow`) until `startWriting`; every client queues scripted writes behind the
 * one in flight. What a write carries, where it goes and what its ack completes are the cluster's.
 */
import type { NodeContext } from '../sim/index.ts';

export interface ScriptedClientConfig<Op> {
  /** How many writes of its own this client makes at most (scripted writes come on top). */
  readonly writes: number;
  readonly thinkMs: { readonly min: number; readonly max: number };
  readonly retryMs: number;
  /** Writes only when told to, until `startWriting` (clients are never crashed, so this need not be durable). */
  readonly scripted: boolean;
  /** No write of its own starts after this true time (the recovery phase). */
  readonly stopAtMs: number;
  readonly now: () => number;
  /** The op of a write the client makes on its own. */
  readonly ownOp: Op;
}

/**
 * The part of a client's config that comes from its run alone: the scenario's write count and the
 * clients steps script, the cluster's think and retry times, and when the fault phase ends.
 */
export function scriptedClientOfRun(
  id: string,
  run: { readonly writesPerClient: number; readonly scriptedClients: readonly string[] },
  timing: { readonly thinkMinMs: number; readonly thinkMaxMs: number; readonly clientRetryMs: number },
  stopAtMs: number,
  now: () => number,
): Omit<ScriptedClientConfig<never>, 'ownOp'> {
  return {
    writes: run.writesPerClient,
    thinkMs: { min: timing.thinkMinMs, max: timing.thinkMaxMs },
    retryMs: timing.clientRetryMs,
    scripted: run.scriptedClients.includes(id),
    stopAtMs,
    now,
  };
}

/** What the cluster decides about each write; `message` is called once per write, in the order the writes are made. */
export interface ScriptedClientWrites<W extends { readonly write: string }, Op> {
  /** The write's message (any random draws are taken here) and the history's input for it. */
  make(id: string, op: Op): { readonly msg: W; readonly input: unknown };
  /** Where the write goes: asked at the first send and at each resend (a re-homing client moves). */
  destination(resend: boolean): string;
}

export interface ScriptedClient<Op> {
  writeNow(op: Op): void;
  startWriting(): void;
  /** A fresh write id of this client, for a write a scripted step makes a node accept directly. */
  reserveId(): string;
  /** The in-flight write's history op, if `write` is its id: the caller completes it, then calls `acknowledged`. */
  inFlight(write: string): number | undefined;
  /** The write in flight is done; `then` runs before the next write starts (steps it triggers see no write in flight). */
  acknowledged(then?: () => void): void;
  onTimer(name: string, payload: unknown): void;
}

export function createScriptedClient<M, W extends M & { readonly write: string }, Op>(ctx: NodeContext<M>, config: ScriptedClientConfig<Op>, writes: ScriptedClientWrites<W, Op>): ScriptedClient<Op> {
  let own = 0;
  let made = 0;
  let writing = !config.scripted;
  let inFlight: { msg: W; op: number } | undefined;
  let thinking = false;
  const queued: Op[] = [];

  const think = (): void => {
    if (!writing || own >= config.writes || thinking || inFlight !== undefined) return;
    thinking = true;
    ctx.setTimer('think', config.thinkMs.min + Math.floor(ctx.random() * (config.thinkMs.max - config.thinkMs.min + 1)));
  };
  const write = (op: Op): void => {
    const id = `${ctx.id}-${++made}`;
    const { msg, input } = writes.make(id, op);
    inFlight = { msg, op: ctx.invoke('write', input) };
    ctx.send(writes.destination(false), msg);
    ctx.setTimer('retry', config.retryMs, id);
  };
  const next = (): void => {
    if (queued.length > 0) write(queued.shift()!);
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
    reserveId() {
      return `${ctx.id}-${++made}`;
    },
    inFlight(id) {
      return inFlight?.msg.write === id ? inFlight.op : undefined;
    },
    acknowledged(then) {
      inFlight = undefined;
      then?.();
      next();
    },
    onTimer(name, payload) {
      if (name === 'think') {
        thinking = false;
        if (queued.length > 0) return next();
        if (config.now() >= config.stopAtMs || own >= config.writes) return;
        own++;
        return write(config.ownOp);
      }
      if (name === 'retry' && inFlight !== undefined && inFlight.msg.write === payload) {
        ctx.send(writes.destination(true), inFlight.msg);
        ctx.setTimer('retry', config.retryMs, payload);
      }
    },
  };
}
