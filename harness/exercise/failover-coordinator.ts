/** What the coordinator learned about one voting member in its last probe round. */
export interface MemberView {
  /** "n1", "n2", … */
  id: string;
  /** Answered the probe before the probe deadline. */
  reachable: boolean;
  /** Epoch of its last durable log entry (0 for an empty log). */
  lastEpoch: number;
  /** Position of its last durable log entry. */
  lastLsn: number;
  /** Highest epoch it has accepted. */
  epoch: number;
}

/** Everything the failover coordinator knows when it must decide. */
export interface FailoverView {
  /** Every voting member, the suspected leader included. */
  members: MemberView[];
  /** The leader that stopped answering heartbeats. */
  suspectedLeader: string;
  /** The epoch the suspected leader was elected in. */
  epoch: number;
}

/** Whether failing over now is safe, and if not, why. */
export type SafetyVerdict = { safe: true } | { safe: false; reason: string };

/** The coordinator's choice: who leads next, and in which epoch. */
export interface Election {
  leader: string;
  epoch: number;
}
