/**
 * The CRDT gossip cluster (`state` delivery, DDIA 6.1): replicas of one state-based CRDT, backed by
 * learner code, pushing whole states to linked peers over any topology under duplication,
 * reordering, partitions and crashes, with the harness's own record of what each replica has seen.
 */
export { runGossip, GOSSIP_TIMING } from './run.ts';
export type { GossipScenario, GossipRun, GossipStop, GossipReplicaFinal } from './run.ts';
export type { GossipCrdt, OpCall } from './crdt.ts';
export type { GossipMessage, GossipWrite, KnownOp } from './messages.ts';
export { MAX_STATE_ENTRIES } from './replica.ts';
export { describeGossipStep, type GossipStep, type GossipCondition, type GossipStepAction } from './steps.ts';
