import { describe, it, expect } from 'vitest';
import { Simulation } from '../../harness/sim/index.ts';
import { addScriptedNode, type ScriptedNode } from './scripted-node.ts';
import { eventsOf } from './trace-filter.ts';

/** Samples `node`'s local clock at each true time in `times`. */
function sampleClock(sim: Simulation, node: ScriptedNode, times: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const t of times) sim.at(t, `read clock at ${t}`, () => out.push([sim.now, node.ctx.now()]));
  return out;
}

const DRIFTS = [0.01, -0.01, 0.05, -0.05, 0.1, -0.1, 0.2, -0.3, 0.5, -0.7];

/**
 * One node per drift in DRIFTS, each skewed +3 ms with that drift at t=7; at t=20 each sets timers of
 * 1…300 local ms. Lists the timers that fired before their local delay had passed (`early`) and those
 * whose delay had already passed one true ms before they fired (`late`).
 */
async function manyTimers(): Promise<{ fired: number; early: string[]; late: string[] }> {
  const sim = new Simulation({ seed: 1 });
  const early: string[] = [];
  const late: string[] = [];
  let fired = 0;
  DRIFTS.forEach((drift, i) => {
    const id = `n${i}`;
    sim.addNode(id, (ctx) => {
      ctx.setTimer('arm', 20);
      return {
        onMessage() {},
        onTimer(name, payload) {
          if (name === 'arm') {
            for (let delay = 1; delay <= 300; delay++) ctx.setTimer('t', delay, { setLocal: ctx.now(), delay });
            return;
          }
          fired++;
          const { setLocal, delay } = payload as { setLocal: number; delay: number };
          // The clock reads 10 at t=7 (7 + the 3 ms skew) and runs at 1 + drift from then on.
          const localOneMsEarlier = Math.floor(10 + (sim.now - 1 - 7) * (1 + drift));
          if (ctx.now() - setLocal < delay) early.push(`drift ${drift}, ${delay} ms: fired after ${ctx.now() - setLocal} local ms`);
          if (localOneMsEarlier - setLocal >= delay) late.push(`drift ${drift}, ${delay} ms: due at t=${sim.now - 1}, fired at t=${sim.now}`);
        },
      };
    });
    sim.schedule([{ at: 7, fault: { kind: 'clock', node: id, skewMs: 3, drift } }]);
  });
  await sim.run(2000);
  return { fired, early, late };
}

describe('node clocks', () => {
  it('start at true time and advance with it', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    const samples = sampleClock(sim, n, [0, 7, 1000]);
    await sim.run(1000);
    expect(samples).toEqual([
      [0, 0],
      [7, 7],
      [1000, 1000],
    ]);
  });

  it('jump by the skew at the fault time (forwards or backwards), for that node only', async () => {
    const sim = new Simulation({ seed: 1 });
    const fast = addScriptedNode(sim, 'fast');
    const slow = addScriptedNode(sim, 'slow');
    const other = addScriptedNode(sim, 'other');
    sim.schedule([
      { at: 100, fault: { kind: 'clock', node: 'fast', skewMs: 500, drift: 0 } },
      { at: 100, fault: { kind: 'clock', node: 'slow', skewMs: -60, drift: 0 } },
    ]);
    const f = sampleClock(sim, fast, [99, 100, 250]);
    const s = sampleClock(sim, slow, [99, 100, 250]);
    const o = sampleClock(sim, other, [250]);
    await sim.run(300);
    expect(f).toEqual([
      [99, 99],
      [100, 600],
      [250, 750],
    ]);
    expect(s).toEqual([
      [99, 99],
      [100, 40],
      [250, 190],
    ]);
    expect(o).toEqual([[250, 250]]);
    // The trace keeps true time.
    expect(eventsOf(sim.trace, 'fault').map((e) => e.t)).toEqual([100, 100]);
  });

  it('do not change how long a timer takes when only skewed', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    sim.schedule([{ at: 10, fault: { kind: 'clock', node: 'n', skewMs: 1000, drift: 0 } }]);
    sim.at(20, 'set', () => n.ctx.setTimer('t', 30));
    await sim.run(100);
    expect(n.log.map((h) => h.t)).toEqual([50]);
  });

  it('with drift +0.5 fire a 150 ms local timer after 100 ms of true time', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    sim.schedule([{ at: 0, fault: { kind: 'clock', node: 'n', skewMs: 0, drift: 0.5 } }]);
    let localAtFire = -1;
    sim.at(0, 'set', () => n.ctx.setTimer('t', 150));
    sim.at(100, 'read', () => (localAtFire = n.ctx.now()));
    const samples = sampleClock(sim, n, [40]);
    await sim.run(400);
    expect(n.log.map((h) => h.t)).toEqual([100]);
    expect(localAtFire).toBe(150);
    expect(samples).toEqual([[40, 60]]);
  });

  it('with drift -0.5 fire a 150 ms local timer after 300 ms of true time', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    sim.schedule([{ at: 0, fault: { kind: 'clock', node: 'n', skewMs: 0, drift: -0.5 } }]);
    sim.at(0, 'set', () => n.ctx.setTimer('t', 150));
    await sim.run(400);
    expect(n.log.map((h) => h.t)).toEqual([300]);
  });

  it('combine skew and drift from the fault time on', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    sim.schedule([
      { at: 100, fault: { kind: 'clock', node: 'n', skewMs: 20, drift: 0.1 } },
      { at: 200, fault: { kind: 'clock', node: 'n', skewMs: 0, drift: 0 } },
    ]);
    const samples = sampleClock(sim, n, [100, 200, 300]);
    await sim.run(300);
    // 100 + 20 = 120 at t=100; +100 × 1.1 = 230 at t=200; then normal speed: 330 at t=300.
    expect(samples).toEqual([
      [100, 120],
      [200, 230],
      [300, 330],
    ]);
  });

  it('reject a drift of -1 or less (a clock cannot stop), naming the limit', async () => {
    const sim = new Simulation({ seed: 1 });
    addScriptedNode(sim, 'n');
    sim.schedule([{ at: 5, fault: { kind: 'clock', node: 'n', skewMs: 0, drift: -1 } }]);
    await expect(sim.run(10)).rejects.toThrow('clock drift must be greater than -1 (a clock cannot stop), got -1');
  });

  it('never fire a timer before its local delay has passed, for many drifts and delays', async () => {
    const { fired, early } = await manyTimers();
    expect(fired).toBe(DRIFTS.length * 300);
    expect(early).toEqual([]);
  });

  it('fire every timer at the first true ms its local delay has passed, not a ms later', async () => {
    const { late } = await manyTimers();
    expect(late).toEqual([]);
  });

  it('never fire a timer before its local delay has passed on the node’s own clock', async () => {
    const sim = new Simulation({ seed: 1 });
    const n = addScriptedNode(sim, 'n');
    sim.schedule([{ at: 0, fault: { kind: 'clock', node: 'n', skewMs: 0, drift: -0.3 } }]);
    let setAt = -1;
    let firedAt = -1;
    sim.at(0, 'set', () => {
      setAt = n.ctx.now();
      n.ctx.setTimer('t', 119);
    });
    sim.at(171, 'read', () => (firedAt = n.ctx.now()));
    await sim.run(400);
    // ceil(119 / 0.7) = 170 true ms, but the clock reads floor(170 × 0.7) = 118 then: one more ms is needed.
    expect(n.log.map((h) => h.t)).toEqual([171]);
    expect(firedAt - setAt).toBeGreaterThanOrEqual(119);
  });
});
