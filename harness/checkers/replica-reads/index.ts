/**
 * Session-guarantee checkers over a history of user devices' operations, judged per user from the
 * harness's own records: read-your-writes across devices, reads that never go back in time, and
 * consistent prefix across shards against ground-truth causality.
 */
export { deviceName, shownReads, type SessionOp, type SessionRead, type SessionWrite } from './session-history.ts';
export { checkReadsYourWrites, newestOwnWrite } from './reads-your-writes.ts';
export { checkNeverBackInTime, newestShown } from './back-in-time.ts';
export { causalPredecessors, checkEverythingShowsUp, checkNoEffectBeforeCause, type ChatOp, type ChatRead, type ChatWrite } from './causal-prefix.ts';
