/**
 * Exercise 06-replication/07: detecting concurrent writes with version vectors, and keeping the
 * concurrent values as siblings until a client merges them.
 *
 * The two clock helpers below are the vector-clock exercise's answers, ready to use (paste yours
 * instead if you like). Read README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
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
  // TODO(human): keep the siblings whose clock the context does not cover (compareClocks(s.clock,
  // context) is neither 'before' nor 'equal'), and add { value, clock } where clock is the context
  // with `node`'s entry above every counter of `node` you can see.
  throw new NotImplementedError('applyWrite');
}

/** Anti-entropy / read repair between replicas: keep every sibling that no other dominates. */
export function mergeReplicas<V>(a: readonly Sibling<V>[], b: readonly Sibling<V>[]): Sibling<V>[] {
  // TODO(human): from both lists, keep each sibling that no other sibling is strictly after, once.
  throw new NotImplementedError('mergeReplicas');
}

/** What a read hands the client to send back with its next write. */
export function readContext<V>(siblings: readonly Sibling<V>[]): VectorClock {
  // TODO(human): one clock that covers every sibling's clock.
  throw new NotImplementedError('readContext');
}

/** The client's merge of siblings for a shopping cart (add-only: removals would need tombstones). */
export function mergeCarts(siblings: readonly string[][]): string[] {
  // TODO(human): every item that is in any sibling cart, each once.
  throw new NotImplementedError('mergeCarts');
}
