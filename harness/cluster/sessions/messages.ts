/**
 * The wire format around the session proxy (design §1.5): user devices talk to the proxy, the proxy
 * talks to the members. Member messages are the reads and statuses of design §1.4 beside the
 * single-leader cluster's client writes, so any member that answers them can sit behind the proxy.
 */
import type { ClusterMessage } from '../single-leader/messages.ts';

/** What a member says about itself: its applied position, its role and epoch as it believes them. */
export interface MemberStatus {
  readonly appliedLsn: number;
  readonly role: 'leader' | 'follower';
  readonly epoch: number;
}

export type MemberMessage =
  | Extract<ClusterMessage, { type: 'write' | 'write-ok' | 'redirect' | 'write-rejected' }>
  | { type: 'read'; req: number; key: string }
  | ({ type: 'read-ok'; req: number; key: string; value: string | null; version: number } & MemberStatus)
  | { type: 'status?' }
  | ({ type: 'status' } & MemberStatus);

export type DeviceMessage =
  | { type: 'put'; op: number; key: string; value: string }
  | { type: 'get'; op: number; key: string }
  | { type: 'put-ok'; op: number; lsn: number }
  | { type: 'get-ok'; op: number; key: string; value: string | null; version: number; replica: string }
  | { type: 'get-fail'; op: number; reason: string };

export type ProxyMessage = MemberMessage | DeviceMessage;

/** The proxy's published constants (design §D.2). */
export interface ProxyTiming {
  /** The proxy asks every member for its status this often. */
  readonly statusIntervalMs: number;
  /** A member heard from within this long, with no request timed out since, is reachable. */
  readonly reachableMs: number;
  /** A read request unanswered this long times out: the member is unreachable and excluded. */
  readonly attemptTimeoutMs: number;
  /** The wait before the next attempt after a rejection, a null answer or nothing to offer. */
  readonly retryBackoffMs: number;
  /** A write is resent to the believed leader this often until it is acknowledged. */
  readonly writeRetryMs: number;
}

export const DEFAULT_PROXY_TIMING: ProxyTiming = {
  statusIntervalMs: 30,
  reachableMs: 80,
  attemptTimeoutMs: 40,
  retryBackoffMs: 10,
  writeRetryMs: 60,
};

/** Attempts a read may take before it is unavailable: one per member, and three more. */
export const maxAttempts = (members: number): number => members + 3;

/**
 * How long a read may take at most, from the device's send to its answer (design §1.5): both
 * device legs, and every attempt's timeout and backoff on the proxy's drifting clock.
 */
export function readBoundMs(members: number, timing: ProxyTiming, maxLatencyMs: number, maxDrift: number): number {
  return 2 * maxLatencyMs + (maxAttempts(members) * (timing.attemptTimeoutMs + timing.retryBackoffMs)) / (1 - maxDrift);
}
