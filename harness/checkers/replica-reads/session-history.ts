/**
 * What the session-guarantee checkers read: the operations of user devices as the harness recorded
 * them, in true time (never the learner's session state). Each device runs one operation at a time,
 * so per device the operations never overlap; a user's devices may.
 */

/** One put or get of one device, as the harness saw it invoked and answered. */
export type SessionOp = SessionWrite | SessionRead;

interface OpBase {
  /** The user the device belongs to: guarantees are judged per user, across their devices. */
  readonly user: string;
  readonly device: string;
  readonly key: string;
  readonly invokedAt: number;
  /** When the answer reached the device; absent when it never did. */
  readonly completedAt?: number;
}

export interface SessionWrite extends OpBase {
  readonly kind: 'write';
  /** The log position the write was acknowledged at; absent when it never was. */
  readonly lsn?: number;
}

export interface SessionRead extends OpBase {
  readonly kind: 'read';
  /** `ok`: a value was shown; `fail`: the proxy gave up; absent while it had no answer. */
  readonly outcome?: 'ok' | 'fail';
  /** Of an `ok` read: the position of the write that produced the value shown (0: never written). */
  readonly version?: number;
  /** Of an `ok` read: the replica that answered. */
  readonly replica?: string;
}

/** A device's name as the verdicts print it: `u1a` for user u1, device a. */
export const deviceName = (op: { user: string; device: string }): string => `${op.user}${op.device}`;

/** The reads that showed a value, in the order they were invoked. */
export function shownReads(history: readonly SessionOp[]): SessionRead[] {
  return history
    .filter((o): o is SessionRead => o.kind === 'read' && o.outcome === 'ok' && o.version !== undefined)
    .sort((a, b) => a.invokedAt - b.invokedAt);
}
