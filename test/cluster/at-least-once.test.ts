/**
 * At-least-once delivery (the multi-leader cluster's `any-order` mode): every payload reaches every
 * destination at least once whatever the network and the nodes do (loss, duplication, reordering,
 * partitions, pauses, crash-restart of either side), duplicates and reordering do reach the consumer,
 * an acknowledged payload is not resent, and a payload the consumer declines is resent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AtLeastOnce, runPhased, type AtLeastOnceMessage, type PhasedScenario } from '../../harness/cluster/index.ts';
import type { NodeBehaviour, NodeContext } from '../../harness/sim/index.ts';
import { LINK_NODES as NODES, linkScenario as scenario, receivedPayloads, sentPayloads } from './link-scenarios.ts';

type Msg = AtLeastOnceMessage<string>;

function node(ctx: NodeContext<Msg>, count: number, decline = false): NodeBehaviour<Msg> {
  let declined = false;
  const outbox = new AtLeastOnce<string>(ctx, {
    resendMs: 30,
    deliver: (from, payload) => {
      if (decline && !declined) return (declined = true) && false;
      ctx.record('got', { from, payload });
    },
  });
  ctx.setTimer('send', 2);
  return {
    onMessage: (from, msg) => void outbox.onMessage(from, msg),
    onTimer: (name) => {
      if (outbox.onTimer(name)) return;
      const sent = ctx.storage.get<number>('sent') ?? 0;
      if (sent >= count) return;
      ctx.storage.set('sent', sent + 1);
      outbox.send(NODES.filter((p) => p !== ctx.id), `${ctx.id}-${sent + 1}`);
      ctx.setTimer('send', 2 + Math.floor(ctx.random() * 6));
    },
  };
}

async function run(s: PhasedScenario, count: number, decline = false) {
  const r = await runPhased<PhasedScenario, Record<string, number>>(s, {
    recoveryMs: 1000,
    trace: false,
    nodes: ({ sim }) => {
      for (const id of NODES) sim.addNode<Msg>(id, (ctx) => node(ctx, count, decline));
      return [...NODES];
    },
    final: (sim) => Object.fromEntries(NODES.map((id) => [id, ((sim.storageOf(id).get('alo:pending') as unknown[] | undefined) ?? []).length])),
  });
  const got = receivedPayloads(r.notes);
  return { got, pending: r.final };
}

const sent = sentPayloads;

describe('AtLeastOnce', () => {
  it('hands every payload to every destination at least once, under every fault, and ends with nothing pending', async () => {
    let duplicates = 0;
    let reordered = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { got, pending } = await run(s, 10);
        for (const from of NODES)
          for (const to of NODES) {
            if (from === to) continue;
            const seen = got.get(`${from}->${to}`) ?? [];
            expect([...new Set(seen)].sort(), `${from}->${to}`).toEqual(sent(from, 10).sort());
            duplicates += seen.length - new Set(seen).size;
            if (seen.some((p, i) => i > 0 && Number(p.split('-')[1]) < Number(seen[i - 1]!.split('-')[1]))) reordered++;
          }
        expect(pending).toEqual({ a: 0, b: 0, c: 0 });
      }),
      { numRuns: 60, seed: 3 },
    );
    // Neither ordered nor deduplicated: both show up in some of these runs.
    expect(duplicates).toBeGreaterThan(0);
    expect(reordered).toBeGreaterThan(0);
  }, 120_000);

  it('without faults, sends once and delivers once; a declined payload is resent', async () => {
    const quiet: PhasedScenario = { seed: 4, latency: { min: 1, max: 3 }, loss: 0, duplicate: 0, reorder: 0, faults: [], faultPhaseMs: 100 };
    const { got } = await run(quiet, 4);
    expect(got.get('a->b')).toEqual(sent('a', 4));
    const declined = await run(quiet, 4, true);
    expect([...(declined.got.get('a->b') ?? []), ...(declined.got.get('a->c') ?? [])].sort()).toEqual([...sent('a', 4), ...sent('a', 4)].sort());
  });
});
