/**
 * Exercise 6.1: a PN-Counter, a counter that goes up and down, as a state-based CRDT.
 *
 * Replicas update their own copy without asking anyone and exchange whole states; any two states can
 * be merged, in any order, any number of times, and replicas that have seen the same updates end in
 * the same state. The worked example below is a G-Counter (increments only); build the PN-Counter on
 * it. Read README.md beside this file first.
 *
 * What is checked, on fixed and generated counters:
 * - pnMerge is commutative, associative and idempotent, and gives the least state containing both:
 *   everything either side has counted, nothing else;
 * - an update only moves the state up (merging the copy from before the update changes nothing), so
 *   merging an older copy never undoes it; pnValue is increments minus decrements;
 * - no function changes a counter it is given (they arrive frozen);
 * - states are compared by meaning: a zero entry is the same as a missing one, and key order and
 *   frozen results do not matter;
 * - in cluster runs (replicas gossiping whole states over a lossy, duplicating, partitioned
 *   network), every state and value a replica gets from you shows exactly the updates it has seen,
 *   and every replica ends with the same counter.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { GCounter, PNCounter } from 'ddia-workbook/exercise';

// ---- The worked example: a G-Counter. Use these, or paste your own. ------------------------------

/** `counter` with one more increment made at `replica`: only that replica's own entry grows. */
function gcIncrement(counter: GCounter, replica: string): GCounter {
  const next: Record<string, number> = { ...counter };
  next[replica] = (next[replica] ?? 0) + 1;
  return next;
}

/** Each replica's larger count: a count only ever grows, so the larger one is the more recent. */
function gcMerge(a: GCounter, b: GCounter): GCounter {
  const merged: Record<string, number> = {};
  const replicas = [...Object.keys(a), ...Object.keys(b)];
  for (const replica of replicas) merged[replica] = Math.max(a[replica] ?? 0, b[replica] ?? 0);
  return merged;
}

/** Every replica's increments added up. */
function gcValue(counter: GCounter): number {
  let total = 0;
  for (const count of Object.values(counter)) total += count;
  return total;
}

// ---- Yours: the PN-Counter. -----------------------------------------------------------------------

/** `counter` with one more increment made at `replica`. */
export function pnIncrement(counter: PNCounter, replica: string): PNCounter {
  // TODO(human): return the new counter. Stuck? `./workbook hint crdt-counters`.
  throw new NotImplementedError('pnIncrement');
}

/** `counter` with one more decrement made at `replica`. Checked: the state moves up, never down. */
export function pnDecrement(counter: PNCounter, replica: string): PNCounter {
  // TODO(human): return the new counter.
  throw new NotImplementedError('pnDecrement');
}

/** Two replicas' counters merged: everything either has counted, nothing else. */
export function pnMerge(a: PNCounter, b: PNCounter): PNCounter {
  // TODO(human): return the merged counter.
  throw new NotImplementedError('pnMerge');
}

/** Increments minus decrements. */
export function pnValue(counter: PNCounter): number {
  // TODO(human): return the value.
  throw new NotImplementedError('pnValue');
}
