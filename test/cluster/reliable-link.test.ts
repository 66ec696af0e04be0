/**
 * The reliable FIFO link: every payload reaches its receiver's consumer exactly once and in send order,
 * whatever the network and the nodes do in between (loss, duplication, reordering, partitions, pauses,
 * crash-restart of either side), for a consumer that confirms at once and for one that confirms in a
 * later job (which a crash throws away); `closeInbound` refuses a link for good.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReliableLinks, runPhased, type LinkMessage, type PhasedScenario } from '../../harness/cluster/index.ts';
import type { NodeBehaviour, NodeContext } from '../../harness/sim/index.ts';
import { LINK_NODES as NODES, linkScenario as scenario, receivedPayloads, sentPayloads } from './link-scenarios.ts';

type Msg = LinkMessage<string>;

/** A node that sends `count` payloads to each peer, one every few ms, and records what its consumer confirms. */
function node(ctx: NodeContext<Msg>, peers: readonly string[], count: number, asyncConsumer: boolean): NodeBehaviour<Msg> {
  const work: { from: string; linkSeq: number; payload: string }[] = [];
  const links: ReliableLinks<string> = new ReliableLinks<string>(ctx, {
    resendMs: 30,
    maxPerMessage: 3,
    deliver: (from, entry) => {
      if (!asyncConsumer) {
        ctx.record('got', { from, payload: entry.payload });
        links.confirm(from, entry.linkSeq);
        return;
      }
      work.push({ from, ...entry });
      if (work.length === 1) ctx.setTimer('work', 1 + Math.floor(ctx.random() * 8));
    },
  });
  ctx.setTimer('send', 2);
  return {
    onMessage: (from, msg) => {
      if (!links.onMessage(from, msg)) throw new Error('only link messages here');
    },
    onTimer: (name) => {
      if (links.onTimer(name)) return;
      if (name === 'work') {
        const job = work.shift()!;
        ctx.record('got', { from: job.from, payload: job.payload });
        links.confirm(job.from, job.linkSeq);
        if (work.length > 0) ctx.setTimer('work', 1 + Math.floor(ctx.random() * 8));
        return;
      }
      const sent = ctx.storage.get<number>('sent') ?? 0;
      if (sent >= count) return;
      ctx.storage.set('sent', sent + 1);
      for (const to of peers) links.send(to, `${ctx.id}-${sent + 1}`);
      ctx.setTimer('send', 2 + Math.floor(ctx.random() * 6));
    },
  };
}

async function runLinks(scenario: PhasedScenario, count: number, asyncConsumer: boolean) {
  const run = await runPhased<PhasedScenario, null>(scenario, {
    recoveryMs: 1500,
    trace: false,
    nodes: ({ sim }) => {
      for (const id of NODES) sim.addNode<Msg>(id, (ctx) => node(ctx, NODES.filter((p) => p !== id), count, asyncConsumer));
      return [...NODES];
    },
    final: () => null,
  });
  return receivedPayloads(run.notes);
}

const expected = sentPayloads;

describe('ReliableLinks', () => {
  for (const asyncConsumer of [false, true]) {
    it(`hands every payload over exactly once, in send order, under every fault (${asyncConsumer ? 'confirmed in a later job' : 'confirmed at once'})`, async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const got = await runLinks(s, 12, asyncConsumer);
          for (const from of NODES) for (const to of NODES) if (from !== to) expect(got.get(`${from}->${to}`) ?? [], `${from}->${to}`).toEqual(expected(from, 12));
        }),
        { numRuns: 60, seed: asyncConsumer ? 2 : 1 },
      );
    }, 120_000);
  }

  it('is exactly once without faults too, and sends each payload once when nothing is lost', async () => {
    const s: PhasedScenario = { seed: 5, latency: { min: 1, max: 3 }, loss: 0, duplicate: 0, reorder: 0, faults: [], faultPhaseMs: 100 };
    const got = await runLinks(s, 5, false);
    expect(got.get('a->b')).toEqual(expected('a', 5));
    expect(got.get('c->a')).toEqual(expected('c', 5));
  });

  it('closeInbound drops later deliveries on that link and reports them; the other direction still works', async () => {
    const dropped: string[] = [];
    const run = await runPhased<PhasedScenario, null>(
      { seed: 9, latency: { min: 1, max: 2 }, loss: 0, duplicate: 0, reorder: 0, faults: [], faultPhaseMs: 100 },
      {
        recoveryMs: 200,
        nodes: ({ sim }) => {
          for (const id of ['a', 'b'])
            sim.addNode<Msg>(id, (ctx) => {
              const links: ReliableLinks<string> = new ReliableLinks<string>(ctx, {
                resendMs: 30,
                deliver: (from, entry) => {
                  ctx.record('got', entry.payload);
                  links.confirm(from, entry.linkSeq);
                },
                onClosedDelivery: (from, entries) => dropped.push(...entries.map((e) => `${from}:${e.payload}`)),
              });
              ctx.setTimer('one', 10);
              ctx.setTimer('two', 50);
              return {
                onMessage: (from, msg) => void links.onMessage(from, msg),
                onTimer: (name) => {
                  if (links.onTimer(name)) return;
                  if (name === 'one') {
                    links.send(id === 'a' ? 'b' : 'a', `${id}-1`);
                    if (id === 'b') links.closeInbound('a');
                  }
                  if (name === 'two') links.send(id === 'a' ? 'b' : 'a', `${id}-2`);
                },
              };
            });
          return ['a', 'b'];
        },
        final: () => null,
      },
    );
    const got = run.notes.filter((e) => e.kind === 'note' && e.name === 'got').map((e) => `${(e as { node: string }).node}:${(e as { data: string }).data}`);
    expect(got).toEqual(['a:b-1', 'a:b-2']);
    expect(dropped[0]).toBe('a:a-1');
    expect(dropped).toContain('a:a-2');
  });
});
