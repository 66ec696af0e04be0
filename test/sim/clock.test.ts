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
