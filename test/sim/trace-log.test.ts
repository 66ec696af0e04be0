import { describe, it, expect } from 'vitest';
import { Simulation, TraceLog, firstDivergence, type Fault, type TraceEvent } from '../../harness/sim/index.ts';
import { addScriptedNode } from './scripted-node.ts';
import { kindsOf } from './trace-filter.ts';

/**
 * A short run that records every kind of event (and every drop reason) once, with what its trace must
 * read back as. The log is filled by a real simulation so the test holds whatever the writer methods
 * look like.
 */
async function oneOfEach(): Promise<{ sim: Simulation; expected: TraceEvent[] }> {
  const sim = new Simulation({
    seed: 1,
    network: { latency: { min: 3, max: 3 }, links: { 'n1->n2': { duplicate: 1 }, 'n2->n3': { loss: 1 } } },
  });
  const n1 = addScriptedNode(sim, 'n1');
  const n2 = addScriptedNode(sim, 'n2');
  const n3 = addScriptedNode(sim, 'n3');
  const partition: Fault = { kind: 'partition', sides: [['n3'], ['n1']] };
  const crash: Fault = { kind: 'crash', node: 'n3' };
  sim.at(0, 'duplicated', () => n1.ctx.send('n2', { type: 'append', entries: [1, 2] }));
  sim.at(5, 'lost', () => n2.ctx.send('n3', 'lost'));
  sim.schedule([
    { at: 6, fault: partition },
    { at: 8, fault: { kind: 'heal' } },
    { at: 8, fault: crash },
  ]);
  sim.at(7, 'cut off', () => n3.ctx.send('n1', 'cut'));
  sim.at(8, 'to the crashed', () => n1.ctx.send('n3', 'late'));
  sim.at(12, 'to nobody', () => n1.ctx.send('ghost', 'boo'));
  sim.at(13, 'timer', () => n1.ctx.setTimer('heartbeat', 1));
  sim.at(15, 'note', () => n2.ctx.record('became-leader', { epoch: 2 }));
  sim.at(16, 'stuck task', () => n1.ctx.task('learner.decide', () => new Promise<never>(() => undefined), { deadlineMs: 2, onSettled: () => undefined }));
  await sim.run(50);
  const expected: TraceEvent[] = [
    { t: 0, kind: 'send', id: 0, from: 'n1', to: 'n2', msg: { type: 'append', entries: [1, 2] } },
    { t: 0, kind: 'duplicate', id: 0, copy: 1, from: 'n1', to: 'n2' },
    { t: 3, kind: 'deliver', id: 0, from: 'n1', to: 'n2' },
    { t: 3, kind: 'deliver', id: 0, from: 'n1', to: 'n2' },
    { t: 5, kind: 'send', id: 1, from: 'n2', to: 'n3', msg: 'lost' },
    { t: 5, kind: 'drop', id: 1, from: 'n2', to: 'n3', reason: 'loss' },
    { t: 6, kind: 'fault', fault: partition },
    { t: 7, kind: 'send', id: 2, from: 'n3', to: 'n1', msg: 'cut' },
    { t: 7, kind: 'drop', id: 2, from: 'n3', to: 'n1', reason: 'partition' },
    { t: 8, kind: 'fault', fault: { kind: 'heal' } },
    { t: 8, kind: 'fault', fault: crash },
    { t: 8, kind: 'send', id: 3, from: 'n1', to: 'n3', msg: 'late' },
    { t: 11, kind: 'drop', id: 3, from: 'n1', to: 'n3', reason: 'crashed' },
    { t: 12, kind: 'send', id: 4, from: 'n1', to: 'ghost', msg: 'boo' },
    { t: 12, kind: 'drop', id: 4, from: 'n1', to: 'ghost', reason: 'not-a-node' },
    { t: 14, kind: 'timer', node: 'n1', name: 'heartbeat' },
    { t: 15, kind: 'note', node: 'n2', name: 'became-leader', data: { epoch: 2 } },
    { t: 18, kind: 'never-settled', node: 'n1', label: 'learner.decide' },
  ];
  return { sim, expected };
}

