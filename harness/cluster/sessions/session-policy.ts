/**
 * What the proxy asks about sessions: the hooks an exercise backs with learner calls (read-your-
 * writes asks sessionKey, afterWrite, chooseReplica and acceptsReply; monotonic reads keys sessions
 * by user and asks afterRead). Replica hints and replies have the learner API's shapes.
 */
import type { ReadReply, ReplicaStatus } from '../../exercise/index.ts';
import type { HookCall, HookOutcome } from '../hook.ts';

/** A read as the proxy routes it: its key, and the user's home follower when the exercise has homes. */
export interface RoutedRead {
  readonly user: string;
  readonly device: string;
  readonly key: string;
  readonly home?: string;
}

export interface SessionPolicy {
  /** Where a session starts (a plain JSON value, e.g. `{ writtenLsn: 0 }`). */
  readonly start: unknown;
  /** The key this device's session is kept under; asked once per device and run. */
  sessionKey(user: string, device: string, call: HookCall): Promise<HookOutcome<unknown>>;
  /** A write of this session was acknowledged at `lsn`: the session to keep. */
  afterWrite?(session: unknown, write: { readonly key: string; readonly lsn: number }, call: HookCall): Promise<HookOutcome<unknown>>;
  /** This reply was accepted and is about to be shown: the session to keep. */
  afterRead?(session: unknown, reply: ReadReply, call: HookCall): Promise<HookOutcome<unknown>>;
  /** An offered member's id, or null to wait `retryBackoffMs`. */
  chooseReplica(session: unknown, read: RoutedRead, replicas: readonly ReplicaStatus[], call: HookCall): Promise<HookOutcome<unknown>>;
  /** Whether the reply may be shown. */
  acceptsReply(session: unknown, reply: ReadReply, call: HookCall): Promise<HookOutcome<unknown>>;
}

/** One policy call as the trace records it (note `session-call`): what it was asked and answered. */
export interface SessionCallRecord {
  readonly fn: 'sessionKey' | 'afterWrite' | 'afterRead' | 'chooseReplica' | 'acceptsReply';
  readonly user: string;
  readonly device: string;
  /** The session key in use (absent for sessionKey itself). */
  readonly sessionKey?: string;
  readonly args: readonly unknown[];
  readonly answer?: unknown;
  readonly problem?: string;
}
