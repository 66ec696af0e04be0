/**
 * The harness's own answers for follower-bootstrap (design §B.1): the reference of each call, the
 * acceptable sets judges state their expectations from, and the words states and calls are shown in.
 * Each call has one acceptable answer, compared by content, except a new follower's first request,
 * which may also be a snapshot (a PostgreSQL standby starts from a base backup).
 */
import { applyOperation, sameData } from '../../cluster/index.ts';
import type { CatchUpRequest, FollowerState, LogEntry, Snapshot } from '../../exercise/index.ts';
import type { AcceptableSet } from '../expectation.ts';

export function specApplyEntries(state: FollowerState, entries: readonly LogEntry[]): FollowerState {
  let s = state;
  for (const e of entries) {
    if (e.lsn <= s.appliedLsn) continue;
    if (e.lsn !== s.appliedLsn + 1) break;
    s = { appliedLsn: e.lsn, data: applyOperation(s.data, e.operation) };
  }
  return s;
}

export function specInstallSnapshot(state: FollowerState, snapshot: Snapshot): FollowerState {
  return snapshot.lsn > state.appliedLsn ? { appliedLsn: snapshot.lsn, data: { ...snapshot.data } } : state;
}

/** Every acceptable request, the reference's first. */
export function specNextRequests(state: FollowerState, leaderFirstLsn: number | undefined): CatchUpRequest[] {
  if (leaderFirstLsn !== undefined && leaderFirstLsn > state.appliedLsn + 1) return [{ kind: 'snapshot' }];
  const entries: CatchUpRequest = { kind: 'entries', fromLsn: state.appliedLsn + 1 };
  return state.appliedLsn === 0 ? [entries, { kind: 'snapshot' }] : [entries];
}

export type StateQuestion =
  | { readonly fn: 'applyEntries'; readonly state: FollowerState; readonly entries: readonly LogEntry[] }
  | { readonly fn: 'installSnapshot'; readonly state: FollowerState; readonly snapshot: Snapshot };

export interface RequestQuestion {
  readonly state: FollowerState;
  readonly leaderFirstLsn?: number;
}

export function specState(q: StateQuestion): FollowerState {
  return q.fn === 'applyEntries' ? specApplyEntries(q.state, q.entries) : specInstallSnapshot(q.state, q.snapshot);
}

export function sameState(a: FollowerState, b: unknown): boolean {
  const s = b as Partial<FollowerState> | null;
  return typeof s === 'object' && s !== null && s.appliedLsn === a.appliedLsn && typeof s.data === 'object' && s.data !== null && sameData(a.data, s.data as Record<string, string>);
}

export const FOLLOWER_STATES: AcceptableSet<StateQuestion, unknown> = {
  name: 'follower states',
  accepts: (q, answer) => sameState(specState(q), answer),
};

export const CATCH_UP_REQUESTS: AcceptableSet<RequestQuestion, unknown> = {
  name: 'catch-up requests',
  accepts: (q, answer) => {
    const r = answer as Partial<{ kind: string; fromLsn: number }> | null;
    if (typeof r !== 'object' || r === null) return false;
    return specNextRequests(q.state, q.leaderFirstLsn).some((x) => x.kind === r.kind && (x.kind === 'snapshot' || x.fromLsn === r.fromLsn));
  },
};

/** `@5 {a:'xyz'}`: a position and its data; a value that is no string shows as itself (`b:undefined`, `b:3`), never quoted. */
export function describeState(s: FollowerState): string {
  const keys = Object.keys(s.data).sort();
  const value = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : v === undefined ? 'undefined' : show(v));
  return `@${s.appliedLsn} {${keys.map((k) => `${k}:${value(s.data[k])}`).join(', ')}}`;
}

/** A batch in a few words: `lsn 31–38`, `lsn 4`, `nothing`. */
export function describeBatch(entries: readonly LogEntry[]): string {
  if (entries.length === 0) return 'nothing';
  const lsns = entries.map((e) => e.lsn);
  const consecutive = lsns.every((l, i) => i === 0 || l === lsns[i - 1]! + 1);
  if (lsns.length === 1) return `lsn ${lsns[0]}`;
  return consecutive ? `lsn ${lsns[0]}–${lsns.at(-1)}` : `lsn ${lsns.join(', ')}`;
}

export function describeAnswer(answer: unknown): string {
  const s = answer as Partial<FollowerState> | null;
  if (typeof s === 'object' && s !== null && typeof s.appliedLsn === 'number' && typeof s.data === 'object' && s.data !== null) return describeState(s as FollowerState);
  return show(answer);
}

export function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
