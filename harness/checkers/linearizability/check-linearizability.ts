/**
 * The checker's entry points for the two models it ships: read/write/cas registers (what the
 * quorum exercises record) and porcupine's get/put/append key-value store.
 */
import { checkOperations } from './check-operations.ts';
import { keyValueModel, keyValueOperations, type KeyValueOp } from './key-value-model.ts';
import type { RegisterOp } from './register-history.ts';
import { decodeValue, registerModel, registerOperations } from './register-model.ts';
import type { LinearizabilityOptions, LinearizabilityVerdict } from './verdict.ts';

/**
 * Checks `history` against a read/write/cas register per key. The verdict is `linearizable`,
 * `not-linearizable` (with the furthest the search got, the operation it could not place and those
 * overlapping it), or `unknown` once a budget (`options.budget` over all keys, `options.keyBudget`
 * for one) has been explored: running out of budget is never a pass. Throws (code `ERR_BAD_HISTORY`)
 * on a malformed history.
 */
export function checkLinearizability(history: readonly RegisterOp[], options: LinearizabilityOptions = {}): LinearizabilityVerdict {
  const verdict = checkOperations(registerModel(options.initial), registerOperations(history), options);
  if (verdict.outcome !== 'not-linearizable') return verdict;
  // The search keeps the register's value encoded; callers get the value itself.
  return { ...verdict, counterexample: { ...verdict.counterexample, state: decodeValue(verdict.counterexample.state as string) } };
}

/** Checks `history` against a get/put/append key-value store (absent keys read `""`), key by key; verdicts as `checkLinearizability`. */
export function checkKeyValueLinearizability(history: readonly KeyValueOp[], options: Omit<LinearizabilityOptions, 'initial'> = {}): LinearizabilityVerdict {
  return checkOperations(keyValueModel, keyValueOperations(history), options);
}
