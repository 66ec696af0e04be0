/**
 * Exercise 06-replication/07: detecting concurrent writes with version vectors, and keeping the
 * concurrent values as siblings until a client merges them.
 *
 * The two clock helpers below are the vector-clock exercise's answers, ready to use (paste yours
 * instead if you like). Read README.md beside this file first.
 */
import type { Ordering, Sibling, VectorClock } from 'ddia-workbook/exercise';

function compareClocks(a: VectorClock, b: VectorClock): Ordering {
  let aAhead = false;
  let bAhead = false;
  for (const node of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if ((a[node] ?? 0) > (b[node] ?? 0)) aAhead = true;
    if ((b[node] ?? 0) > (a[node] ?? 0)) bAhead = true;
  }
  return aAhead && bAhead ? 'concurrent' : aAhead ? 'after' : bAhead ? 'before' : 'equal';
}

function mergeClocks(a: VectorClock, b: VectorClock): VectorClock {
  const out: Record<string, number> = { ...a };
  for (const [node, count] of Object.entries(b)) out[node] = Math.max(out[node] ?? 0, count);
  return out;
}

/**
 * Replica `node` receives a client write of `value` carrying the causal context it last read:
 * drop the siblings that context covers, keep the concurrent ones, add the new value.
 */
export function applyWrite<V>(siblings: readonly Sibling<V>[], value: V, context: VectorClock, node: string): Sibling<V>[] {
  const kept = siblings.filter((s) => {
    const order = compareClocks(s.clock, context);
    return order !== 'before' && order !== 'equal';
  });
  // A fresh counter for this replica: above every counter of `node` in sight, so no two writes share one.
  let top = context[node] ?? 0;
  for (const s of siblings) top = Math.max(top, s.clock[node] ?? 0);
  return [...kept, { value, clock: { ...context, [node]: top + 1 } }];
}

/** Anti-entropy / read repair between replicas: keep every sibling that no other dominates. */
export function mergeReplicas<V>(a: readonly Sibling<V>[], b: readonly Sibling<V>[]): Sibling<V>[] {
  const all = [...a, ...b];
  const out: Sibling<V>[] = [];
  for (const s of all) {
    const dominated = all.some((t) => compareClocks(s.clock, t.clock) === 'before');
    const duplicate = out.some((t) => compareClocks(s.clock, t.clock) === 'equal');
    if (!dominated && !duplicate) out.push(s);
  }
  return out;
}

/** What a read hands the client to send back with its next write. */
export function readContext<V>(siblings: readonly Sibling<V>[]): VectorClock {
  return siblings.reduce<VectorClock>((ctx, s) => mergeClocks(ctx, s.clock), {});
}

/** The client's merge of siblings for a shopping cart (add-only: removals would need tombstones). */
export function mergeCarts(siblings: readonly string[][]): string[] {
  const out: string[] = [];
  for (const cart of siblings) for (const item of cart) if (!out.includes(item)) out.push(item);
  return out;
}
