/** Checkers of multi-leader runs: the harness's own record, and the topology-routing properties. */
export { multiLeaderRecord, showCounts } from './record.ts';
export type { MultiLeaderRecord, WrittenUpdate, Application, Enqueue, RouteCall, CanApplyCall } from './record.ts';
export { TOPOLOGY_PROPERTIES, checkTopologyRun } from './topology-properties.ts';
export type { TopologyPropertyName, TopologyVerdict } from './topology-properties.ts';
export { versionKey, sameVersion, showStamp, showVersion, stampedProblem, profileProblem, interestSet, sameProfile, showProfile, referenceLastWriteWins, referenceMergeProfiles, referenceNextTimestamp } from './profiles.ts';
