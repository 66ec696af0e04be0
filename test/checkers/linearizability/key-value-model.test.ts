/**
 * The get/put/append key-value model on hand-checked histories, violating and not, and the
 * counterexample's list of overlapping operations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkKeyValueLinearizability, checkLinearizability, type KeyValueOp } from '../../../harness/checkers/linearizability/index.ts';

const put = (client: string, key: string, value: string, call: number, ret?: number): KeyValueOp => ({ client, key, op: 'put', value, call, ...(ret !== undefined ? { return: ret } : {}) });
const append = (client: string, key: string, value: string, call: number, ret?: number): KeyValueOp => ({ client, key, op: 'append', value, call, ...(ret !== undefined ? { return: ret } : {}) });
const get = (client: string, key: string, output: string, call: number, ret: number): KeyValueOp => ({ client, key, op: 'get', output, call, return: ret });
const outcome = (h: KeyValueOp[]): string => checkKeyValueLinearizability(h).outcome;

describe('key-value model: hand-checked histories', () => {
  it('a key never written reads ""; after a completed put it may not', () => {
    expect(outcome([get('c1', 'x', '', 0, 1)])).toBe('linearizable');
    expect(outcome([put('c1', 'x', 'v', 0, 5), get('c2', 'x', '', 6, 7)])).toBe('not-linearizable');
    expect(outcome([put('c1', 'x', 'v', 0, 5), get('c2', 'x', '', 4, 7)])).toBe('linearizable');
  });

  it('append concatenates onto what is there, in the order the appends take effect', () => {
    expect(outcome([put('c1', 'x', 'a', 0, 1), append('c1', 'x', 'b', 2, 3), get('c2', 'x', 'ab', 4, 5)])).toBe('linearizable');
    expect(outcome([put('c1', 'x', 'a', 0, 1), append('c1', 'x', 'b', 2, 3), get('c2', 'x', 'ba', 4, 5)])).toBe('not-linearizable');
    // A put overlapping an append: "ab" (put first) or "a" (append first, then overwritten), never "b" after both.
    expect(outcome([put('c1', 'x', 'a', 0, 10), append('c2', 'x', 'b', 2, 5), get('c3', 'x', 'ab', 11, 12)])).toBe('linearizable');
    expect(outcome([put('c1', 'x', 'a', 0, 10), append('c2', 'x', 'b', 2, 5), get('c3', 'x', 'a', 11, 12)])).toBe('linearizable');
    expect(outcome([put('c1', 'x', 'a', 0, 10), append('c2', 'x', 'b', 2, 5), get('c3', 'x', 'b', 11, 12)])).toBe('not-linearizable');
  });

  it('two concurrent appends may land in either order, but every reader must see the same one', () => {
    const both = [append('c1', 'x', 'p', 0, 10), append('c2', 'x', 'q', 0, 10)];
    expect(outcome([...both, get('c3', 'x', 'pq', 11, 12)])).toBe('linearizable');
    expect(outcome([...both, get('c3', 'x', 'qp', 11, 12)])).toBe('linearizable');
    expect(outcome([...both, get('c3', 'x', 'pq', 11, 12), get('c4', 'x', 'qp', 13, 14)])).toBe('not-linearizable');
    // While they are in flight a reader may see one, then both.
    expect(outcome([...both, get('c3', 'x', 'q', 3, 4), get('c3', 'x', 'qp', 5, 6)])).toBe('linearizable');
    expect(outcome([...both, get('c3', 'x', 'q', 3, 4), get('c3', 'x', 'pq', 5, 6)])).toBe('not-linearizable');
  });

  it('an append that never completed may take effect late, or never; a get that never completed tells nothing', () => {
    expect(outcome([append('c1', 'x', 'z', 0), get('c2', 'x', '', 5, 6), get('c2', 'x', 'z', 7, 8)])).toBe('linearizable');
    expect(outcome([append('c1', 'x', 'z', 0), get('c2', 'x', 'z', 5, 6), get('c2', 'x', '', 7, 8)])).toBe('not-linearizable');
    expect(outcome([put('c1', 'x', 'v', 0, 1), { client: 'c2', key: 'x', op: 'get', call: 2 }])).toBe('linearizable');
  });

  it('checks keys independently and blames the key that is not linearizable', () => {
    const h = [put('c1', 'a', '1', 0, 2), get('c2', 'a', '1', 3, 4), append('c1', 'b', 'x', 0, 2), get('c2', 'b', 'xx', 3, 4)];
    const v = checkKeyValueLinearizability(h);
    expect(v.outcome).toBe('not-linearizable');
    expect(v.keys).toBe(2);
    if (v.outcome !== 'not-linearizable') return;
    expect(v.counterexample.key).toBe('b');
    expect(v.counterexample.stuck[0]).toBe(3);
    expect(v.explanation).toContain('c2 get → "xx" (t=3–4) had to take effect and could not');
    expect(v.explanation).toContain('with the key holding "x"');
  });

  it('refuses a put without a string value, with a stable code', () => {
    expect(() => checkKeyValueLinearizability([{ client: 'c1', key: 'x', op: 'put', call: 0, return: 1 }])).toThrow(expect.objectContaining({ code: 'ERR_BAD_HISTORY' }));
  });
});

describe('key-value model: against a brute-force search', () => {
  it('agrees on small random multi-key histories', () => {
    const op = fc.record({
      client: fc.constantFrom('c1', 'c2', 'c3'),
      key: fc.constantFrom('a', 'b'),
      op: fc.constantFrom<'get' | 'put' | 'append'>('get', 'put', 'append'),
      value: fc.constantFrom('x', 'y', 'xy', ''),
      call: fc.integer({ min: 0, max: 10 }),
      len: fc.integer({ min: 0, max: 6 }),
      pending: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 6 }), (raw) => {
        const history: KeyValueOp[] = raw.map((o) => ({
          client: o.client,
          key: o.key,
          op: o.op,
          ...(o.op === 'get' ? { output: o.value } : { value: o.value }),
          call: o.call,
          ...(o.pending && o.op !== 'get' ? {} : { return: o.call + o.len }),
        }));
        expect(outcome(history)).toBe(bruteForce(history) ? 'linearizable' : 'not-linearizable');
      }),
      { numRuns: 1500, seed: 12 },
    );
  });
});

/** Tries every real-time order of all operations at once (no partitioning); pending ones may also never happen. */
function bruteForce(history: readonly KeyValueOp[]): boolean {
  const ops = history.filter((o) => !(o.op === 'get' && o.return === undefined));
  const used = new Array<boolean>(ops.length).fill(false);
  const go = (store: ReadonlyMap<string, string>): boolean => {
    // Whatever is left is pending (never returned): it may never take effect.
    if (ops.every((o, j) => used[j] || o.return === undefined)) return true;
    for (let i = 0; i < ops.length; i++) {
      if (used[i]) continue;
      const o = ops[i]!;
      if (ops.some((p, j) => !used[j] && j !== i && (p.return ?? Infinity) < o.call)) continue;
      const now = store.get(o.key) ?? '';
      if (o.op === 'get' && o.output !== now) continue;
      const next = new Map(store);
      if (o.op === 'put') next.set(o.key, o.value!);
      if (o.op === 'append') next.set(o.key, now + o.value!);
      used[i] = true;
      if (go(next)) return true;
      used[i] = false;
    }
    return false;
  };
  return go(new Map());
}

