import { describe, it, expect } from 'vitest';
import { DEFAULT_NETWORK, Simulation, type NetworkConfig } from '../../harness/sim/index.ts';
import { addScriptedNode } from './scripted-node.ts';
import { eventsOf } from './trace-filter.ts';

/** Sends `count` messages (0, 1, …) from a to b at t=0 and runs until everything has landed. */
async function burst(network: Partial<NetworkConfig>, count: number, seed = 1) {
  const sim = new Simulation({ seed, network });
  const a = addScriptedNode(sim, 'a');
  const b = addScriptedNode(sim, 'b');
  sim.at(0, 'burst', () => {
    for (let i = 0; i < count; i++) a.ctx.send('b', i);
  });
  await sim.run(10_000);
  return { sim, a, b };
}

/** Latency of every delivery, from the trace (send time by message id). */
function latencies(sim: Simulation): number[] {
  const sentAt = new Map(eventsOf(sim.trace, 'send').map((e) => [e.id, e.t]));
  return eventsOf(sim.trace, 'deliver').map((e) => e.t - sentAt.get(e.id)!);
}

describe('network', () => {
  it('defaults to 1–10 ms latency with no loss, duplication or reordering', () => {
    expect(DEFAULT_NETWORK).toEqual({ latency: { min: 1, max: 10 }, loss: 0, duplicate: 0, reorder: 0 });
  });

  it('draws every latency from [min, max], reaching both ends', async () => {
    const { sim, b } = await burst({ latency: { min: 3, max: 7 } }, 500);
    const ls = latencies(sim);
    expect(ls).toHaveLength(500);
    expect([...new Set(ls)].sort((x, y) => x - y)).toEqual([3, 4, 5, 6, 7]);
    expect(b.messages()).toHaveLength(500);
  });

  it('applies a per-link latency override to that direction only', async () => {
    const sim = new Simulation({ seed: 2, network: { links: { 'a->b': { latency: { min: 50, max: 50 } } } } });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    sim.at(0, 'both ways', () => {
      for (let i = 0; i < 20; i++) {
        a.ctx.send('b', 'slow');
        b.ctx.send('a', 'normal');
      }
    });
    await sim.run(200);
    expect(new Set(b.arrivals().map(([t]) => t))).toEqual(new Set([50]));
    for (const [t] of a.arrivals()) {
      expect(t).toBeGreaterThanOrEqual(1);
      expect(t).toBeLessThanOrEqual(10);
    }
  });

  it('loses about a fraction `loss` of messages, each with a loss drop event', async () => {
    const { sim, b } = await burst({ loss: 0.3 }, 2000);
    const drops = eventsOf(sim.trace, 'drop');
    expect(drops.length).toBeGreaterThan(500);
    expect(drops.length).toBeLessThan(700);
    expect(new Set(drops.map((d) => d.reason))).toEqual(new Set(['loss']));
    expect(drops.length + b.messages().length).toBe(2000);
  });

  it('loses nothing with loss 0 and everything with loss 1', async () => {
    expect((await burst({ loss: 0 }, 300)).b.messages()).toHaveLength(300);
    expect((await burst({ loss: 1 }, 300)).b.messages()).toHaveLength(0);
  });

  it('duplicates: a duplicate event right after the send and a second delivery with the same id', async () => {
    const { sim, b } = await burst({ duplicate: 1 }, 3);
    expect(sim.trace.toArray().slice(0, 2)).toEqual([
      { t: 0, kind: 'send', id: 0, from: 'a', to: 'b', msg: 0 },
      { t: 0, kind: 'duplicate', id: 0, copy: 1, from: 'a', to: 'b' },
    ]);
    const delivered = eventsOf(sim.trace, 'deliver').map((e) => e.id);
    expect(delivered.sort()).toEqual([0, 0, 1, 1, 2, 2]);
    expect((b.messages() as number[]).sort()).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('duplicates about a fraction `duplicate` of messages', async () => {
    const { sim, b } = await burst({ duplicate: 0.2 }, 2000);
    const dups = eventsOf(sim.trace, 'duplicate').length;
    expect(dups).toBeGreaterThan(320);
    expect(dups).toBeLessThan(480);
    expect(b.messages()).toHaveLength(2000 + dups);
  });

  it('keeps send order on a fixed-latency link without reordering, and breaks it with reordering', async () => {
    const inOrder = await burst({ latency: { min: 2, max: 2 } }, 100);
    expect(inOrder.b.messages()).toEqual([...Array(100).keys()]);

    const shuffled = await burst({ latency: { min: 2, max: 2 }, reorder: 0.5 }, 100);
    const got = shuffled.b.messages() as number[];
    expect(got).not.toEqual([...Array(100).keys()]);
    expect([...got].sort((x, y) => x - y)).toEqual([...Array(100).keys()]);
    // A reordered message is held back by 1 to 3 × latency.max extra.
    const ls = latencies(shuffled.sim);
    expect(Math.min(...ls)).toBe(2);
    expect(Math.max(...ls)).toBeLessThanOrEqual(2 + 6);
    expect(Math.max(...ls)).toBeGreaterThan(2);
  });

  describe('rejects invalid configurations with a RangeError naming the option', () => {
    const cases: Array<[string, Partial<NetworkConfig>, string]> = [
      ['latency.min below 0', { latency: { min: -1, max: 5 } }, 'network.latency.min must be a whole number of ms ≥ 0, got -1'],
      ['fractional latency.min', { latency: { min: 0.5, max: 5 } }, 'network.latency.min'],
      ['latency.max below min', { latency: { min: 5, max: 4 } }, 'network.latency.max must be a whole number ≥ latency.min (5), got 4'],
      ['loss above 1', { loss: 1.5 }, 'network.loss must be a probability between 0 and 1, got 1.5'],
      ['negative duplicate', { duplicate: -0.1 }, 'network.duplicate must be a probability between 0 and 1, got -0.1'],
      ['NaN reorder', { reorder: Number.NaN }, 'network.reorder must be a probability between 0 and 1, got NaN'],
      ['a link key without an arrow', { links: { ab: { loss: 0.1 } } }, 'network.links: key "ab" must look like "n1->n2"'],
      ['an invalid link override', { links: { 'a->b': { latency: { min: 9, max: 3 } } } }, 'network.links["a->b"].latency.max'],
      ['a link override with a bad probability', { links: { 'a->b': { loss: 2 } } }, 'network.links["a->b"].loss'],
    ];
    for (const [what, network, message] of cases) {
      it(what, () => {
        expect(() => new Simulation({ seed: 1, network })).toThrow(RangeError);
        expect(() => new Simulation({ seed: 1, network })).toThrow(message);
      });
    }
  });
});
