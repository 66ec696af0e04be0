/**
 * How a run of the replication-lag cluster is shown (design §D.7, §E.7): the users' devices first,
 * then the proxy (whose calls are the learner's) and the members. Puts and gets with their acks and
 * the version shown, each session call with its answer, reads to members with their applied
 * positions, restarts with the checkpoint they resumed from; replication, heartbeats and status
 * polls are routine.
 */
import type { SessionCallRecord, SessionRun } from '../../../cluster/index.ts';
import type { ReadReply, ReplicaStatus } from '../../../exercise/index.ts';
import { lanesOf, quiet, shown, type Presented, type Presenter } from '../../presenter.ts';
import { describeReplicas, show } from './describe.ts';

type Msg = { type: string } & Record<string, unknown>;

function messageLabel(m: Msg): Presented {
  switch (m.type) {
    case 'put':
      return shown(`put ${String(m.key)}=${String(m.value)}`);
    case 'put-ok':
      return shown(`ack at lsn ${String(m.lsn)}`);
    case 'get':
      return shown(`get ${String(m.key)}`);
    case 'get-ok':
      return shown(`shows ${String(m.key)} version ${String(m.version)} (from ${String(m.replica)})`);
    case 'get-fail':
      return shown(`unavailable: ${String(m.reason)}`);
    case 'read':
      return shown(`read ${String(m.key)}`);
    case 'read-ok':
      return shown(`${String(m.key)} version ${String(m.version)}, applied ${String(m.appliedLsn)} (${String(m.role)})`);
    case 'write':
      return shown(`write ${(m.write as { id: string }).id}`);
    case 'write-ok':
      return shown(`write-ok ${String(m.writeId)} at ${String(m.lsn)}`);
    case 'status':
      return quiet(`status applied ${String(m.appliedLsn)}`);
    case 'append':
      return quiet('append');
    default:
      return quiet(m.type);
  }
}

function callLabel(c: SessionCallRecord): Presented {
  if (c.problem !== undefined) return shown(`${c.fn}: no usable answer`);
  switch (c.fn) {
    case 'sessionKey':
      return shown(`sessionKey(${c.user}, ${c.device}) → ${show(c.answer)}`);
    case 'afterWrite':
    case 'afterRead': {
      const [, what] = c.args as [unknown, { key: string; lsn?: number; appliedLsn?: number }];
      const at = c.fn === 'afterWrite' ? `${what.key}@${what.lsn}` : `${what.key} applied ${what.appliedLsn}`;
      return shown(`${c.fn}(${at}) → ${show(c.answer)}`);
    }
    case 'chooseReplica':
      return shown(`${c.user}${c.device} session ${show(c.args[0])}: chooseReplica over ${describeReplicas(c.args[2] as ReplicaStatus[])} → ${show(c.answer)}`);
    case 'acceptsReply': {
      const r = c.args[1] as ReadReply;
      return shown(`acceptsReply(${r.replica} ${r.key} v${r.version} applied ${r.appliedLsn}) → ${show(c.answer)}`);
    }
  }
}

export const replicaReadsPresenter: Presenter<SessionRun> = {
  lanes: (run) => lanesOf([...Object.keys(run.scenario.devices).sort(), 'proxy', ...run.members]),
  message: (msg) => messageLabel(msg as Msg),
  note: (name, data) => {
    if (name === 'session-call') return callLabel(data as SessionCallRecord);
    if (name === 'resumed') return shown(`restarted from its checkpoint at ${(data as { checkpointLsn: number }).checkpointLsn}`);
    if (name === 'leader-belief') return shown(`proxy believes leader ${String((data as { leader: string | null }).leader)}`);
    if (name === 'serve' || name === 'accepted-epoch' || name === 'step-down') return quiet(name);
    return null;
  },
};
