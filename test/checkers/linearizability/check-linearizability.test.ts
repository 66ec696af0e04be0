/**
 * The linearizability checker on hand-built histories (each classic anomaly, and their fixes), on
 * generated linearizable histories and corrupted ones, and against a brute-force search on small
 * random histories.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, type RegisterOp } from '../../../harness/checkers/index.ts';
import { corrupt, linearizableHistory } from './register-histories.ts';

const w = (client: string, value: unknown, call: number, ret?: number, key = 'x'): RegisterOp => ({ client, key, op: 'write', value, call, ...(ret !== undefined ? { return: ret } : {}) });
const r = (client: string, output: unknown, call: number, ret: number, key = 'x'): RegisterOp => ({ client, key, op: 'read', output, call, return: ret });
const cas = (client: string, expected: unknown, value: unknown, output: boolean | undefined, call: number, ret?: number): RegisterOp => ({
  client,
  key: 'x',
  op: 'cas',
  expected,
  value,
  ...(output !== undefined ? { output } : {}),
  call,
  ...(ret !== undefined ? { return: ret } : {}),
});

describe('checkLinearizability: hand-built histories', () => {
  it('accepts a sequential history that a register explains', () => {
    const v = checkLinearizability([w('c1', 1, 0, 5), r('c2', 1, 6, 8), w('c1', 2, 9, 10), r('c2', 2, 11, 12)]);
    expect(v.outcome).toBe('linearizable');
    expect(v.explanation).toMatch(/^linearizable: /);
  });

  it('rejects a read that misses a write which completed before the read began (a stale read)', () => {
    const v = checkLinearizability([w('c1', 1, 0, 10), r('c2', undefined, 12, 15)]);
    expect(v.outcome).toBe('not-linearizable');
    if (v.outcome !== 'not-linearizable') return;
    expect(v.counterexample.key).toBe('x');
    expect(v.counterexample.stuck[0]).toBe(1);
    expect(v.explanation).toContain('c2 read → nothing (t=12–15) had to take effect and could not');
  });

  it('accepts reads overlapping a write that see either the old or the new value', () => {
    expect(checkLinearizability([w('c1', 1, 0, 10), r('c2', undefined, 1, 3), r('c3', 1, 2, 4)]).outcome).toBe('linearizable');
  });

  it('rejects a new-then-old inversion: once a read saw the new value, a later read may not see the old one', () => {
    expect(checkLinearizability([w('c1', 1, 0, 10), r('c2', 1, 1, 2), r('c3', undefined, 3, 4)]).outcome).toBe('not-linearizable');
  });

  it('treats equal return and call times as overlapping', () => {
    expect(checkLinearizability([w('c1', 1, 0, 5), r('c2', undefined, 5, 6)]).outcome).toBe('linearizable');
  });

  it('rejects two compare-and-sets that both swapped from the same value', () => {
    expect(checkLinearizability([cas('c1', undefined, 1, true, 0, 2), cas('c2', undefined, 2, true, 3, 4)]).outcome).toBe('not-linearizable');
    expect(checkLinearizability([cas('c1', undefined, 1, true, 0, 2), cas('c2', undefined, 2, false, 3, 4), r('c3', 1, 5, 6)]).outcome).toBe('linearizable');
  });

  it('lets an operation that never completed take effect late, or never', () => {
    expect(checkLinearizability([w('c1', 5, 0), r('c2', 5, 10, 11)]).outcome).toBe('linearizable');
    expect(checkLinearizability([w('c1', 5, 0), r('c2', undefined, 10, 11)]).outcome).toBe('linearizable');
    expect(checkLinearizability([w('c1', 5, 0), r('c2', 5, 10, 11), r('c2', undefined, 12, 13)]).outcome).toBe('not-linearizable');
    expect(checkLinearizability([cas('c1', undefined, 3, undefined, 0), r('c2', 3, 5, 6)]).outcome).toBe('linearizable');
  });

  it('checks each key on its own and names the key that is not linearizable', () => {
    const v = checkLinearizability([w('c1', 1, 0, 2, 'a'), r('c2', 1, 3, 4, 'a'), w('c1', 1, 0, 2, 'b'), r('c2', 7, 3, 4, 'b')]);
    expect(v.outcome).toBe('not-linearizable');
    expect(v.keys).toBe(2);
    if (v.outcome === 'not-linearizable') expect(v.counterexample.key).toBe('b');
  });

  it('compares values by their JSON form', () => {
    expect(checkLinearizability([w('c1', { a: [1] }, 0, 1), r('c2', { a: [1] }, 2, 3)]).outcome).toBe('linearizable');
  });

  it('answers unknown, never a pass, when the budget runs out', () => {
    const v = checkLinearizability([w('c1', 1, 0, 5), r('c2', 1, 6, 8)], { budget: 1 });
    expect(v.outcome).toBe('unknown');
    expect(v.explanation).toContain('not a pass');
  });

  it('refuses a malformed history with a stable code', () => {
    expect(() => checkLinearizability([r('c1', 1, 5, 2)])).toThrow(expect.objectContaining({ code: 'ERR_BAD_HISTORY' }));
  });
});

describe('checkLinearizability: generated histories', () => {
  it('accepts linearizable histories built from an atomic register (4 clients, some pending)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 4 }), (seed, keys) => {
        const h = linearizableHistory({ ops: 120, keys, clients: 4, seed, pending: 0.1 });
        expect(checkLinearizability(h).outcome).toBe('linearizable');
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('rejects the same histories once a read returns a value from the future', () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const broken = corrupt(linearizableHistory({ ops: 80, keys: 2, clients: 4, seed }), seed);
        if (broken === undefined) return;
        rejected++;
        expect(checkLinearizability(broken).outcome).toBe('not-linearizable');
      }),
      { numRuns: 60, seed: 8 },
    );
    expect(rejected).toBeGreaterThan(30);
  });

  it('agrees with a brute-force search on small random histories', () => {
    const op = fc.record({
      client: fc.constantFrom('c1', 'c2', 'c3'),
      key: fc.constant('x'),
      op: fc.constantFrom<'read' | 'write' | 'cas'>('read', 'write', 'cas'),
      value: fc.integer({ min: 1, max: 2 }),
      expected: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
      output: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 2 }), fc.boolean()),
      call: fc.integer({ min: 0, max: 10 }),
      len: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 6 }), (raw) => {
        const history: RegisterOp[] = raw.map((o) => ({
          client: o.client,
          key: o.key,
          op: o.op,
          value: o.value,
          ...(o.op === 'cas' ? { expected: o.expected } : {}),
          ...(o.op === 'cas' ? (typeof o.output === 'boolean' ? { output: o.output } : {}) : { output: o.output }),
          call: o.call,
          return: o.call + o.len,
        }));
        const expected = bruteForce(history) ? 'linearizable' : 'not-linearizable';
        expect(checkLinearizability(history).outcome).toBe(expected);
      }),
      { numRuns: 1500, seed: 9 },
    );
  });
});

/** Tries every order of the operations that respects real time. Small histories only. */
function bruteForce(history: readonly RegisterOp[]): boolean {
  const ops = history.filter((o) => !(o.op === 'read' && o.return === undefined));
  const used = new Array<boolean>(ops.length).fill(false);
  const go = (state: string, placed: number): boolean => {
    if (placed === ops.length) return true;
    for (let i = 0; i < ops.length; i++) {
      if (used[i]) continue;
      const o = ops[i]!;
      // o may go next only if no unplaced operation returned before o was called.
      if (ops.some((p, j) => !used[j] && j !== i && (p.return ?? Infinity) < o.call)) continue;
      const enc = (v: unknown): string => (v === undefined ? '∅' : JSON.stringify(v));
      let next: string | null = null;
      if (o.op === 'read') next = enc(o.output) === state ? state : null;
      if (o.op === 'write') next = enc(o.value);
      if (o.op === 'cas') {
        const match = state === enc(o.expected);
        next = o.output === true ? (match ? enc(o.value) : null) : o.output === false ? (match ? null : state) : match ? enc(o.value) : state;
      }
      if (next === null) continue;
      used[i] = true;
      if (go(next, placed + 1)) return true;
      used[i] = false;
    }
    return false;
  };
  return go('∅', 0);
}

describe('checkLinearizability: stale reads need the search', () => {
  it('finds a read of an overwritten value in generated histories, naming the read', async () => {
    const { staleRead } = await import('./register-histories.ts');
    let found = 0;
    for (let seed = 0; seed < 40; seed++) {
      const broken = staleRead(linearizableHistory({ ops: 200, keys: 2, clients: 4, seed }), seed);
      if (broken === undefined) continue;
      found++;
      const v = checkLinearizability(broken);
      expect(v.outcome).toBe('not-linearizable');
      if (v.outcome === 'not-linearizable') expect(v.explanation).toMatch(/had to take effect and could not/);
    }
    expect(found).toBeGreaterThan(20);
  });

  it('reports a read from nowhere without searching', () => {
    const v = checkLinearizability([w('c1', 1, 0, 2), r('c2', 9, 3, 4)]);
    expect(v.outcome).toBe('not-linearizable');
    expect(v.explored).toBe(0);
    expect(v.explanation).toContain('c2 read → 9 (t=3–4) returned a value that no write had even begun to write');
  });
});
