/**
 * The register model: one read/write/compare-and-set register per key. Values are compared by their
 * JSON form, so `{a: 1}` written is `{a: 1}` read; the state is that form, a string, so states
 * compare and hash cheaply.
 */
import type { RegisterOp } from './register-history.ts';
import { hashString, type Model, type Operation } from './model.ts';
import { misuse } from './history-input.ts';
import { describe } from './stuck-explanation.ts';

/** A register operation's input, values encoded. */
export interface RegisterInput {
  readonly key: string;
  readonly kind: 'read' | 'write' | 'cas';
  readonly value: string;
  readonly expected: string;
}

/** `read`: the encoded value returned; `cas`: 'ok' | 'failed' | 'unknown'; `write`: ''. */
export type RegisterOutput = string;

const UNDEFINED = '\u0000undefined';

/** The register value as the search keeps it. */
export function encodeValue(v: unknown): string {
  return v === undefined ? UNDEFINED : JSON.stringify(v);
}

/** The inverse of `encodeValue`, for explanations. */
export function decodeValue(s: string): unknown {
  return s === UNDEFINED ? undefined : JSON.parse(s);
}

/** No next state: shared, since the search only reads it (failed steps are the common case). */
const NONE: readonly string[] = Object.freeze([]);

const show = (encoded: string): string => (encoded === UNDEFINED ? 'nothing' : encoded);

/** A register per key holding `initial` before the first write. */
export function registerModel(initial: unknown): Model<RegisterInput, RegisterOutput, string> {
  const init = encodeValue(initial);
  return {
    name: 'register',
    partition: (input) => input.key,
    init: () => init,
    step: (state, input, output) => {
      switch (input.kind) {
        case 'read':
          return output === state ? [state] : NONE;
        case 'write':
          return [input.value];
        case 'cas':
          if (output === 'ok') return state === input.expected ? [input.value] : NONE;
          if (output === 'failed') return state !== input.expected ? [state] : NONE;
          // Outcome unknown: if it takes effect at all, it swaps exactly when the register holds `expected`.
          return [state === input.expected ? input.value : state];
      }
    },
    equal: (a, b) => a === b,
    hash: hashString,
    describeOperation: (input, output) => {
      switch (input.kind) {
        case 'read':
          return `read → ${show(output)}`;
        case 'write':
          return `write ${show(input.value)}`;
        case 'cas':
          return `cas ${show(input.expected)}→${show(input.value)} ${output === 'ok' ? 'swapped' : output === 'failed' ? 'failed' : 'outcome unknown'}`;
      }
    },
    describeState: (state) => `the register holding ${state === UNDEFINED ? 'nothing (never written)' : state}`,
    ignores: (op) => op.input.kind === 'read' && (op.return ?? Infinity) === Infinity,
    refuteWithoutSearch: (ops) => {
      const culprit = readFromNowhere(ops, init);
      return culprit < 0 ? undefined : { op: culprit, why: 'returned a value that no write had even begun to write by the time the read returned' };
    },
  };
}

/**
 * The register history in the model's terms. Throws (a caller bug, code `ERR_BAD_HISTORY`) on a
 * malformed operation.
 */
export function registerOperations(history: readonly RegisterOp[]): Operation<RegisterInput, RegisterOutput>[] {
  // One object shape for every operation keeps the search's property reads monomorphic.
  return history.map((op, index) => {
    let input: RegisterInput;
    let output: RegisterOutput;
    switch (op.op) {
      case 'read':
        input = { key: op.key, kind: 'read', value: '', expected: '' };
        output = encodeValue(op.output);
        break;
      case 'write':
        input = { key: op.key, kind: 'write', value: encodeValue(op.value), expected: '' };
        output = '';
        break;
      case 'cas': {
        const ret = op.return ?? Infinity;
        const cas = ret === Infinity || op.output === undefined ? 'unknown' : op.output === true ? 'ok' : op.output === false ? 'failed' : undefined;
        if (cas === undefined) throw misuse(`operation ${index}: a cas output is true, false or absent, got ${JSON.stringify(op.output)}`);
        input = { key: op.key, kind: 'cas', value: encodeValue(op.value), expected: encodeValue(op.expected) };
        output = cas;
        break;
      }
      default:
        throw misuse(`operation ${index}: op must be 'read', 'write' or 'cas', got ${JSON.stringify((op as { op: unknown }).op)}`);
    }
    return { client: op.client, input, output, call: op.call, return: op.return ?? Infinity };
  });
}

/** One operation in words, e.g. `c2 read → 3 (t=10–25)`. */
export function describeOp(op: RegisterOp): string {
  return describe(describer, registerOperations([op])[0]!);
}

/** Descriptions do not depend on the initial value. */
const describer = registerModel(undefined);

/** A completed read whose value is neither the initial one nor written by any operation invoked before it returned (its position, or -1). */
function readFromNowhere(ops: readonly Operation<RegisterInput, RegisterOutput>[], initial: string): number {
  const firstWrite = new Map<string, number>();
  for (const op of ops) if (op.input.kind !== 'read') firstWrite.set(op.input.value, Math.min(firstWrite.get(op.input.value) ?? Infinity, op.call));
  return ops.findIndex((op) => op.input.kind === 'read' && op.output !== initial && !((firstWrite.get(op.output) ?? Infinity) <= (op.return ?? Infinity)));
}
