/**
 * The sharded chat cluster of consistent-prefix (design §F.2): each shard a static-leadership group
 * (`s1n1` leads shard s1 for good, `s1n2`, `s1n3` follow), messages written to a shard's leader as
 * log entries carrying their writer's `deps`, and reads of one replica per shard.
 */
import type { DependentEntry, ShardPositions } from '../../exercise/index.ts';
import type { StandbyMessage } from '../single-leader/standby-messages.ts';

/** What a chat message's log entry holds as its value (the entry's key is the message id). */
export interface ChatPayload {
  readonly author: string;
  readonly text: string;
  readonly deps: ShardPositions;
}

export type ShardedMessage =
  | StandbyMessage
  | { type: 'read-shard'; req: number }
  /** `ids[i]`: the message at lsn i + 1, up to `appliedLsn` (for the harness's record of what was shown). */
  | { type: 'shard-reply'; req: number; shard: string; appliedLsn: number; dependents: readonly DependentEntry[]; ids: readonly string[] };

/** The members of `shard`: its leader first. */
export const shardMembers = (shard: string, members: number): string[] => Array.from({ length: members }, (_, i) => `${shard}n${i + 1}`);
export const shardLeader = (shard: string): string => `${shard}n1`;
