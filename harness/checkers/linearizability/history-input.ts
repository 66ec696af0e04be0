/**
 * Checks on the history a caller hands the checker: a malformed history is a caller bug, refused at
 * once with a stable code, never judged.
 */
import { harnessError } from '../../errors.ts';

/** A caller bug in the history or the options (code `ERR_BAD_HISTORY`). */
export function misuse(message: string): Error {
  return harnessError('ERR_BAD_HISTORY', `checkLinearizability: ${message}`, RangeError);
}

/** The operation's return time, `Infinity` if it never returned; throws on impossible times. */
export function resolvedReturn(op: { readonly call: number; readonly return?: number }, index: number): number {
  const ret = op.return ?? Infinity;
  if (!Number.isFinite(op.call)) throw misuse(`operation ${index}: call must be a finite time, got ${op.call}`);
  if (!(ret >= op.call)) throw misuse(`operation ${index}: returns at ${ret}, before its call at ${op.call}`);
  return ret;
}
