/**
 * How a follower-bootstrap run is shown: lanes n1, r1, r2 first, then the voting followers and the
 * clients. Batches show as `lsn 31–38`, snapshots with their position and transfer time, and each
 * learner call as a note `applyEntries(@30 {…}, lsn 28–40) → @40 {…}`; replication to the voting
 * followers, writes and polls are routine (quiet) unless pointed at.
 */
import { lanesOf, quiet, shown, type Presented, type Presenter } from '../presenter.ts';
import { CATCH_UP_CLIENTS, CATCH_UP_VOTERS, type CatchUpCallRecord, type CatchUpMessage, type CatchUpRun, type PersistedRecord } from '../../cluster/index.ts';
import { describeCall } from './properties.ts';
import { describeBatch, describeState } from './reference.ts';

export const bootstrapPresenter: Presenter<CatchUpRun> = {
  lanes: () => lanesOf(['n1', 'r1', 'r2', ...CATCH_UP_VOTERS, ...CATCH_UP_CLIENTS]),
  message: (msg) => messageLabel(msg as CatchUpMessage),
  note: noteLabel,
};

function messageLabel(m: CatchUpMessage): Presented {
  switch (m.type) {
    case 'entries':
      return m.entries.length === 0 ? quiet(`nothing new (commit ${m.commitLsn})`) : shown(`${m.req === 0 ? 'push' : 'entries'} ${describeBatch(m.entries)}`);
    case 'truncated':
      return shown(`truncated: oldest kept ${m.firstLsn}`);
    case 'snapshot':
      return shown(`snapshot@${m.snapshot.lsn} (transfer ${m.transferMs} ms)`);
    case 'fetch':
      return quiet(`fetch from ${m.fromLsn}`);
    case 'fetch-snapshot':
      return shown('fetch snapshot');
    case 'append':
      return quiet(m.entries.length === 0 ? 'append (nothing new)' : `append ${describeBatch(m.entries)}`);
    case 'append-ack':
      return quiet(`holds ${m.lsn}`);
    case 'write':
      return quiet(`write ${m.write.id}`);
  }
}

function noteLabel(name: string, data: unknown): Presented | null {
  switch (name) {
    case 'catch-up-call':
      return shown(describeCall(data as CatchUpCallRecord));
    case 'persisted': {
      const p = data as PersistedRecord;
      return quiet(`stores ${describeState(p)}`);
    }
    case 'snapshot-taken': {
      const d = data as { to: string; lsn: number; transferMs: number };
      return quiet(`snapshot@${d.lsn} for ${d.to}, ready in ${d.transferMs} ms`);
    }
    default:
      return null;
  }
}
