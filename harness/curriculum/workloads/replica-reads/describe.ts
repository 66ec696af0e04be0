/**
 * Words for what the session proxy shows learner code, shared by the read-your-writes and
 * monotonic-reads checks: replica hints as a compact table (`n1 L 14`, `n2 f 12 ✗`), replies, and the
 * one shape every `chooseReplica` answer must have (an offered id, or null to wait).
 */
import type { ReadReply, ReplicaStatus } from '../../../exercise/index.ts';

/** Any value as JSON, or its string when it has none. */
export function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** `n1 L 14` = the believed leader at 14; `n2 f 12` = a reachable follower; `✗` = unreachable. */
export function describeReplica(r: ReplicaStatus): string {
  return `${r.id} ${r.role === 'leader' ? 'L' : 'f'} ${r.appliedLsn}${r.reachable ? '' : ' ✗'}`;
}

export function describeReplicas(replicas: readonly ReplicaStatus[]): string {
  return replicas.length === 0 ? '[] (nothing offered)' : `[${replicas.map(describeReplica).join(', ')}]`;
}

/** A reply in a line: replica, role, key, version and applied position. */
export function describeReply(r: ReadReply): string {
  return `{ replica ${r.replica} (${r.role}), key ${r.key}, value ${show(r.value)}, version ${r.version}, appliedLsn ${r.appliedLsn} }`;
}

/** Why `answer` is no `chooseReplica` answer at all (neither an offered id nor null), or null. */
export function offeredChoiceProblem(answer: unknown, replicas: readonly ReplicaStatus[]): string | null {
  if (answer === null) return null;
  if (typeof answer === 'string' && replicas.some((r) => r.id === answer)) return null;
  const ids = replicas.map((r) => r.id).join(', ') || 'none';
  return typeof answer === 'string'
    ? `chooseReplica returned "${answer}", which is not among the offered replicas (${ids})`
    : `chooseReplica must return the id of an offered replica or null, got ${show(answer)}`;
}

/** Whether `v` is a plain JSON-like object (what a session may be). */
export function isSessionObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A follower, reachable unless `down`. */
export const follower = (id: string, appliedLsn: number, down = false): ReplicaStatus => ({ id, role: 'follower', reachable: !down, appliedLsn });
/** The believed leader (always reachable: the proxy believes in a leader only while it hears from it). */
export const leader = (id: string, appliedLsn: number): ReplicaStatus => ({ id, role: 'leader', reachable: true, appliedLsn });
