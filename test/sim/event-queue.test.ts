import { describe, it, expect } from 'vitest';
import { EventQueue } from '../../harness/sim/event-queue.ts';
import { SeededRandom } from '../../harness/sim/index.ts';

interface Ev {
  time: number;
  seq: number;
  label: string;
}

const ev = (label: string): Ev => ({ time: -1, seq: -1, label });

function drain(q: EventQueue<Ev>): Ev[] {
  const out: Ev[] = [];
  for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e);
  return out;
}

describe('EventQueue', () => {
  it('is empty at first: size 0, peek and pop give undefined', () => {
    const q = new EventQueue<Ev>();
    expect(q.size).toBe(0);
    expect(q.peek()).toBeUndefined();
    expect(q.pop()).toBeUndefined();
  });

  it('pops the earliest time first and peek does not remove', () => {
    const q = new EventQueue<Ev>();
    q.push(30, ev('c'));
    q.push(10, ev('a'));
    q.push(20, ev('b'));
    expect(q.peek()?.label).toBe('a');
    expect(q.size).toBe(3);
    expect(drain(q).map((e) => e.label)).toEqual(['a', 'b', 'c']);
    expect(q.size).toBe(0);
  });

  it('runs events at the same time in push order and stamps time and sequence numbers', () => {
    const q = new EventQueue<Ev>();
    for (const label of ['x1', 'x2', 'x3', 'x4', 'x5']) q.push(5, ev(label));
    q.push(4, ev('early'));
    const out = drain(q);
    expect(out.map((e) => e.label)).toEqual(['early', 'x1', 'x2', 'x3', 'x4', 'x5']);
    expect(out.map((e) => [e.time, e.seq])).toEqual([[4, 5], [5, 0], [5, 1], [5, 2], [5, 3], [5, 4]]);
  });

  it('pops in (time, seq) order for many random pushes, matching a sorted copy', () => {
    const rng = new SeededRandom(2024);
    const q = new EventQueue<Ev>();
    const pushed: Ev[] = [];
    for (let i = 0; i < 3000; i++) {
      const e = ev(`e${i}`);
      q.push(rng.int(0, 60), e); // few distinct times: many ties
      pushed.push(e);
    }
    const expected = [...pushed].sort((x, y) => x.time - y.time || x.seq - y.seq).map((e) => e.label);
    expect(drain(q).map((e) => e.label)).toEqual(expected);
  });

  it('keeps (time, seq) order when pushes and pops interleave', () => {
    const rng = new SeededRandom(77);
    const q = new EventQueue<Ev>();
    const model: Ev[] = [];
    const popped: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 4000; i++) {
      if (model.length > 0 && rng.chance(0.4)) {
        let min = 0;
        for (let j = 1; j < model.length; j++) {
          const m = model[j]!;
          const best = model[min]!;
          if (m.time < best.time || (m.time === best.time && m.seq < best.seq)) min = j;
        }
        expected.push(model.splice(min, 1)[0]!.label);
        popped.push(q.pop()!.label);
      } else {
        const e = ev(`e${i}`);
        q.push(rng.int(0, 100), e);
        model.push(e);
      }
      expect(q.size).toBe(model.length);
    }
    expect(popped).toEqual(expected);
  });
});
