/**
 * The sharded chat of consistent-prefix (design §F.2): static-leadership shard groups whose followers
 * answer reads of their applied prefix, and chat sessions that carry their dependencies.
 */
export { runShardedChat, SHARDED_TIMING, type ChatHistoryOp, type ChatStop, type ShardedRun, type ShardedScenario } from './run.ts';
export { createChatSession, type ChatCallRecord, type ChatOpSpec, type ChatPolicy } from './chat-session.ts';
export { addShardGroup, majorityFlushed } from './shard-group.ts';
export { shardLeader, shardMembers, type ChatPayload, type ShardedMessage } from './messages.ts';
