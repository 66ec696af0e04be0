/**
 * What the leader knows of each follower from its status reports (PostgreSQL's
 * pg_stat_replication): the newest report by (incarnation, seq), when it arrived, and whether the
 * follower has caught up since it last connected. Connected: a report within `standbyTimeoutMs`.
 * Streaming: connected, and some report since it connected showed `received` at or past the
 * leader's last position at that moment (`catchup` → `streaming`). All of it is volatile.
 */
import type { StandbyProgress } from '../../exercise/index.ts';
import type { StandbyStatus } from './standby-messages.ts';

interface Known {
  status: StandbyStatus;
  heardAt: number;
  caughtUp: boolean;
}

export class StandbyTracker {
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly followers: readonly string[],
    private readonly timeoutMs: number,
  ) {}

  report(from: string, status: StandbyStatus, now: number, leaderLsn: number): void {
    if (!this.followers.includes(from)) return;
    const k = this.known.get(from);
    if (k !== undefined && (status.incarnation < k.status.incarnation || (status.incarnation === k.status.incarnation && status.seq <= k.status.seq))) return;
    const reconnected = k === undefined || now - k.heardAt > this.timeoutMs;
    const caughtUp = (!reconnected && k.caughtUp) || status.received >= leaderLsn;
    const { incarnation, seq, received, flushed, applied } = status;
    this.known.set(from, { status: { incarnation, seq, received, flushed, applied }, heardAt: now, caughtUp });
  }

  view(now: number): StandbyProgress[] {
    return this.followers.map((id) => {
      const k = this.known.get(id);
      if (k === undefined) return { id, connected: false, streaming: false, received: 0, flushed: 0, applied: 0 };
      const connected = now - k.heardAt <= this.timeoutMs;
      return { id, connected, streaming: connected && k.caughtUp, received: k.status.received, flushed: k.status.flushed, applied: k.status.applied };
    });
  }
}