describe('counterexamples list the operations overlapping the one that could not be placed', () => {
  it('names both the overlapping operations placed before it and those never placed', () => {
    // c2 saw 2, so c3's later read of 1 is stuck. Overlapping c3's read: c1's write of 2 and c4's
    // write of 3, which the search placed before it, and c5's read of 1, which it could not place either.
    const v = checkLinearizability([
      { client: 'c0', key: 'x', op: 'write', value: 1, call: 0, return: 1 },
      { client: 'c1', key: 'x', op: 'write', value: 2, call: 2, return: 20 },
      { client: 'c2', key: 'x', op: 'read', output: 2, call: 3, return: 4 },
      { client: 'c3', key: 'x', op: 'read', output: 1, call: 5, return: 8 },
      { client: 'c4', key: 'x', op: 'write', value: 3, call: 6, return: 30 },
      { client: 'c5', key: 'x', op: 'read', output: 1, call: 6, return: 9 },
    ]);
    expect(v.outcome).toBe('not-linearizable');
    if (v.outcome !== 'not-linearizable') return;
    expect(v.counterexample.linearized).toEqual([0, 1, 2, 4]);
    expect(v.counterexample.stuck).toEqual([3, 5]);
    expect(v.counterexample.overlapping).toEqual([1, 4, 5]);
    expect(v.explanation).toContain(
      'with the register holding 3; then c3 read → 1 (t=5–8) had to take effect and could not, whatever the order of the operations overlapping it ' +
        '(c5 read → 1 (t=6–9) — placed before it: c1 write 2 (t=2–20); c4 write 3 (t=6–30)).',
    );
  });

  it('keeps a busy key\'s message short: six per group, then a count', () => {
    const writes = Array.from({ length: 10 }, (_, i): KeyValueOp => put(`w${i}`, 'k', String(i), 0, 100));
    const v = checkKeyValueLinearizability([...writes, get('r', 'k', 'nope', 1, 2)]);
    expect(v.outcome).toBe('not-linearizable');
    expect(v.explanation).toContain('; and 4 more');
    expect(v.explanation.length).toBeLessThan(900);
  });
});
