/**
 * Reference replication protocols, built on the simulator's public API only.
 */
export { runPhased, nodeIds } from './phased-run.ts';
export type { PhasedScenario, PhasedRun, PhasedOptions, PhasedWiring, RunHosting } from './phased-run.ts';
export { plannedRecovery, type PlannedRecovery } from './recovery-faults.ts';
export { runFailoverCluster, recoveryPhaseMs, memberIds, COORDINATOR } from './single-leader/run.ts';
export type { FailoverScenario, FailoverRun, ClusterOptions, MemberFinal } from './single-leader/run.ts';
export type { FailoverDecider, DecisionRecord } from './single-leader/coordinator.ts';
export type { ClusterMessage, Entry, Write, ReplicationMode } from './single-leader/messages.ts';
export type { SingleLeaderHooks, LeaderHooks, FollowerHooks, CommitView, FollowerPosition, AppendBatch, AppendResult, FollowerLog } from './single-leader/hooks.ts';
export { referenceSingleLeaderHooks, majorityCommit, semiSyncCommit, asyncCommit, matchLog } from './single-leader/reference-hooks.ts';
export { DEFAULT_FAILOVER_TIMING, serveBoundMs, writeBoundMs, type FailoverTiming } from './single-leader/timing.ts';
export { runSiblingStore, siblingReplicaIds, siblingClientIds, SIBLING_STORE_TIMING } from './siblings/run.ts';
export type { SiblingScenario, SiblingRun, SiblingStop, SiblingStoreOptions, SiblingReplicaFinal } from './siblings/run.ts';
export type { SiblingMessage, SiblingNote } from './siblings/messages.ts';
export { referenceSiblings, referenceSiblingLogic, clockBackedSiblingLogic } from './siblings/sibling-logic.ts';
export type { CartValue, CartSibling, SiblingLogic, ClockOps } from './siblings/sibling-logic.ts';
export { compareClocks, mergeClocks, incrementClock, coveredBy, clockProblem, showClock } from './siblings/version-vector.ts';
export { siblingsProblem, writeIds, sameSiblingSet, showSiblings } from './siblings/sibling-set.ts';
export { mergeCartItems } from './siblings/client.ts';
export { runLeaderlessStore, READER } from './leaderless/run.ts';
export type { LeaderlessScenario, LeaderlessOptions, LeaderlessRun, LeaderlessStop, StoreReplicaFinal } from './leaderless/run.ts';
export type { LeaderlessMessage, Versioned, StoredHint } from './leaderless/messages.ts';
export { DEFAULT_LEADERLESS_TIMING, type LeaderlessTiming } from './leaderless/timing.ts';
export { storeNodeIds, keyNames, preferenceList, homeReplicas } from './leaderless/preference.ts';
export { REPLICA_TIMEOUT_ERROR, plainVersioned, sameVersioned } from './leaderless/reader.ts';
export type { QuorumReader, ReadSession, ReadRequest, ReadOutcome, ReadRecord, ReplicaCall } from './leaderless/reader.ts';
export { referenceQuorumReader } from './leaderless/reference-reader.ts';
export { chooseTargets, hintsFor, dropAcked, referenceTargetPolicy, referenceHintPolicy } from './leaderless/reference-policies.ts';
export type { HintPolicy, HintStoreAccess } from './leaderless/replica.ts';
export type { TargetPolicy, WriteTarget, WriteRecord } from './leaderless/writer.ts';
export type { HookCall, HookOutcome } from './hook.ts';
export { runStandbyCluster, STANDBY_LEADER, TRIGGER_FALLBACK_MS, WARM_UP_MS } from './single-leader/standby-run.ts';
export type { StandbyScenario, StandbyRun, StandbyFinal, StandbyOptions, Disaster, TimedRecord } from './single-leader/standby-run.ts';
export type { AckDecider, AckDecisionRecord } from './single-leader/standby-leader.ts';
export type { StandbyMessage, StandbyStatus, StandbyTiming } from './single-leader/standby-messages.ts';
export { DEFAULT_STANDBY_TIMING } from './single-leader/standby-messages.ts';
export type { AppliedState, AppliedValue } from './single-leader/standby-follower.ts';
