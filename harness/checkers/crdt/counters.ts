/**
 * PN-Counters by meaning: a state is what it has counted, one number per replica in each half, and a
 * missing entry is 0. So `{ inc: { n1: 0 } }` and `{ inc: {} }` are one state, key order never matters,
 * and any representation a learner returns is judged by what it counts. The harness's reference
 * operations live here too: each update has exactly one result by that meaning, and a merge's is the
 * least upper bound (entry-wise maximum in each half).
 */
import { showValue as describe } from './show-value.ts';
import type { GCounter, PNCounter } from '../../exercise/index.ts';

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Why `x` is not a G-Counter ("the entry for n2 is -1"), or null. */
export function gCounterProblem(x: unknown): string | null {
  if (!isPlainObject(x)) return `${describe(x)}, not an object of counts`;
  for (const [id, n] of Object.entries(x)) {
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) return `the entry for ${id} is ${describe(n)}, not a whole number`;
    if (n < 0) return `the entry for ${id} is ${n}: a count of increments is never below 0`;
  }
  return null;
}

/** Why `x` is not a PN-Counter (`{ inc, dec }`, two G-Counters), or null. */
export function pnCounterProblem(x: unknown): string | null {
  if (!isPlainObject(x)) return `${describe(x)}, not a PN-Counter { inc, dec }`;
  for (const half of ['inc', 'dec'] as const) {
    if (!(half in x)) return `a counter without "${half}" (a PN-Counter has both halves, { inc: {}, dec: {} } at the start)`;
    const p = gCounterProblem(x[half]);
    if (p !== null) return `not a G-Counter in "${half}": ${p}`;
  }
  return null;
}

const count = (g: GCounter, id: string): number => g[id] ?? 0;
const idsOf = (...gs: readonly GCounter[]): string[] => [...new Set(gs.flatMap((g) => Object.keys(g)))].sort();

/** Whether two G-Counters count the same (missing = 0). */
export const sameGCounter = (a: GCounter, b: GCounter): boolean => idsOf(a, b).every((id) => count(a, id) === count(b, id));
/** Whether `a` is at or below `b` entry by entry. */
export const gCounterAtMost = (a: GCounter, b: GCounter): boolean => idsOf(a, b).every((id) => count(a, id) <= count(b, id));

/** Whether two PN-Counters mean the same: each half counts the same. */
export const samePNCounter = (a: PNCounter, b: PNCounter): boolean => sameGCounter(a.inc, b.inc) && sameGCounter(a.dec, b.dec);
/** The CRDT order: `a ≤ b` when every entry of both halves is at most `b`'s. */
export const pnAtMost = (a: PNCounter, b: PNCounter): boolean => gCounterAtMost(a.inc, b.inc) && gCounterAtMost(a.dec, b.dec);

/** The G-Counter with zero entries left out and ids sorted: one normal form of each meaning. */
export function normalGCounter(g: GCounter): GCounter {
  return Object.fromEntries(idsOf(g).filter((id) => count(g, id) !== 0).map((id) => [id, count(g, id)]));
}

const bump = (g: GCounter, id: string): GCounter => normalGCounter({ ...g, [id]: count(g, id) + 1 });
const joinG = (a: GCounter, b: GCounter): GCounter => Object.fromEntries(idsOf(a, b).map((id) => [id, Math.max(count(a, id), count(b, id))]).filter(([, n]) => n !== 0));
const total = (g: GCounter): number => Object.values(g).reduce((s, n) => s + n, 0);

/** The reference PN-Counter: the harness's answers, in normal form. */
export const PN_REFERENCE = {
  increment: (c: PNCounter, replica: string): PNCounter => ({ inc: bump(c.inc, replica), dec: normalGCounter(c.dec) }),
  decrement: (c: PNCounter, replica: string): PNCounter => ({ inc: normalGCounter(c.inc), dec: bump(c.dec, replica) }),
  merge: (a: PNCounter, b: PNCounter): PNCounter => ({ inc: joinG(a.inc, b.inc), dec: joinG(a.dec, b.dec) }),
  value: (c: PNCounter): number => total(c.inc) - total(c.dec),
};

/** One counter op a replica has seen: the harness's record, never the learner's state. */
export interface CounterOp {
  readonly id: string;
  readonly kind: 'increment' | 'decrement';
}

/** The value a replica must show once it has seen exactly `ops`: increments minus decrements. */
export const expectedCount = (ops: readonly CounterOp[]): number => ops.reduce((n, op) => n + (op.kind === 'increment' ? 1 : -1), 0);

/** A G-Counter in words, ids sorted, zeros kept as given: `{n1: 2, n3: 0}`. */
export function showGCounter(g: GCounter): string {
  return `{${Object.keys(g).sort().map((id) => `${id}: ${g[id]}`).join(', ')}}`;
}

/** A PN-Counter in words: `inc {n1: 2} dec {}`. */
export function showPNCounter(c: PNCounter): string {
  return `inc ${showGCounter(c.inc)} dec ${showGCounter(c.dec)}`;
}
