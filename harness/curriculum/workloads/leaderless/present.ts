/**
 * How a leaderless-store run is shown (the quorum-reader and sloppy-quorum exercises): the reader's
 * lane first, then the replicas, then the writers. Reads, replies, repairs, puts, acks and hand-offs
 * are labelled; anti-entropy syncs are routine (quiet). Repairs and hand-offs that were due and never
 * sent are named too.
 */
import { READER, type LeaderlessMessage, type LeaderlessRun } from '../../../cluster/index.ts';
import { lanesOf, type Presented, type Presenter } from '../../presenter.ts';
import { missingLeaderlessMessages } from './missing.ts';

export const leaderlessPresenter: Presenter<LeaderlessRun> = {
  lanes: (run) => lanesOf([READER, ...run.replicas, ...run.clients.filter((c) => c !== READER)]),
  message: (msg) => messageLabel(msg as LeaderlessMessage),
  note: noteLabel,
  missing: missingLeaderlessMessages,
};

const shown = (label: string): Presented => ({ label, quiet: false });

function messageLabel(m: LeaderlessMessage): Presented {
  switch (m.type) {
    case 'get':
      return shown(`read ${m.key}`);
    case 'get-ok':
      return shown(`${m.key} is version ${m.version}${m.version > 0 ? ` (${String(m.value)})` : ''}`);
    case 'repair':
      return shown(`repair ${m.key} to version ${m.version}`);
    case 'repair-ok':
      return shown(`repaired ${m.key}`);
    case 'put':
      return shown(`put ${m.key} version ${m.version}${m.hintFor ? ` (hint for ${m.hintFor})` : ''}`);
    case 'put-ok':
      return shown(`ack ${m.key} version ${m.version}`);
    case 'handoff':
      return shown(`hand off ${m.key} version ${m.version}`);
    case 'handoff-ok':
      return shown(`hand-off ack ${m.key} version ${m.version}`);
    case 'sync':
      return { label: 'sync', quiet: true };
  }
}

function noteLabel(name: string, data: unknown): Presented | null {
  const d = data as Record<string, unknown>;
  switch (name) {
    case 'read-start':
      return shown(`read #${d.no} of ${d.key} starts`);
    case 'read-end':
      return shown(d.outcome === 'returned' && d.version !== undefined ? `read #${d.no} returns version ${d.version}` : `read #${d.no} ends: ${String(d.outcome)}`);
    case 'write-acked':
      return shown(`write ${d.key} version ${d.version} acknowledged (acks: ${(d.credited as string[]).join(', ')})`);
    case 'write-gave-up':
      return shown(`write ${d.key} version ${d.version} gave up (acks: ${(d.credited as string[]).join(', ') || 'none'})`);
    case 'hint-stored':
      return shown(`stores a hint: ${d.key} version ${d.version} for ${d.hintFor}`);
    case 'hint-removed':
      return shown(`drops the hint ${d.key} version ${d.version} for ${d.hintFor}`);
    case 'handoff-sent':
      return shown(`hands ${d.key} version ${d.version} to ${d.to}`);
    default:
      return null;
  }
}
