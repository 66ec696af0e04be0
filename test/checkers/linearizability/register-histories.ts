/**
 * Generated register histories for the linearizability checker's tests and bench: clients run
 * operations against one atomic register per key, each taking effect at a random instant between
 * its call and its return, so the history is linearizable by construction. `corrupt` then breaks one.
 */
import { SeededRandom } from '../../../harness/sim/index.ts';
import type { RegisterOp } from '../../../harness/checkers/index.ts';

export interface HistoryShape {
  readonly ops: number;
  readonly keys: number;
  readonly clients: number;
  readonly seed: number;
  /** Share of operations that never complete (writes and cas only). */
  readonly pending?: number;
}

/** A linearizable history: every operation takes effect atomically inside its interval. */
export function linearizableHistory(shape: HistoryShape): RegisterOp[] {
  const rng = new SeededRandom(shape.seed);
  const keys = Array.from({ length: shape.keys }, (_, i) => `k${i}`);
  // Each client runs its operations one after another; effects are applied in effect-time order.
  type Planned = { client: string; key: string; op: 'read' | 'write' | 'cas'; value?: number; expected?: number; call: number; ret: number; at: number; pending: boolean };
  const planned: Planned[] = [];
  const perClient = Math.ceil(shape.ops / shape.clients);
  let next = 1;
  for (let c = 0; c < shape.clients && planned.length < shape.ops; c++) {
    let t = rng.int(0, 5);
    for (let i = 0; i < perClient && planned.length < shape.ops; i++) {
      const call = t;
      const ret = call + rng.int(1, 12);
      const kind = rng.chance(0.45) ? 'read' : rng.chance(0.7) ? 'write' : 'cas';
      const pending = kind !== 'read' && rng.chance(shape.pending ?? 0);
      planned.push({
        client: `c${c + 1}`,
        key: keys[rng.int(0, keys.length - 1)]!,
        op: kind,
        ...(kind === 'read' ? {} : { value: next++ }),
        ...(kind === 'cas' ? { expected: rng.int(Math.max(1, next - 6), next) } : {}),
        call,
        ret,
        at: call + rng.next() * (ret - call),
        pending,
      });
      t = ret + rng.int(0, 4);
    }
  }
  const state = new Map<string, number | undefined>();
  const history: RegisterOp[] = [];
  for (const p of [...planned].sort((a, b) => a.at - b.at)) {
    const current = state.get(p.key);
    let output: unknown;
    if (p.op === 'read') output = current;
    if (p.op === 'write') state.set(p.key, p.value);
    if (p.op === 'cas') {
      output = current === p.expected;
      if (output) state.set(p.key, p.value);
    }
    history.push({
      client: p.client,
      key: p.key,
      op: p.op,
      ...(p.value !== undefined ? { value: p.value } : {}),
      ...(p.expected !== undefined ? { expected: p.expected } : {}),
      ...(p.op !== 'write' && !p.pending ? { output } : {}),
      call: p.call,
      ...(p.pending ? {} : { return: p.ret }),
    });
  }
  return history.sort((a, b) => a.call - b.call);
}

/**
 * The same history with one completed read made to return a value written only after it returned
 * (a value from the future), which no order can explain. Undefined if there is no such read.
 */
export function corrupt(history: readonly RegisterOp[], seed: number): RegisterOp[] | undefined {
  const rng = new SeededRandom(seed);
  const reads = history.map((op, i) => ({ op, i })).filter(({ op }) => op.op === 'read' && op.return !== undefined);
  for (let tries = 0; tries < reads.length; tries++) {
    const { op, i } = reads[rng.int(0, reads.length - 1)]!;
    const future = history.find((w) => w.key === op.key && w.op === 'write' && w.call > op.return!);
    if (future === undefined) continue;
    const out = [...history];
    out[i] = { ...op, output: future.value };
    return out;
  }
  return undefined;
}

/**
 * The same history with one completed read made to return a stale value: the value of an earlier
 * write that another write had overwritten before the read began. Finding that takes the search.
 */
export function staleRead(history: readonly RegisterOp[], seed: number): RegisterOp[] | undefined {
  const rng = new SeededRandom(seed);
  const reads = history.map((op, i) => ({ op, i })).filter(({ op }) => op.op === 'read' && op.return !== undefined);
  for (let tries = 0; tries < reads.length * 2; tries++) {
    const { op, i } = reads[rng.int(0, reads.length - 1)]!;
    const writes = history.filter((w) => w.key === op.key && w.op === 'write' && w.return !== undefined && w.return < op.call);
    const overwritten = writes.find((w) => writes.some((x) => x.call > w.return! && x.value !== w.value) && w.value !== op.output);
    if (overwritten === undefined) continue;
    // Only when no later write could explain it: every write of that value ended long before.
    const out = [...history];
    out[i] = { ...op, output: overwritten.value };
    return out;
  }
  return undefined;
}

/**
 * A key that is expensive to decide: `writers` writes of distinct values all overlapping, then two
 * sequential reads of two of those values. No order explains both reads (after every write has
 * returned the register holds one value), but the search must try the subsets of the writes to learn
 * that: about 2^writers · writers states. Each read returns a value that was written, so no shortcut
 * applies.
 */
export function expensiveKey(key: string, writers: number): RegisterOp[] {
  const ops: RegisterOp[] = [];
  for (let i = 0; i < writers; i++) ops.push({ client: `w${i}`, key, op: 'write', value: i, call: i, return: 100 + i });
  ops.push({ client: 'r1', key, op: 'read', output: 0, call: 200, return: 201 }, { client: 'r1', key, op: 'read', output: 1, call: 202, return: 203 });
  return ops;
}
