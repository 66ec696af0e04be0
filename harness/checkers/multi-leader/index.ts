/** Checkers of multi-leader runs: the harness's own record, and the topology-routing properties. */
export { multiLeaderRecord, showCounts } from './record.ts';
export type { MultiLeaderRecord, WrittenUpdate, Application, Enqueue, RouteCall, CanApplyCall } from './record.ts';
export { TOPOLOGY_PROPERTIES, checkTopologyRun } from './topology-properties.ts';
export type { TopologyPropertyName, TopologyVerdict } from './topology-properties.ts';
export { showStamp, showVersion, showProfile } from './profiles.ts';
export { CONFLICT_PROPERTIES, checkConflictRun, conflictRecord, follows } from './conflict-properties.ts';
export type { ConflictPropertyName, ConflictVerdict, ConflictRecord, StampedVersion, ResolverCall } from './conflict-properties.ts';
