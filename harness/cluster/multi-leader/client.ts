/**
 * A client of one leader, on the shared scripted client (../scripted-client.ts): each write carries a
 * kind and its draws, and after one retry interval without an ack a re-homing client moves to its
 * own leader for good.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import { createScriptedClient, type ScriptedClientConfig } from '../scripted-client.ts';
import type { ClientWrite, MultiLeaderMessage, OpKind } from './messages.ts';

export interface ClientConfig extends Omit<ScriptedClientConfig<OpKind>, 'ownOp'> {
  readonly leader: string;
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
  let leader = config.leader;
  const client = createScriptedClient<MultiLeaderMessage, ClientWrite, OpKind>(ctx, { ...config, ownOp: 'any' }, {
    make: (id, kind) => ({ msg: { type: 'write', write: id, kind, draw: ctx.random(), amount: 1 + Math.floor(ctx.random() * 9) }, input: { write: id, leader } }),
    destination: (resend) => {
      if (resend && config.rehomeTo !== undefined) leader = config.rehomeTo;
      return leader;
    },
  });
  return {
    writeNow: (kind) => client.writeNow(kind),
    startWriting: () => client.startWriting(),
    reserveId: () => client.reserveId(),
    onMessage(_from, msg) {
      if (msg.type !== 'write-ack') return;
      const op = client.inFlight(msg.write);
      if (op === undefined) return;
      ctx.complete(op, 'ok');
      client.acknowledged(() => config.onAck?.(msg.write));
    },
    onTimer: (name, payload) => client.onTimer(name, payload),
  };
}
