/**
 * Which parts of a failover run a learner should see: the coordinator's rounds and messages, who
 * served when, truncations and faults. Heartbeats, replication traffic and client writes are left
 * out (hundreds of them), except commits a verdict points at.
 */
import type { ClusterMessage, FailoverRun } from '../../cluster/index.ts';
import { buildTimeline, type Timeline, type TimelineFocus } from '../timeline.ts';
import type { DecisionRecord } from '../../cluster/index.ts';

const MAX_ENTRIES = 60;

export function failoverTimeline(run: FailoverRun, focus: readonly TimelineFocus[]): Timeline {
  const focused = (t: number, node: string): boolean => focus.some((f) => f.t === t && f.node === node);
  let noteAt = { t: -1, node: '' };
  return buildTimeline(
    (function* () {
      for (const e of run.trace) {
        if (e.kind === 'note') noteAt = { t: e.t, node: e.node };
        yield e;
      }
    })(),
    {
      lanes: ['coordinator', ...run.members],
      focus,
      maxEntries: MAX_ENTRIES,
      message: (msg) => messageLabel(msg as ClusterMessage),
      note: (name, data) => noteLabel(name, data, focused(noteAt.t, noteAt.node)),
    },
  );
}

function messageLabel(m: ClusterMessage): string | null {
  switch (m.type) {
    case 'probe':
      return `probe (round ${m.round}, suspect ${m.suspected})`;
    case 'probe-reply':
      return `probe reply r${m.round}: epoch ${m.epoch}, log ${m.lastEpoch}:${m.lastLsn}`;
    case 'new-epoch':
      return `NewEpoch r${m.round}: epoch ${m.epoch}, leader ${m.leader}`;
    case 'thaw':
      return `thaw r${m.round}`;
    default:
      return null;
  }
}

function noteLabel(name: string, data: unknown, focused: boolean): string | null {
  const d = data as Record<string, unknown>;
  switch (name) {
    case 'round-start':
      return `round ${d.round}: ${d.suspected} stopped answering heartbeats`;
    case 'decision': {
      const r = data as DecisionRecord;
      if (r.problem !== undefined) return `round ${r.round}: no usable decision (${r.problem})`;
      if (r.election !== undefined) return `round ${r.round}: you decided safe, elect ${r.election.leader} in epoch ${r.election.epoch}`;
      return `round ${r.round}: you decided unsafe${r.verdict && !r.verdict.safe && r.verdict.reason ? ` (${r.verdict.reason})` : ''}`;
    }
    case 'serve':
      return `serves epoch ${d.epoch} (log up to lsn ${d.lastLsn})`;
    case 'step-down':
      return d.reason === 'lease expired' ? `stops serving epoch ${d.epoch}: its lease expired` : `steps down from epoch ${d.epoch} (saw epoch ${d.newerEpoch})`;
    case 'accepted-epoch':
      return `accepts epoch ${d.epoch}, leader ${d.leader}`;
    case 'truncate': {
      const dropped = d.dropped as unknown[];
      return `deletes ${dropped.length} entr${dropped.length === 1 ? 'y' : 'ies'} from lsn ${d.fromLsn}${Number(d.committedDropped) > 0 ? ` (${d.committedDropped} committed!)` : ''}`;
    }
    case 'commit':
      return focused ? `commits lsn ${d.lsn} (epoch ${d.epoch}, ${d.write ?? 'no-op'})` : null;
    default:
      return null;
  }
}
