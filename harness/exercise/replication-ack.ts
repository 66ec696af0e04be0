/** How far one follower has got, as the leader last heard it (PostgreSQL's write / flush / replay positions). */
export interface StandbyProgress {
  id: string;
  /** A status report from it arrived within the published standby timeout. */
  connected: boolean;
  /** Connected, and caught up once since it connected (PostgreSQL's `streaming`, not `catchup`). Only streaming standbys can be synchronous. */
  streaming: boolean;
  /** Highest position received, in memory: a crash of the follower loses what it has not flushed. */
  received: number;
  /** Highest position on its disk. */
  flushed: number;
  /** Highest position applied: its readers see every write up to here. */
  applied: number;
}

/** What an acknowledgement waits for on the synchronous standbys: nothing ('local', the leader's disk only), received, flushed ('remote_flush' is PostgreSQL's `on`), applied. */
export type AckLevel = 'local' | 'remote_write' | 'remote_flush' | 'remote_apply';

/** Which followers are synchronous. */
export interface SyncStandbys {
  /** 'first': the `count` streaming standbys earliest in `names` (priority). 'any': any `count` streaming standbys in `names` (quorum commit). */
  method: 'first' | 'any';
  /** 1 ≤ count ≤ names.length; ignored when `names` is empty. */
  count: number;
  /** Candidate followers, highest priority first; never the leader, no duplicates. Empty: asynchronous. */
  names: readonly string[];
}

export interface AckPolicy {
  level: AckLevel;
  sync: SyncStandbys;
}

export interface AckView {
  /** The leader's last position; every entry up to here is on its disk. */
  leaderLsn: number;
  /** Every follower, named or not, in member order. Not heard from since the leader started: not connected, not streaming, positions 0. */
  standbys: readonly StandbyProgress[];
}

/** Where the members run: ≤ 1 ms apart within a site, 8–10 ms between sites. */
export interface Deployment {
  leader: string;
  members: readonly { id: string; site: string }[];
}

/** What the operators need; the needs given are always satisfiable together. */
export interface Needs {
  /** Acknowledged writes must survive losing this for good while every other member loses power at the same moment. */
  survive: 'nothing' | 'leader' | 'leader-site';
  /** Writes must still be acknowledged while this is down. */
  writableWithout: 'nothing' | 'one-follower' | 'one-remote-site';
  /** While all members are up, no acknowledgement waits for another site. */
  ackInSite: boolean;
  /** Once a write is acknowledged, a read on any follower sees it. */
  readsSeeAcked: boolean;
}
