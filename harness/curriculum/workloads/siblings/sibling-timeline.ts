/**
 * Which parts of a siblings-store run a learner should see: reads and writes with their contexts,
 * what each replica's calls returned, synchronisation that carried values, and faults.
 */
import { showClock, showSiblings, type SiblingMessage, type SiblingNote, type SiblingRun } from '../../../cluster/index.ts';
import { buildTimeline, type Timeline, type TimelineFocus } from '../../timeline.ts';

const MAX_ENTRIES = 60;

export function siblingTimeline(run: SiblingRun, focus: readonly TimelineFocus[]): Timeline {
  return buildTimeline(run.trace, {
    lanes: [...run.replicas, ...run.clients],
    focus,
    maxEntries: MAX_ENTRIES,
    message: (msg) => messageLabel(msg as SiblingMessage),
    note: (name, data) => (name === 'sibling-call' ? noteLabel(data as SiblingNote) : name === 'logic-problem' ? `no usable answer from ${(data as { fn: string }).fn}` : null),
  });
}

function messageLabel(m: SiblingMessage): string | null {
  switch (m.type) {
    case 'read':
      return 'read';
    case 'read-reply':
      return `read reply ${showSiblings(m.siblings)}, context ${showClock(m.context)}`;
    case 'write':
      return `write ${m.write}, context ${showClock(m.context)}`;
    case 'write-ack':
      return `ack ${m.write}`;
    case 'sync':
      return m.siblings.length === 0 ? null : `sync ${showSiblings(m.siblings)}`;
  }
}

function noteLabel(n: SiblingNote): string | null {
  switch (n.fn) {
    case 'applyWrite':
      return `applyWrite ${n.write} → ${showSiblings(n.after)}`;
    case 'mergeReplicas':
      return `mergeReplicas with ${n.from}'s ${showSiblings(n.received)} → ${showSiblings(n.after)}`;
    case 'readContext':
      return null;
  }
}
