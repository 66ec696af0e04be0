/**
 * How a multi-leader run is shown: a lane per leader, then the clients. Each leader's learner answers
 * are labelled (`route n1-3 → [n2]`, `n2-1 waits`, `ignores echo of n1-3`), as are applies, the ring
 * repair's catch-up and deliveries dropped on a closed link; link acks and enqueues are routine.
 */
import { describeTopology, showOp, type MultiLeaderMessage, type MultiLeaderRun, type Update } from '../../../cluster/index.ts';
import type { Routing } from '../../../exercise/index.ts';
import { lanesOf, type Presented, type Presenter } from '../../presenter.ts';

const shown = (label: string): Presented => ({ label, quiet: false });
const quiet = (label: string): Presented => ({ label, quiet: true });

export const multiLeaderPresenter: Presenter<MultiLeaderRun> = {
  lanes: (run) => lanesOf([...run.leaders, ...run.clients]),
  message: (msg) => messageLabel(msg as MultiLeaderMessage),
  note: (name, data) => noteLabel(name, data as Record<string, unknown>),
};

function messageLabel(m: MultiLeaderMessage): Presented {
  switch (m.type) {
    case 'write':
      return shown(`write ${m.write}`);
    case 'write-ack':
      return shown(`ack ${m.write}`);
    case 'link':
      return shown(m.entries.map((e) => `${e.payload.update.id} via [${e.payload.path.join(', ')}]`).join('; '));
    case 'link-ack':
      return quiet(`link ack ${m.upTo}`);
    case 'update':
      return shown(m.payload.kind === 'field' ? `${m.payload.version.write} ${m.payload.field}@${m.payload.version.timestamp}` : `interest ${m.payload.interest}`);
    case 'update-ack':
      return quiet(`update ack ${m.id}`);
    case 'state':
      return shown(`profile (${Object.keys(m.profile.fields).length} fields, ${m.profile.interests.length} interests)`);
  }
}

function noteLabel(name: string, d: Record<string, unknown>): Presented | null {
  switch (name) {
    case 'ml-write': {
      const u = d.update as Update;
      return shown(`writes ${u.id}: ${showOp(u.op)}`);
    }
    case 'ml-route': {
      const a = d.answer as Routing;
      return shown(`route ${d.update as string} → ${a.ignore ? 'ignore' : `[${a.sendTo.join(', ')}]`}`);
    }
    case 'ml-can-apply':
      return d.answer === true ? quiet(`canApply ${d.update as string}: yes`) : shown(`${d.update as string} waits (canApply false)`);
    case 'ml-apply':
      return shown(`apply ${d.update as string}: ${d.effect as string}`);
    case 'ml-ignore':
      return shown(`ignores echo of ${d.update as string}`);
    case 'ml-catch-up':
      return shown(`catch-up to ${d.to as string}: ${(d.updates as string[]).join(', ') || 'nothing'}`);
    case 'ml-dropped':
      return shown(`dropped: from ${d.from as string} (${(d.updates as string[]).join(', ')})`);
    case 'ml-repair':
      return shown(`ring repaired without ${d.removed as string}: ${describeTopology(d.topology as never)}`);
    case 'ml-enqueue':
      return quiet(`enqueue ${d.update as string} to ${d.to as string}`);
    default:
      return null;
  }
}
