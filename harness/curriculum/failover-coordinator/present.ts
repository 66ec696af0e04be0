/**
 * How a failover run is shown: the coordinator's lane first, then the members (clients follow in a
 * diagram). The coordinator's rounds and messages, who served when and truncations are labelled;
 * heartbeats, replication traffic, client writes and commits are routine (quiet).
 */
import type { ClusterMessage, DecisionRecord, FailoverRun } from '../../cluster/index.ts';
import { lanesOf, type Presented, type Presenter } from '../presenter.ts';

export const failoverPresenter: Presenter<FailoverRun> = {
  lanes: (run) => lanesOf(['coordinator', ...run.members]),
  message: (msg) => messageLabel(msg as ClusterMessage),
  note: noteLabel,
};

const shown = (label: string): Presented => ({ label, quiet: false });
const quiet = (label: string): Presented => ({ label, quiet: true });

function messageLabel(m: ClusterMessage): Presented {
  switch (m.type) {
    case 'probe':
      return shown(`probe (round ${m.round}, suspect ${m.suspected})`);
    case 'probe-reply':
      return shown(`probe reply r${m.round}: epoch ${m.epoch}, log ${m.lastEpoch}:${m.lastLsn}`);
    case 'new-epoch':
      return shown(`NewEpoch r${m.round}: epoch ${m.epoch}, leader ${m.leader}`);
    case 'thaw':
      return shown(`thaw r${m.round}`);
    case 'new-epoch-ack':
      return quiet(`ack epoch ${m.epoch}`);
    case 'write':
      return quiet(`write ${m.write.id}`);
    case 'write-ok':
      return quiet(`ok ${m.writeId} (lsn ${m.lsn})`);
    default:
      return quiet(m.type);
  }
}

function noteLabel(name: string, data: unknown): Presented | null {
  const d = data as Record<string, unknown>;
  switch (name) {
    case 'round-start':
      return shown(`round ${d.round}: ${d.suspected} stopped answering heartbeats`);
    case 'decision': {
      const r = data as DecisionRecord;
      if (r.problem !== undefined) return shown(`round ${r.round}: no usable decision (${r.problem})`);
      if (r.election !== undefined) return shown(`round ${r.round}: you decided safe, elect ${r.election.leader} in epoch ${r.election.epoch}`);
      return shown(`round ${r.round}: you decided unsafe${r.verdict && !r.verdict.safe && r.verdict.reason ? ` (${r.verdict.reason})` : ''}`);
    }
    case 'serve':
      return shown(`serves epoch ${d.epoch} (log up to lsn ${d.lastLsn})`);
    case 'step-down':
      return shown(d.reason === 'lease expired' ? `stops serving epoch ${d.epoch}: its lease expired` : `steps down from epoch ${d.epoch} (saw epoch ${d.newerEpoch})`);
    case 'accepted-epoch':
      return shown(`accepts epoch ${d.epoch}, leader ${d.leader}`);
    case 'truncate': {
      const dropped = d.dropped as unknown[];
      return shown(`deletes ${dropped.length} entr${dropped.length === 1 ? 'y' : 'ies'} from lsn ${d.fromLsn}${Number(d.committedDropped) > 0 ? ` (${d.committedDropped} committed!)` : ''}`);
    }
    case 'commit':
      return quiet(`commits lsn ${d.lsn} (epoch ${d.epoch}, ${d.write ?? 'no-op'})`);
    default:
      return null;
  }
}
