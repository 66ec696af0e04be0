/** Per shard, a position in that shard's log. A shard not listed counts as 0. */
export type ShardPositions = Readonly<Record<string, number>>;

/** An entry whose writer had seen `deps` when writing it. Its own shard's position in `deps`, if listed, is below `lsn`: a writer cannot have seen its own entry before writing it. */
export interface DependentEntry {
  lsn: number;
  deps: ShardPositions;
}

/** One replica's answer for a shard: its log up to `appliedLsn`, and every entry in it whose deps name another shard at a position > 0. */
export interface ShardReply {
  shard: string;
  appliedLsn: number;
  dependents: readonly DependentEntry[];
}
