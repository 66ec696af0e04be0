/**
 * The multi-leader cluster: leaders with their own clients replicating over a topology (circular,
 * star, all-to-all), on reliable FIFO links routed by learner code (`fifo-once`).
 */
export { runMultiLeader, leaderIds, clientOf } from './run.ts';
export type { MultiLeaderScenario, MultiLeaderRun, MultiLeaderStop, MultiLeaderOptions, LeaderFinal, DeliveryMode } from './run.ts';
export type { LogEntry, Buffered } from './fifo-leader.ts';
export { routingProblem } from './fifo-leader.ts';
export type { TopologyHooks } from './hooks.ts';
export { referenceTopologyHooks, referenceRoute, referenceCanApply, requiredSendTo } from './reference-hooks.ts';
export type { MultiLeaderMessage, Update, UpdateCopy, RowOp, OpKind, ClientWrite } from './messages.ts';
export { applyOp, resolveOp, showOp, type LikesTable } from './table.ts';
export { topologyLeaders, linksFrom, describeTopology, withoutLeader, sendToProblem } from './topology.ts';
export { describeStep, type ScriptedStep, type StepTrigger, type StepAction } from './steps.ts';
export { MULTI_LEADER_TIMING, type MultiLeaderTiming } from './timing.ts';
export type { ResolverHooks } from './hooks.ts';
export { referenceResolverHooks, referenceLastWriteWins, referenceMergeProfiles } from './reference-hooks.ts';
export { versionKey, sameVersion, stampedProblem, profileProblem, interestSet, sameProfile, referenceNextTimestamp } from './profile.ts';
export { CLOCK_BASE_MS, PROFILE_FIELDS, profileOp } from './resolver-leader.ts';
export type { ProfileChange } from './messages.ts';
