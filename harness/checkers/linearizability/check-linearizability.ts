/**
 * Is a history of register operations linearizable? Each key is a register of its own, and a history
 * is linearizable exactly when each key's part is (linearizability is compositional), so keys are
 * searched one at a time: far cheaper than one search over everything.
 */
import { harnessError } from '../../errors.ts';
import type { LinearizabilityOptions, LinearizabilityVerdict, RegisterOp } from './register-history.ts';
import { decodeValue, describeOp, encodeValue, prepareOp, type PreparedOp } from './register-model.ts';
import { searchKey } from './wing-gong-search.ts';

export const DEFAULT_LINEARIZABILITY_BUDGET = 1_000_000;

/**
 * Checks `history` against a read/write/cas register per key. The verdict is `linearizable`,
 * `not-linearizable` (with the furthest the search got and the operations it could not place), or
 * `unknown` once `options.budget` states have been explored: running out of budget is never a pass.
 * Throws (code `ERR_BAD_HISTORY`) on a malformed history.
 */
export function checkLinearizability(history: readonly RegisterOp[], options: LinearizabilityOptions = {}): LinearizabilityVerdict {
  const budget = options.budget ?? DEFAULT_LINEARIZABILITY_BUDGET;
  if (!(budget >= 0)) throw harnessError('ERR_INVALID_OPTION', `checkLinearizability: budget must be ≥ 0, got ${budget}`, RangeError);
  const initial = encodeValue(options.initial);
  const byKey = new Map<string, PreparedOp[]>();
  history.forEach((op, i) => {
    const prepared = prepareOp(op, i);
    if (prepared === undefined) return;
    const list = byKey.get(op.key);
    if (list === undefined) byKey.set(op.key, [prepared]);
    else list.push(prepared);
  });
  const keys = [...byKey.keys()].sort();
  let explored = 0;
  for (const key of keys) {
    // A read of a value nobody had started writing by the time it returned needs no search.
    const invented = readFromNowhere(byKey.get(key)!, initial);
    if (invented !== undefined) {
      const read = history[invented.index]!;
      return {
        outcome: 'not-linearizable',
        explanation: `key ${JSON.stringify(key)} is not linearizable: ${describeOp(read)} returned a value that no write had even begun to write by the time the read returned.`,
        explored,
        keys: keys.length,
        counterexample: { key, linearized: [], state: options.initial, stuck: [invented.index] },
      };
    }
    const result = searchKey(byKey.get(key)!, initial, budget - explored);
    explored += result.explored;
    switch (result.kind) {
      case 'linearizable':
        continue;
      case 'budget-exhausted':
        return {
          outcome: 'unknown',
          explanation: `unknown: the search explored its whole budget of ${budget} states (at key ${JSON.stringify(key)}) before reaching a verdict; this is not a pass`,
          explored,
          keys: keys.length,
          budget,
        };
      case 'not-linearizable': {
        const { order, state, stuck } = result.deepest;
        const blocked = history[stuck[0]!]!;
        const others = stuck.slice(1).map((i) => describeOp(history[i]!));
        const value = decodeValue(state);
        const explanation =
          `key ${JSON.stringify(key)} is not linearizable: no single order of its ${byKey.get(key)!.length} operations, each taking effect ` +
          `between its call and its return, agrees with one register. The search got furthest after placing ${order.length} operation${order.length === 1 ? '' : 's'}, ` +
          `with the register holding ${value === undefined ? 'nothing (never written)' : JSON.stringify(value)}; then ${describeOp(blocked)} had to take effect ` +
          `and could not${others.length > 0 ? `, whatever the order of the operations overlapping it (${others.join('; ')})` : ''}.`;
        return { outcome: 'not-linearizable', explanation, explored, keys: keys.length, counterexample: { key, linearized: order, state: value, stuck } };
      }
    }
  }
  return {
    outcome: 'linearizable',
    explanation: `linearizable: every one of the ${keys.length} key${keys.length === 1 ? '' : 's'} has an order of its operations that a single register explains (${explored} states explored)`,
    explored,
    keys: keys.length,
  };
}

/** A completed read whose value is neither the initial one nor written by any operation invoked before it returned. */
function readFromNowhere(ops: readonly PreparedOp[], initial: string): PreparedOp | undefined {
  const firstWrite = new Map<string, number>();
  for (const op of ops) if (op.kind !== 'read') firstWrite.set(op.value, Math.min(firstWrite.get(op.value) ?? Infinity, op.call));
  return ops.find((op) => op.kind === 'read' && op.output !== initial && !((firstWrite.get(op.output) ?? Infinity) <= op.return));
}
