/**
 * A porcupine-style linearizability checker with pluggable models: read/write/compare-and-set
 * registers and a get/put/append key-value store ship with it.
 */
export { checkLinearizability, checkKeyValueLinearizability } from './check-linearizability.ts';
export { checkOperations, DEFAULT_LINEARIZABILITY_BUDGET, type CheckOperationsOptions } from './check-operations.ts';
export { hashString, type Model, type Operation } from './model.ts';
export { describeOp as describeRegisterOp, registerModel, registerOperations, type RegisterInput, type RegisterOutput } from './register-model.ts';
export { keyValueModel, keyValueOperations, type KeyValueOp, type KeyValueInput } from './key-value-model.ts';
export type { RegisterOp } from './register-history.ts';
export type { LinearizabilityOptions, LinearizabilityVerdict, LinearizabilityCounterexample } from './verdict.ts';
