/**
 * A porcupine-style linearizability checker for read/write/compare-and-set registers.
 */
export { checkLinearizability, DEFAULT_LINEARIZABILITY_BUDGET } from './check-linearizability.ts';
export { describeOp as describeRegisterOp } from './register-model.ts';
export type { RegisterOp, LinearizabilityOptions, LinearizabilityVerdict, LinearizabilityCounterexample } from './register-history.ts';
