/**
 * The key-value model of porcupine's kv histories: `get(k)` returns the key's string (`""` for a key
 * never written), `put(k, v)` replaces it, `append(k, v)` concatenates. Keys are independent, so the
 * checker partitions by key and the state is one key's string.
 */
import { misuse } from './history-input.ts';
import { hashString, type Model, type Operation } from './model.ts';

/** One client operation on a key-value store. */
export interface KeyValueOp {
  readonly client: string;
  readonly key: string;
  readonly op: 'get' | 'put' | 'append';
  /** `put` / `append`: the string written or appended. */
  readonly value?: string;
  /** `get`: the string returned. */
  readonly output?: string;
  readonly call: number;
  /** Absent (or `Infinity`) for an operation that never completed; such a `get` tells nothing. */
  readonly return?: number;
}

/** A key-value operation's input. */
export interface KeyValueInput {
  readonly key: string;
  readonly kind: 'get' | 'put' | 'append';
  readonly value: string;
}

/** The model itself: one key's string per part. */
export const keyValueModel: Model<KeyValueInput, string, string> = {
  name: 'key-value store',
  partition: (input) => input.key,
  init: () => '',
  step: (state, input, output) => {
    switch (input.kind) {
      case 'get':
        return output === state ? [state] : [];
      case 'put':
        return [input.value];
      case 'append':
        return [state + input.value];
    }
  },
  equal: (a, b) => a === b,
  hash: hashString,
  describeOperation: (input, output) => (input.kind === 'get' ? `get → ${JSON.stringify(output)}` : `${input.kind} ${JSON.stringify(input.value)}`),
  describeState: (state) => `the key holding ${JSON.stringify(state)}`,
  ignores: (op) => op.input.kind === 'get' && (op.return ?? Infinity) === Infinity,
};

/** The key-value history in the model's terms; throws (code `ERR_BAD_HISTORY`) on a malformed operation. */
export function keyValueOperations(history: readonly KeyValueOp[]): Operation<KeyValueInput, string>[] {
  return history.map((op, index) => {
    if (op.op !== 'get' && op.op !== 'put' && op.op !== 'append') throw misuse(`operation ${index}: op must be 'get', 'put' or 'append', got ${JSON.stringify(op.op)}`);
    if (op.op !== 'get' && typeof op.value !== 'string') throw misuse(`operation ${index}: a ${op.op} needs a string value, got ${JSON.stringify(op.value)}`);
    if (op.op === 'get' && op.return !== undefined && op.return !== Infinity && typeof op.output !== 'string') throw misuse(`operation ${index}: a completed get needs a string output, got ${JSON.stringify(op.output)}`);
    return {
      client: op.client,
      input: { key: op.key, kind: op.op, value: op.value ?? '' },
      output: op.output ?? '',
      call: op.call,
      ...(op.return !== undefined ? { return: op.return } : {}),
    };
  });
}
