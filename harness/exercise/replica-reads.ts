/**
 * What the session proxy of the replication-lag exercises hands learner code about replicas: the
 * status it last heard from each member (a hint, never a promise) and a member's answer to a read.
 * Shared by read-your-writes and monotonic reads, whose sessions differ but whose replies do not.
 */

/** What the proxy last heard from a member: a hint, maybe further along by now or, after a restart, behind. */
export interface ReplicaStatus {
  id: string;
  /** 'leader' for the one member the proxy believes leads (none while it knows of none). */
  role: 'leader' | 'follower';
  /** It answered the proxy recently and no request to it has timed out since. */
  reachable: boolean;
  /** How far it had applied writes when it last told the proxy. */
  appliedLsn: number;
}

/** A member's answer to a read. */
export interface ReadReply {
  replica: string;
  role: 'leader' | 'follower';
  key: string;
  value: string | null;
  /** Position of the write that produced `value` (0: never written). */
  version: number;
  /** How far this member had applied writes when it answered. */
  appliedLsn: number;
}
