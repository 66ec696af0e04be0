/**
 * The sequential specification the checker compares against: one register with read, write and
 * compare-and-set. Values are compared by their JSON form, so `{a: 1}` written is `{a: 1}` read.
 */
import { harnessError } from '../../errors.ts';
import type { RegisterOp } from './register-history.ts';

/** A register operation prepared for the search: values encoded once, times resolved. */
export interface PreparedOp {
  /** Index in the history the caller gave. */
  readonly index: number;
  readonly kind: 'read' | 'write' | 'cas';
  readonly value: string;
  readonly expected: string;
  /** `read`: the encoded value returned; `cas`: 'ok' | 'failed' | 'unknown'. */
  readonly output: string;
  readonly call: number;
  /** `Infinity` for an operation that never completed. */
  readonly return: number;
}

const UNDEFINED = '\u0000undefined';

/** The register value as the search keeps it: a string, so states compare and hash cheaply. */
export function encodeValue(v: unknown): string {
  return v === undefined ? UNDEFINED : JSON.stringify(v);
}

/** The inverse of `encodeValue`, for explanations. */
export function decodeValue(s: string): unknown {
  return s === UNDEFINED ? undefined : JSON.parse(s);
}

/**
 * Prepares one history operation, or returns undefined for operations that carry no information
 * (a read that never completed). Throws (a caller bug) on a malformed operation.
 */
export function prepareOp(op: RegisterOp, index: number): PreparedOp | undefined {
  const ret = op.return ?? Infinity;
  if (!Number.isFinite(op.call)) throw misuse(`operation ${index}: call must be a finite time, got ${op.call}`);
  if (ret < op.call) throw misuse(`operation ${index}: returns at ${ret}, before its call at ${op.call}`);
  switch (op.op) {
    case 'read':
      if (ret === Infinity) return undefined;
      return { index, kind: 'read', value: '', expected: '', output: encodeValue(op.output), call: op.call, return: ret };
    case 'write':
      return { index, kind: 'write', value: encodeValue(op.value), expected: '', output: '', call: op.call, return: ret };
    case 'cas': {
      const output = ret === Infinity || op.output === undefined ? 'unknown' : op.output === true ? 'ok' : op.output === false ? 'failed' : undefined;
      if (output === undefined) throw misuse(`operation ${index}: a cas output is true, false or absent, got ${JSON.stringify(op.output)}`);
      return { index, kind: 'cas', value: encodeValue(op.value), expected: encodeValue(op.expected), output, call: op.call, return: ret };
    }
    default:
      throw misuse(`operation ${index}: op must be 'read', 'write' or 'cas', got ${JSON.stringify((op as { op: unknown }).op)}`);
  }
}

/** The register's value after `op` takes effect in `state`, or null if `op` could not have returned what it did. */
export function step(state: string, op: PreparedOp): string | null {
  switch (op.kind) {
    case 'read':
      return op.output === state ? state : null;
    case 'write':
      return op.value;
    case 'cas':
      if (op.output === 'ok') return state === op.expected ? op.value : null;
      if (op.output === 'failed') return state !== op.expected ? state : null;
      // Outcome unknown: if it takes effect at all, it swaps exactly when the register holds `expected`.
      return state === op.expected ? op.value : state;
  }
}

/** One operation in words, e.g. `c2 read → 3 (t=10–25)`. */
export function describeOp(op: RegisterOp): string {
  const when = `t=${op.call}–${op.return === undefined || op.return === Infinity ? '?' : op.return}`;
  const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));
  switch (op.op) {
    case 'read':
      return `${op.client} read → ${show(op.output)} (${when})`;
    case 'write':
      return `${op.client} write ${show(op.value)} (${when})`;
    case 'cas':
      return `${op.client} cas ${show(op.expected)}→${show(op.value)} ${op.output === true ? 'swapped' : op.output === false ? 'failed' : 'outcome unknown'} (${when})`;
  }
}

function misuse(message: string): Error {
  return harnessError('ERR_BAD_HISTORY', `checkLinearizability: ${message}`, RangeError);
}
