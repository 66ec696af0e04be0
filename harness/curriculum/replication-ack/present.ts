/**
 * How a replication-ack run is shown: the leader's lane first, then the followers and the client.
 * Each ack decision is labelled with the view it saw and the answer; the disaster's crashes show as
 * faults; replication, status reports, flushes and applies are routine (quiet) unless pointed at.
 */
import { lanesOf, quiet, shown, type Presented, type Presenter } from '../presenter.ts';
import type { AckDecisionRecord, StandbyMessage, StandbyRun } from '../../cluster/index.ts';
import { describeView } from './reference.ts';

export const ackPresenter: Presenter<StandbyRun> = {
  lanes: (run) => lanesOf([...run.members, 'c1']),
  message: (msg) => messageLabel(msg as StandbyMessage),
  note: noteLabel,
};

function messageLabel(m: StandbyMessage): Presented {
  switch (m.type) {
    case 'append':
      return quiet(m.entries.length === 0 ? 'append (nothing new)' : `append lsn ${m.entries[0]!.lsn}–${m.entries.at(-1)!.lsn}`);
    case 'append-reply':
      return quiet(`received ${m.receivedLsn}, flushed ${m.flushedLsn}`);
    case 'standby-status':
      return quiet(`status: received ${m.received}, flushed ${m.flushed}, applied ${m.applied}`);
    case 'write':
      return quiet(`write ${m.write.id}`);
    case 'write-ok':
      return quiet(`ok ${m.writeId} (lsn ${m.lsn})`);
    default:
      return quiet(m.type);
  }
}

function noteLabel(name: string, data: unknown): Presented | null {
  switch (name) {
    case 'ack-decision': {
      const r = data as AckDecisionRecord;
      if (r.problem !== undefined) return shown(`no usable ack decision (${r.problem})`);
      return shown(`ackPosition → ${r.unclamped ?? r.answer}${r.unclamped !== undefined ? ` (above the leader's ${r.view.leaderLsn})` : ''}, ack point ${r.ackPoint}; view: ${describeView(r.view)}`);
    }
    case 'ack': {
      const d = data as { write: string; lsn: number };
      return quiet(`acknowledges ${d.write} (lsn ${d.lsn})`);
    }
    case 'flushed':
      return quiet(`flushed to ${(data as { lsn: number }).lsn}`);
    case 'applied':
      return quiet(`applied to ${(data as { lsn: number }).lsn}`);
    default:
      return null;
  }
}
