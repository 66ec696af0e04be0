/** A key's replication parameters: n home replicas, w acks per write, r replies per read. */
export interface QuorumConfig {
  n: number;
  w: number;
  r: number;
}

/** Whether a configuration is usable, and if so whether every read quorum meets every write quorum. */
export type ConfigVerdict = { ok: true; overlapping: boolean } | { ok: false; reason: string };

/** What one replica holds for a key. Version 0 means never written (then `value` is undefined). */
export interface ReplicaValue<V> {
  value: V | undefined;
  version: number;
}

/** The n home replicas of the key being read, as the reader reaches them over the network. */
export interface ReplicaSet<V> {
  /** The n home replicas of the key, in preference-list order. */
  readonly ids: readonly string[];
  /** Asks one replica for its value; rejects when the replica does not answer in time. */
  read(id: string): Promise<ReplicaValue<V>>;
  /** Writes a newer value back to one replica (read repair); a replica keeps only versions higher than its own. */
  repair(id: string, newer: ReplicaValue<V>): Promise<void>;
}
