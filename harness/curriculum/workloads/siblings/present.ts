/**
 * How a siblings-store run is shown (the concurrent-writes exercise and the vector-clock exercise's
 * integration check): replicas first, then clients. Reads and writes with their contexts, what each
 * replica's calls returned and syncs that carried values are labelled; empty syncs are routine.
 */
import { showClock, showSiblings, type SiblingMessage, type SiblingNote, type SiblingRun } from '../../../cluster/index.ts';
import { lanesOf, type Presented, type Presenter } from '../../presenter.ts';

export const siblingsPresenter: Presenter<SiblingRun> = {
  lanes: (run) => lanesOf([...run.replicas, ...run.clients]),
  message: (msg) => messageLabel(msg as SiblingMessage),
  note: (name, data) => (name === 'sibling-call' ? callLabel(data as SiblingNote) : name === 'logic-problem' ? shown(`no usable answer from ${(data as { fn: string }).fn}`) : null),
};

const shown = (label: string): Presented => ({ label, quiet: false });

function messageLabel(m: SiblingMessage): Presented {
  switch (m.type) {
    case 'read':
      return shown('read');
    case 'read-reply':
      return shown(`read reply ${showSiblings(m.siblings)}, context ${showClock(m.context)}`);
    case 'write':
      return shown(`write ${m.write}, context ${showClock(m.context)}`);
    case 'write-ack':
      return shown(`ack ${m.write}`);
    case 'sync':
      return m.siblings.length === 0 ? { label: 'sync (nothing to carry)', quiet: true } : shown(`sync ${showSiblings(m.siblings)}`);
  }
}

function callLabel(n: SiblingNote): Presented | null {
  switch (n.fn) {
    case 'applyWrite':
      return shown(`applyWrite ${n.write} → ${showSiblings(n.after)}`);
    case 'mergeReplicas':
      return shown(`mergeReplicas with ${n.from}'s ${showSiblings(n.received)} → ${showSiblings(n.after)}`);
    case 'readContext':
      return null;
  }
}
