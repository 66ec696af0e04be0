/**
 * Checkers: pure functions over a run's trace, history and final state that return verdicts
 * explaining themselves, one folder per workload (failover at the top level, `quorum/`,
 * `siblings/`, `linearizability/`). They judge a learner's code and the reference alike, and never
 * print.
 */
export { notJudged, satisfied, violated, type EventRef, type Property, type Verdict } from './verdict.ts';
export type { FailoverRunLike } from './run-shape.ts';
export { checkNoLostAckedWrite } from './no-lost-acked-write.ts';
export { checkOneLeaderPerEpoch } from './one-leader-per-epoch.ts';
export { checkCommittedPrefixAgreement } from './committed-prefix-agreement.ts';
export { checkLiveness } from './liveness.ts';
export { checkNoUnnecessaryFailover } from './no-unnecessary-failover.ts';
export { FAILOVER_PROPERTIES, checkFailoverRun, type FailoverPropertyName, type FailoverVerdict } from './failover-properties.ts';
export { firstDuplicate } from './first-duplicate.ts';
export { cartUnionProblem } from './cart-union.ts';
export { checkLinearizability, DEFAULT_LINEARIZABILITY_BUDGET, describeRegisterOp } from './linearizability/index.ts';
export type { RegisterOp, LinearizabilityOptions, LinearizabilityVerdict, LinearizabilityCounterexample } from './linearizability/index.ts';
export { QUORUM_PROPERTIES, checkQuorumRun, judgeRead, describeRead, repliesSeen, staleReads, HINT_PROPERTIES, checkHintRun } from './quorum/index.ts';
export { SIBLING_PROPERTIES, checkSiblingRun, callNotes, causalityOf } from './siblings/index.ts';
export type { SiblingPropertyName, SiblingVerdict, CallNote, Causality } from './siblings/index.ts';
export { storeRegisterHistory, checkStoreLinearizability, STORE_LINEARIZABILITY_BUDGET } from './quorum/index.ts';
export type { StoreLinearizability, StoreHistoryLike, BackInTime } from './quorum/index.ts';
export type { QuorumPropertyName, QuorumVerdict, ReadJudgement, QuorumRunLike, HintPropertyName, HintVerdict, HintRunLike } from './quorum/index.ts';
export { checkReadsYourWrites, checkNeverBackInTime, checkNoEffectBeforeCause, checkEverythingShowsUp, causalPredecessors, newestOwnWrite, newestShown, shownReads, deviceName } from './replica-reads/index.ts';
export type { SessionOp, SessionRead, SessionWrite, ChatOp, ChatRead, ChatWrite } from './replica-reads/index.ts';
export { multiLeaderRecord, showCounts, TOPOLOGY_PROPERTIES, checkTopologyRun } from './multi-leader/index.ts';
export type { MultiLeaderRecord, WrittenUpdate, Application, Enqueue, RouteCall, CanApplyCall, TopologyPropertyName, TopologyVerdict } from './multi-leader/index.ts';
export { gCounterProblem, pnCounterProblem, sameGCounter, gCounterAtMost, samePNCounter, pnAtMost, normalGCounter, PN_REFERENCE, expectedCount, showGCounter, showPNCounter } from './crdt/index.ts';
export type { CounterOp } from './crdt/index.ts';
export { orSetProblem, liveAdds, sameORSet, orSetDifference, orAtMost, liveElements, prunedORSet, keptORSet, OR_REFERENCE, expectedElements, duplicateEntries, showORSet } from './crdt/index.ts';
export type { SetOp } from './crdt/index.ts';
export { applyTextOp, applyTextOps, authoredOutcomes, sameAuthored, showAuthored, textOpProblem, allowedOutcomes, showTextOp, showTextOps, showAnswers, referenceTransform } from './text-edits/index.ts';
export type { AuthoredText } from './text-edits/index.ts';
export { GOSSIP_PROPERTIES, gossipRecord, checkGossipRun } from './crdt/index.ts';
export type { GossipPropertyName, GossipVerdict, GossipMeaning, GossipCall, GossipRecord } from './crdt/index.ts';
export { COLLAB_PROPERTIES, collabRecord, checkCollabRun } from './text-edits/index.ts';
export type { CollabPropertyName, CollabVerdict, CollabEdit, CollabCell, CollabRecord } from './text-edits/index.ts';
export { showStamp, showVersion, showProfile } from './multi-leader/index.ts';
export { CONFLICT_PROPERTIES, checkConflictRun, conflictRecord, follows } from './multi-leader/index.ts';
export type { ConflictPropertyName, ConflictVerdict, ConflictRecord, StampedVersion, ResolverCall } from './multi-leader/index.ts';
