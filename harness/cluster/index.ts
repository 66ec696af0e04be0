/**
 * Reference replication protocols, built on the simulator's public API only.
 */
export { runFailoverCluster, recoveryPhaseMs, memberIds, COORDINATOR } from './single-leader/run.ts';
export type { FailoverScenario, FailoverRun, ClusterOptions, MemberFinal } from './single-leader/run.ts';
export type { FailoverDecider, DeciderOutcome, DecisionRecord } from './single-leader/coordinator.ts';
export type { ClusterMessage, Entry, Write, ReplicationMode } from './single-leader/messages.ts';
export { DEFAULT_FAILOVER_TIMING, serveBoundMs, writeBoundMs, type FailoverTiming } from './single-leader/timing.ts';
