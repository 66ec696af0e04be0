/**
 * Exercise 5.3: detecting concurrent writes with version vectors, and keeping the
 * concurrent values as siblings until a client merges them.
 *
 * The two clock helpers below are `compare` and `merge` from the vector-clock exercise, which comes
 * first: copy your bodies in (its checks say when they are right). Read README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { Ordering, Sibling, VectorClock } from 'ddia-workbook/exercise';

function compareClocks(a: VectorClock, b: VectorClock): Ordering {
  // TODO(human): your `compare` from vector-clock.ts.
  throw new NotImplementedError('compareClocks');
}

function mergeClocks(a: VectorClock, b: VectorClock): VectorClock {
  // TODO(human): your `merge` from vector-clock.ts.
  throw new NotImplementedError('mergeClocks');
}

/**
 * Replica `node` receives a client write of `value` with `context`, the clock of the client's last
 * read. Returns the replica's siblings after the write. The harness checks that no concurrent write
 * is lost, that values the client had seen are removed, and that the new value's clock is after the
 * context and fresh: above every counter of this replica in sight.
 */
export function applyWrite<V>(siblings: readonly Sibling<V>[], value: V, context: VectorClock, node: string): Sibling<V>[] {
  // TODO(human): return the siblings after this write. Stuck? `./workbook hint concurrent-writes`.
  throw new NotImplementedError('applyWrite');
}

/**
 * Anti-entropy / read repair between two replicas' siblings for one key. The harness checks that no
 * concurrent write is lost, that causally overwritten values are removed, each write is kept once,
 * and that replicas converge after the faults end.
 */
export function mergeReplicas<V>(a: readonly Sibling<V>[], b: readonly Sibling<V>[]): Sibling<V>[] {
  // TODO(human): return the siblings a replica that has seen both lists keeps.
  throw new NotImplementedError('mergeReplicas');
}

/** What a read hands the client to send back with its next write: a clock that has seen every sibling. */
export function readContext<V>(siblings: readonly Sibling<V>[]): VectorClock {
  // TODO(human): return the context.
  throw new NotImplementedError('readContext');
}

/**
 * The client's merge of sibling carts (add-only: removals would need tombstones). Checked: every
 * item of every sibling is kept, once, even one that a sibling's cart lists twice.
 */
export function mergeCarts(siblings: readonly string[][]): string[] {
  // TODO(human): return the merged cart.
  throw new NotImplementedError('mergeCarts');
}
