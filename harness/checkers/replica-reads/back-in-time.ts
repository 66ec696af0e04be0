/**
 * Monotonic reads per user: once a read showing version v of a key has completed, no read of the
 * same user invoked after that shows an older version of the key, from any replica or device. Reads
 * that overlap are not ordered, so neither owes the other anything.
 */
import { satisfied, violated, type Verdict } from '../verdict.ts';
import { deviceName, shownReads, type SessionOp, type SessionRead } from './session-history.ts';

/** The user's completed read of `key` before `t` that showed the highest version, or undefined. */
export function newestShown(history: readonly SessionOp[], user: string, key: string, t: number): SessionRead | undefined {
  let best: SessionRead | undefined;
  for (const r of shownReads(history))
    if (r.user === user && r.key === key && r.completedAt !== undefined && r.completedAt < t && (best === undefined || r.version! > best.version!)) best = r;
  return best;
}

/** No shown read goes back behind a version its user was already shown for that key. */
export function checkNeverBackInTime<P extends string>(property: P, history: readonly SessionOp[]): Verdict<P> {
  let judged = 0;
  for (const r of shownReads(history)) {
    const before = newestShown(history, r.user, r.key, r.invokedAt);
    if (before === undefined) continue;
    judged++;
    if (r.version! >= before.version!) continue;
    return violated(
      property,
      `a read of ${r.key} by ${deviceName(r)} started at t=${r.invokedAt} ms and returned version ${r.version}${r.replica ? ` from ${r.replica}` : ''} at t=${r.completedAt} ms, older than version ${before.version} it had been shown${before.replica ? ` by ${before.replica}` : ''} at t=${before.completedAt} ms: a user's reads must never go back in time.`,
      [
        { t: before.completedAt!, node: deviceName(before), what: `shown ${r.key} version ${before.version}` },
        { t: r.invokedAt, node: deviceName(r), what: `read of ${r.key} starts; it returns version ${r.version} at t=${r.completedAt} ms` },
      ],
    );
  }
  return satisfied(property, [], { judgedReads: judged });
}
