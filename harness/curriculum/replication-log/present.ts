/**
 * How a replication-log run is shown: the leader's lane, the followers, the clients. Each logging
 * decision shows the statement and its record; the first diverging apply and every repeated trigger
 * effect are marked; shipping and acks are routine.
 */
import type { TablesMessage, TablesRun } from '../../cluster/index.ts';
import type { LeaderExecution, Statement } from '../../exercise/index.ts';
import { lanesOf, quiet, shown, type Presented, type Presenter } from '../presenter.ts';
import { describeRecord, describeStatement } from './reference.ts';

export const logPresenter: Presenter<TablesRun> = {
  lanes: (run) => lanesOf([...run.members, ...run.scenario.clients.map((_, i) => `c${i + 1}`)]),
  message: (msg) => messageLabel(msg as TablesMessage),
  note: noteLabel,
};

function messageLabel(m: TablesMessage): Presented {
  switch (m.type) {
    case 'exec':
      return quiet(`${m.id}: ${describeStatement(m.statement)}`);
    case 'exec-ok':
      return quiet(`ok ${m.id}${m.insertId !== undefined ? ` (id ${m.insertId})` : ''}`);
    case 'exec-failed':
      return quiet(`failed ${m.id}: ${m.reason}`);
    case 'log-append':
      return quiet(m.entries.length === 0 ? 'log (nothing new)' : `log ${m.entries[0]!.lsn}–${m.entries.at(-1)!.lsn}`);
    case 'log-ack':
      return quiet(`applied ${m.lsn}`);
  }
}

function noteLabel(name: string, data: unknown): Presented | null {
  const d = data as Record<string, unknown>;
  switch (name) {
    case 'log-decision': {
      const statement = describeStatement(d.statement as Statement);
      const leader = d.leader as LeaderExecution;
      if (d.problem !== undefined) return shown(`${statement}: no usable record (${String(d.problem)})`);
      return shown(`${statement} at clock ${leader.timestamp}${leader.insertId !== undefined ? `, id ${leader.insertId}` : ''} → ${describeRecord(d.record)}`);
    }
    case 'applied':
      return quiet(`applies record ${String(d.lsn)} (${String(d.format)})`);
    case 'executed':
      return quiet(`executes ${String(d.statementId)} as record ${String(d.lsn)}`);
    case 'effect':
      return shown(`trigger acts outside the database (${String(d.count)}×) for record ${String(d.lsn)}`);
    case 'replay-failed':
      return shown(`replaying record ${String(d.lsn)} failed: ${String(d.reason)}`);
    default:
      return null;
  }
}
