/**
 * Small hand-built failover runs for checker tests: a trace of protocol notes and faults, a client
 * history and the members' final state, without simulating anything. Each helper builds one kind of
 * event exactly as the single-leader cluster records it.
 */
import { DEFAULT_FAILOVER_TIMING, type DecisionRecord, type Entry, type MemberFinal } from '../../harness/cluster/index.ts';
import type { FailoverRunLike } from '../../harness/checkers/index.ts';
import type { Fault, HistoryOp, TraceEvent } from '../../harness/sim/index.ts';

/** A run with the default timing, recovery at t=1500ms and end at t=2800ms unless overridden. */
export function handBuiltRun(parts: Partial<FailoverRunLike>): FailoverRunLike {
  return {
    notes: [],
    history: [],
    final: [],
    timing: DEFAULT_FAILOVER_TIMING,
    recoveryStartsAt: 1500,
    endsAt: 2800,
    ...parts,
  };
}

export function note(t: number, node: string, name: string, data: unknown): TraceEvent {
  return { t, kind: 'note', node, name, data };
}

export function serve(t: number, node: string, epoch: number, writes: string[], lastLsn = writes.length + epoch): TraceEvent {
  return note(t, node, 'serve', { epoch, lastLsn, writes });
}

export function stepDown(t: number, node: string, epoch: number, newerEpoch: number): TraceEvent {
  return note(t, node, 'step-down', { epoch, newerEpoch });
}

export function commit(t: number, node: string, lsn: number, epoch: number, write: string | null): TraceEvent {
  return note(t, node, 'commit', { lsn, epoch, write });
}

export function fault(t: number, f: Fault): TraceEvent {
  return { t, kind: 'fault', fault: f };
}

export function roundStart(t: number, round: number, suspected: string, epoch: number): TraceEvent {
  return note(t, 'coordinator', 'round-start', { round, suspected, epoch });
}

/** A decision note whose view shows `reachable` members answering; the others are shown stale. */
export function decision(t: number, record: { round: number; suspected: string; epoch: number; reachable: string[]; election?: { leader: string; epoch: number } }): TraceEvent {
  const members = ['n1', 'n2', 'n3'].map((id) => ({ id, reachable: record.reachable.includes(id), epoch: record.epoch, lastEpoch: record.epoch, lastLsn: 10 }));
  const data: DecisionRecord = {
    round: record.round,
    view: { members, suspectedLeader: record.suspected, epoch: record.epoch },
    verdict: record.election === undefined ? { safe: false, reason: 'the leader answered' } : { safe: true },
    ...(record.election === undefined ? {} : { election: record.election }),
  };
  return note(t, 'coordinator', 'decision', data);
}

let nextOpId = 0;

/** A client write as the history records it; `ok` writes carry the acknowledging member and lsn. */
export function write(client: string, id: string, invokedAt: number, outcome: { ackedAt: number; by: string; lsn: number } | 'unknown'): HistoryOp {
  const input = { id, key: 'k1', value: id };
  if (outcome === 'unknown') return { id: nextOpId++, client, op: 'write', input, invokedAt, status: 'unknown' };
  return { id: nextOpId++, client, op: 'write', input, invokedAt, status: 'ok', completedAt: outcome.ackedAt, output: { lsn: outcome.lsn, by: outcome.by } };
}

/** A member's final state; `log` lists write ids (null for a no-op), all in `epoch`, from lsn 1. */
export function member(id: string, status: MemberFinal['status'], log: (string | null)[], commitIndex: number, epoch = 1): MemberFinal {
  const entries: Entry[] = log.map((w, i) => ({ epoch, lsn: i + 1, write: w === null ? null : { id: w, key: 'k1', value: w } }));
  return { id, status, log: entries, commit: commitIndex };
}