describe('TraceLog', () => {
  it('gives back every kind of event unchanged through at(), toArray() and iteration', async () => {
    const { sim, expected } = await oneOfEach();
    expect(sim.trace).toBeInstanceOf(TraceLog);
    expect(sim.trace.length).toBe(expected.length);
    expected.forEach((e, i) => expect(sim.trace.at(i)).toEqual(e));
    expect(sim.trace.toArray()).toEqual(expected);
    expect([...sim.trace]).toEqual(expected);
  });

  it('returns undefined outside [0, length) and a fresh object on every read', async () => {
    const { sim, expected } = await oneOfEach();
    expect(sim.trace.at(-1)).toBeUndefined();
    expect(sim.trace.at(expected.length)).toBeUndefined();
    expect(new TraceLog().at(0)).toBeUndefined();
    expect(new TraceLog().toArray()).toEqual([]);
    expect(sim.trace.at(2)).not.toBe(sim.trace.at(2));
  });

  it('keeps every event when it grows past its initial capacity', async () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('n', (ctx) => {
      // Each timer is named after the true time it is due, so every event is different.
      ctx.setTimer('due-1', 1);
      return {
        onMessage() {},
        onTimer: () => void ctx.setTimer(`due-${sim.now + 1}`, 1),
      };
    });
    await sim.run(10_000);
    expect(sim.trace.length).toBe(10_000);
    for (const i of [0, 4095, 4096, 8191, 8192, 9999]) expect(sim.trace.at(i)).toEqual({ t: i + 1, kind: 'timer', node: 'n', name: `due-${i + 1}` });
  });

  it('notesAndFaults() returns only notes, faults and never-settled events, in order', async () => {
    const { sim, expected } = await oneOfEach();
    expect(sim.trace.notesAndFaults()).toEqual(expected.filter((e) => e.kind === 'fault' || e.kind === 'note' || e.kind === 'never-settled'));
    expect(kindsOf(sim.trace.notesAndFaults())).toEqual(['fault', 'fault', 'fault', 'note', 'never-settled']);
  });
});

describe('a simulation with trace: false', () => {
  it('records no sends, deliveries, drops or timers, but still records faults, notes and never-settled tasks', async () => {
    const sim = new Simulation({ seed: 1, trace: false, network: { loss: 0.5 } });
    const a = addScriptedNode(sim, 'a');
    const b = addScriptedNode(sim, 'b');
    sim.at(0, 'chatter', () => {
      for (let i = 0; i < 20; i++) a.ctx.send('b', i);
      a.ctx.send('nobody', 'x');
      a.ctx.setTimer('t', 5);
      a.ctx.task('stuck', () => new Promise<never>(() => undefined), { deadlineMs: 30, onSettled: () => undefined });
    });
    sim.schedule([{ at: 10, fault: { kind: 'crash', node: 'b' } }]);
    sim.at(11, 'note', () => a.ctx.record('hello', { x: 1 }));
    await sim.run(100);
    expect(b.messages().length).toBeGreaterThan(0); // the messages did flow
    expect(a.log.some((h) => h.kind === 'timer')).toBe(true);
    expect(sim.trace.toArray()).toEqual([
      { t: 10, kind: 'fault', fault: { kind: 'crash', node: 'b' } },
      { t: 11, kind: 'note', node: 'a', name: 'hello', data: { x: 1 } },
      { t: 30, kind: 'never-settled', node: 'a', label: 'stuck' },
    ]);
  });
});

describe('firstDivergence', () => {
  const e0: TraceEvent = { t: 0, kind: 'send', id: 0, from: 'a', to: 'b', msg: 'x' };
  const e1: TraceEvent = { t: 5, kind: 'deliver', id: 0, from: 'a', to: 'b' };
  const e1Late: TraceEvent = { t: 6, kind: 'deliver', id: 0, from: 'a', to: 'b' };
  const e2: TraceEvent = { t: 9, kind: 'timer', node: 'b', name: 'tick' };

  it('is undefined for identical traces, including a TraceLog against its own array', async () => {
    expect(firstDivergence([], [])).toBeUndefined();
    expect(firstDivergence([e0, e1, e2], [{ ...e0 }, { ...e1 }, { ...e2 }])).toBeUndefined();
    const { sim, expected } = await oneOfEach();
    expect(firstDivergence(sim.trace, expected)).toBeUndefined();
    expect(firstDivergence(sim.trace, (await oneOfEach()).sim.trace)).toBeUndefined();
  });

  it('names the index and both versions of the first differing event', () => {
    expect(firstDivergence([e0, e1, e2], [e0, e1Late, e2])).toEqual({
      index: 1,
      left: e1,
      right: e1Late,
      explanation:
        'event #1 differs: first run {"t":5,"kind":"deliver","id":0,"from":"a","to":"b"}, second run {"t":6,"kind":"deliver","id":0,"from":"a","to":"b"}',
    });
  });

  it('says which run ended first and what the other went on with', () => {
    expect(firstDivergence([e0, e1], [e0, e1, e2])).toEqual({
      index: 2,
      left: undefined,
      right: e2,
      explanation: 'the first run ended after 2 events; the second went on with {"t":9,"kind":"timer","node":"b","name":"tick"}',
    });
    expect(firstDivergence([e0, e1, e2], [e0])).toEqual({
      index: 1,
      left: e1,
      right: undefined,
      explanation: 'the second run ended after 1 event; the first went on with {"t":5,"kind":"deliver","id":0,"from":"a","to":"b"}',
    });
  });

  it('compares message contents too', () => {
    const d = firstDivergence([e0], [{ ...e0, msg: 'y' }]);
    expect(d?.index).toBe(0);
    expect(d?.explanation).toContain('"msg":"x"');
    expect(d?.explanation).toContain('"msg":"y"');
  });
});
