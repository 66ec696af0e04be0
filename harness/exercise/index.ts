/**
 * `ddia-workbook/exercise`: the only module exercise files import. It holds the shared types and the
 * errors learners throw. The harness recognises these errors by `name`, never by `instanceof`,
 * because learner code runs in another thread or process with its own copy of this module.
 */

export { NotImplementedError, QuorumError } from './errors.ts';
export type { MemberView, FailoverView, SafetyVerdict, Election } from './failover-coordinator.ts';
export type { VectorClock, Ordering } from './vector-clock.ts';
export type { Sibling } from './concurrent-writes.ts';
export type { QuorumConfig, ConfigVerdict, ReplicaValue, ReplicaSet } from './quorum-reader.ts';
export type { Target, Hint, HintStore } from './sloppy-quorum.ts';
export type { ReplicaStatus, ReadReply } from './replica-reads.ts';
export type { UserSession } from './read-your-writes.ts';
export type { ReadSession } from './monotonic-reads.ts';
export type { ShardPositions, DependentEntry, ShardReply } from './consistent-prefix.ts';
export type { StandbyProgress, AckLevel, SyncStandbys, AckPolicy, AckView, Deployment, Needs } from './replication-ack.ts';
export type { Topology, RouteInfo, Routing, UpdateDeps } from './topology-routing.ts';
export type { GCounter, PNCounter } from './crdt-counters.ts';
export type { TaggedAdd, ORSet } from './or-set.ts';
export type { TextOp } from './operational-transform.ts';
export type { Value, Expr, Condition, Statement, TableInfo, LeaderExecution, LogRecord } from './replication-log.ts';
export type { Stamped, Profile } from './conflict-resolution.ts';
export type { Operation, LogEntry, Snapshot, FollowerState, CatchUpRequest } from './follower-bootstrap.ts';
