/**
 * The published timing constants of the failover cluster. They are part of the exercise's manifest
 * entry and are printed with any liveness failure, so a learner can redo the arithmetic.
 */
export interface FailoverTiming {
  /** The leader sends the coordinator a heartbeat (a lease request) this often (leader's clock). */
  readonly heartbeatIntervalMs: number;
  /** No heartbeat from the leader for this long and the coordinator starts a failover round. */
  readonly heartbeatTimeoutMs: number;
  /**
   * A granted heartbeat lets the leader serve until this long after it sent it (its own clock). It is
   * shorter than the heartbeat timeout stretched by the worst drift, so an old leader has stopped
   * serving before the coordinator can even start the round that replaces it.
   */
  readonly leaseMs: number;
  /** Probe answers that arrive later than this do not count: the member is unreachable. */
  readonly probeDeadlineMs: number;
  /** NewEpoch and Thaw are sent again this often until acknowledged. */
  readonly retransmitMs: number;
  /** The leader sends its log and commit index to followers this often. */
  readonly replicationIntervalMs: number;
  /** The largest one-way network latency, including reordering delays. */
  readonly maxLatencyMs: number;
  /** The largest clock drift, as a ratio (0.05 = a clock up to 5 % slow or fast). */
  readonly maxDrift: number;
  /** A client resends an unanswered write after this long (client's clock). */
  readonly clientRetryMs: number;
}

export const DEFAULT_FAILOVER_TIMING: FailoverTiming = {
  heartbeatIntervalMs: 50,
  heartbeatTimeoutMs: 150,
  leaseMs: 120,
  probeDeadlineMs: 60,
  retransmitMs: 40,
  replicationIntervalMs: 25,
  maxLatencyMs: 10,
  maxDrift: 0.05,
  clientRetryMs: 60,
};

/**
 * How long after the start of the recovery phase some member must be serving. A failure may be
 * noticed only after a round that was already under way when recovery began (and found no majority)
 * has ended, so two detection cycles are allowed, each stretched by the slowest clock.
 */
export function serveBoundMs(t: FailoverTiming): number {
  const detect = t.heartbeatTimeoutMs + t.heartbeatIntervalMs + t.probeDeadlineMs;
  const announce = t.retransmitMs + 2 * t.maxLatencyMs;
  const establish = t.replicationIntervalMs + 2 * t.maxLatencyMs;
  return Math.ceil((2 * detect + announce + establish) / (1 - t.maxDrift)) + 4 * t.maxLatencyMs;
}

/** How long after a member starts serving a client write must be acknowledged. */
export function writeBoundMs(t: FailoverTiming): number {
  return Math.ceil((t.clientRetryMs + 2 * t.replicationIntervalMs) / (1 - t.maxDrift)) + 8 * t.maxLatencyMs;
}
