/**
 * Read-your-writes across devices: a read shows, for its key, at least the newest write of the same
 * user to that key whose acknowledgement reached any of the user's devices before the read began.
 * Writes acknowledged later, or still in flight, are not owed: the user could not know of them.
 */
import { satisfied, violated, type Verdict } from '../verdict.ts';
import { deviceName, shownReads, type SessionOp, type SessionWrite } from './session-history.ts';

/** The user's newest acknowledged write to `key` that completed before `t`, or undefined. */
export function newestOwnWrite(history: readonly SessionOp[], user: string, key: string, t: number): SessionWrite | undefined {
  let best: SessionWrite | undefined;
  for (const o of history)
    if (o.kind === 'write' && o.user === user && o.key === key && o.lsn !== undefined && o.completedAt !== undefined && o.completedAt < t)
      if (best === undefined || o.lsn > best.lsn!) best = o;
  return best;
}

/** Every shown read has a version at least the reader's own newest acknowledged write of its key. */
export function checkReadsYourWrites<P extends string>(property: P, history: readonly SessionOp[]): Verdict<P> {
  let judged = 0;
  for (const r of shownReads(history)) {
    const w = newestOwnWrite(history, r.user, r.key, r.invokedAt);
    if (w === undefined) continue;
    judged++;
    if (r.version! >= w.lsn!) continue;
    const shown = r.version === 0 ? 'no value at all (version 0)' : `the version written at lsn ${r.version}`;
    return violated(
      property,
      `a read of ${r.key} by ${deviceName(r)} started at t=${r.invokedAt} ms and returned ${shown}${r.replica ? ` from ${r.replica}` : ''} at t=${r.completedAt} ms, although ${r.user}'s write of ${r.key} at lsn ${w.lsn} had been acknowledged to ${deviceName(w)} at t=${w.completedAt} ms: a user must see their own acknowledged writes, from every one of their devices.`,
      [
        { t: w.completedAt!, node: deviceName(w), what: `ack of ${r.key} at lsn ${w.lsn}` },
        { t: r.invokedAt, node: deviceName(r), what: `read of ${r.key} starts; it returns version ${r.version} at t=${r.completedAt} ms` },
      ],
    );
  }
  return satisfied(property, [], { judgedReads: judged });
}
