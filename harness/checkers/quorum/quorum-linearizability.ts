/**
 * Linearizability of a leaderless run: the run's reads and writes become a register history (one
 * register per key) for the linearizability checker. Quorums with r + w > n promise no stale read
 * after an acknowledged write (P1), but not linearizability: a read can see a write still in flight
 * on one replica, and a later read can miss it. This names such a pair when it finds one.
 */
import type { ReadRecord, WriteRecord } from '../../cluster/index.ts';
import { plainVersioned, READER } from '../../cluster/index.ts';
import { checkLinearizability, type LinearizabilityVerdict, type RegisterOp } from '../linearizability/index.ts';

/** The register value of a store key: the version and the value written with it (version 0: never written). */
export interface StoreRegisterValue {
  readonly version: number;
  readonly value: unknown;
}

/** What the history is built from. */
export interface StoreHistoryLike {
  readonly reads: readonly ReadRecord[];
  readonly writes: readonly WriteRecord[];
}

/** Every store key holds this before its first write. */
export const NEVER_WRITTEN: StoreRegisterValue = Object.freeze({ version: 0, value: undefined });

const registerValue = (version: number, value: unknown): StoreRegisterValue => ({ version, value });

/**
 * The run as a register history, in true simulated time. A write that never reached w acks (given up
 * or still running) has no return: it may have taken effect at any time after its call, or never.
 * Reads that rejected or never settled tell nothing and are left out; so are returned values that are
 * not `{ value, version }` (the no-invented-value check reports those).
 */
export function storeRegisterHistory(run: StoreHistoryLike): RegisterOp[] {
  const history: RegisterOp[] = [];
  for (const w of run.writes) {
    history.push({ client: w.client, key: w.key, op: 'write', value: registerValue(w.version, w.value), call: w.invokedAt, ...(w.ackedAt !== undefined ? { return: w.ackedAt } : {}) });
  }
  for (const r of run.reads) {
    const v = r.outcome?.kind === 'returned' ? plainVersioned(r.outcome.value) : undefined;
    if (v === undefined || r.endedAt === undefined) continue;
    history.push({ client: READER, key: r.key, op: 'read', output: registerValue(v.version, v.value), call: r.invokedAt, return: r.endedAt });
  }
  return history;
}

/** A read that returned an older version than a read which had ended before it began. */
export interface BackInTime {
  readonly earlier: ReadRecord;
  readonly later: ReadRecord;
  readonly earlierVersion: number;
  readonly laterVersion: number;
  /** e.g. "read #7 of k2 (t=617–625 ms) returned version 17, after read #5 of k2 had already returned version 21 at t=540 ms". */
  readonly text: string;
}

/** The checker's verdict on a run, and one read that went back in time, when there is one. */
export interface StoreLinearizability {
  readonly verdict: LinearizabilityVerdict;
  readonly example?: BackInTime;
}

/** Budget of the search per run, in explored states (never wall time). Store runs need a few hundred. */
export const STORE_LINEARIZABILITY_BUDGET = 200_000;

/** Runs the linearizability checker on a store run. */
export function checkStoreLinearizability(run: StoreHistoryLike, budget = STORE_LINEARIZABILITY_BUDGET): StoreLinearizability {
  const verdict = checkLinearizability(storeRegisterHistory(run), { budget, initial: NEVER_WRITTEN });
  if (verdict.outcome !== 'not-linearizable') return { verdict };
  const example = wentBackInTime(run, verdict.counterexample.key);
  return example === undefined ? { verdict } : { verdict, example };
}

/**
 * A read of `key` that returned an older version than a read which had ended before it began: the
 * plainest way quorum reads are not linearizable. Preferred: a pair whose older version was
 * acknowledged before the newer version's write was invoked, so no order of the writes explains it.
 */
function wentBackInTime(run: StoreHistoryLike, key: string): BackInTime | undefined {
  const returned = run.reads.flatMap((r) => {
    const v = r.outcome?.kind === 'returned' ? plainVersioned(r.outcome.value) : undefined;
    return v !== undefined && r.endedAt !== undefined && r.key === key ? [{ r, version: v.version, endedAt: r.endedAt }] : [];
  });
  const writeOf = new Map(run.writes.filter((w) => w.key === key).map((w) => [w.version, w]));
  const ordered = (older: number, newer: number): boolean => {
    const acked = writeOf.get(older)?.ackedAt;
    const invoked = writeOf.get(newer)?.invokedAt;
    return older === 0 || (acked !== undefined && invoked !== undefined && acked < invoked);
  };
  const pairs = returned.flatMap((later) => returned.filter((e) => e.endedAt < later.r.invokedAt && e.version > later.version).map((earlier) => ({ earlier, later })));
  const pair = pairs.find((p) => ordered(p.later.version, p.earlier.version)) ?? pairs[0];
  if (pair === undefined) return undefined;
  const { earlier, later } = pair;
  const text =
    `read #${later.r.no} of ${key} (t=${later.r.invokedAt}–${later.endedAt} ms) returned version ${later.version}, ` +
    `after read #${earlier.r.no} of ${key} had already returned version ${earlier.version} at t=${earlier.endedAt} ms`;
  return { earlier: earlier.r, later: later.r, earlierVersion: earlier.version, laterVersion: later.version, text };
}
