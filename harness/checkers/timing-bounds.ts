/**
 * The liveness bounds of the failover cluster, spelled out from its published timing constants. A
 * liveness failure prints this arithmetic so a learner can redo it and see which step their
 * decisions stretched, rather than being told only "too slow".
 */
import { serveBoundMs, writeBoundMs, type FailoverTiming } from '../cluster/index.ts';

/** The published constants in plain words, one clause each. */
export function describePublishedTiming(t: FailoverTiming): string {
  return (
    `the coordinator sends a heartbeat every ${t.heartbeatIntervalMs} ms and starts a failover round after ${t.heartbeatTimeoutMs} ms ` +
    `without an answer; probe answers count only within ${t.probeDeadlineMs} ms; NewEpoch and Thaw are resent every ` +
    `${t.retransmitMs} ms; the leader replicates every ${t.replicationIntervalMs} ms; one-way latency is at most ${t.maxLatencyMs} ms; ` +
    `clocks drift by up to ${percent(t.maxDrift)}; a client retries an unanswered write after ${t.clientRetryMs} ms`
  );
}

/** How `serveBoundMs` is reached from the constants, ending with its value. */
export function explainServeBound(t: FailoverTiming): string {
  const detect = t.heartbeatTimeoutMs + t.heartbeatIntervalMs + t.probeDeadlineMs;
  const announce = t.retransmitMs + 2 * t.maxLatencyMs;
  const establish = t.replicationIntervalMs + 2 * t.maxLatencyMs;
  const stretched = Math.ceil((2 * detect + announce + establish) / (1 - t.maxDrift));
  const bound = serveBoundMs(t);
  // Spelled out only while it matches the cluster's formula: stale arithmetic would mislead.
  if (stretched + 4 * t.maxLatencyMs !== bound) return `the cluster's serve bound for these constants is ${bound} ms`;
  return (
    `noticing a failure takes up to ${t.heartbeatTimeoutMs} + ${t.heartbeatIntervalMs} + ${t.probeDeadlineMs} = ${detect} ms, and twice ` +
    `that is allowed because a round already under way when recovery began may find no majority; announcing the new epoch ` +
    `takes ${t.retransmitMs} + 2 × ${t.maxLatencyMs} = ${announce} ms and establishing it ${t.replicationIntervalMs} + 2 × ${t.maxLatencyMs} = ` +
    `${establish} ms; stretched by the slowest clock, (2 × ${detect} + ${announce} + ${establish}) / (1 − ${t.maxDrift}) rounds up to ` +
    `${stretched} ms, plus 4 × ${t.maxLatencyMs} ms of latency: ${bound} ms`
  );
}

/** How `writeBoundMs` is reached from the constants, ending with its value. */
export function explainWriteBound(t: FailoverTiming): string {
  const stretched = Math.ceil((t.clientRetryMs + 2 * t.replicationIntervalMs) / (1 - t.maxDrift));
  const bound = writeBoundMs(t);
  if (stretched + 8 * t.maxLatencyMs !== bound) return `the cluster's write bound for these constants is ${bound} ms`;
  return (
    `a write may need a client retry and two replication rounds: (${t.clientRetryMs} + 2 × ${t.replicationIntervalMs}) / ` +
    `(1 − ${t.maxDrift}) rounds up to ${stretched} ms, plus 8 × ${t.maxLatencyMs} ms of latency: ${bound} ms`
  );
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10} %`;
}
