/**
 * Quorum-read checkers: pure functions over a leaderless run's read and write records.
 */
export { QUORUM_PROPERTIES, HINT_PROPERTIES, type QuorumPropertyName, type QuorumVerdict, type HintPropertyName, type HintVerdict } from './quorum-properties.ts';
export { judgeRead, describeRead, repliesSeen, type ReadJudgement } from './read-judgement.ts';
export { checkQuorumRun, checkNoStaleRead, checkNoInventedValue, checkReadAvailability, checkReadRepair, staleReads, type QuorumRunLike } from './read-properties.ts';
export { checkHintRun, checkSloppyWriteAvailability, checkHintedWritesReachHome, checkHintsKeptUntilAck, type HintRunLike } from './hint-properties.ts';
export { storeRegisterHistory, checkStoreLinearizability, STORE_LINEARIZABILITY_BUDGET, NEVER_WRITTEN, type StoreLinearizability, type BackInTime, type StoreHistoryLike, type StoreRegisterValue } from './quorum-linearizability.ts';
