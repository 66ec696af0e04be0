/**
 * A client of one gossip replica, on the shared scripted client (../scripted-client.ts): each op
 * carries its draws, and its ack carries the value the replica read, which completes the op.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import { createScriptedClient, type ScriptedClientConfig } from '../scripted-client.ts';
import type { GossipMessage, GossipWrite } from './messages.ts';

export interface GossipClientConfig extends Omit<ScriptedClientConfig<string | undefined>, 'ownOp'> {
  readonly replica: string;
}

export interface ScriptableGossipClient extends NodeBehaviour<GossipMessage> {
  writeNow(op: string): void;
  startWriting(): void;
}

export function createGossipClient(ctx: NodeContext<GossipMessage>, config: GossipClientConfig): ScriptableGossipClient {
  const client = createScriptedClient<GossipMessage, GossipWrite, string | undefined>(ctx, { ...config, ownOp: undefined }, {
    make: (id, op) => ({
      msg: { type: 'write', write: id, ...(op !== undefined ? { op } : {}), draws: [ctx.random(), ctx.random()] },
      input: { write: id, replica: config.replica, ...(op !== undefined ? { op } : {}) },
    }),
    destination: () => config.replica,
  });
  return {
    writeNow: (op) => client.writeNow(op),
    startWriting: () => client.startWriting(),
    onMessage(_from, msg) {
      if (msg.type !== 'write-ack') return;
      const op = client.inFlight(msg.write);
      if (op === undefined) return;
      ctx.complete(op, 'ok', msg.value);
      client.acknowledged();
    },
    onTimer: (name, payload) => client.onTimer(name, payload),
  };
}
