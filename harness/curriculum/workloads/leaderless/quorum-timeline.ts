/**
 * Which parts of a leaderless run a learner should see for one verdict: the reads and writes it
 * names, their messages (gets, replies, repairs, puts, acks), and every fault. The hundreds of other
 * reads and writes are left out. The words are the leaderless presenter's.
 */
import { READER, type LeaderlessMessage, type LeaderlessRun, type ReadRecord, type WriteRecord } from '../../../cluster/index.ts';
import type { TraceEvent } from '../../../sim/index.ts';
import { buildTimeline, type Timeline, type TimelineFocus } from '../../timeline.ts';
import { leaderlessPresenter } from './present.ts';

const MAX_ENTRIES = 60;

export interface TimelineSubject {
  readonly reads: readonly ReadRecord[];
  readonly writes: readonly WriteRecord[];
}

export function quorumTimeline(run: LeaderlessRun, subject: TimelineSubject, focus: readonly TimelineFocus[]): Timeline {
  // Requests the reader sent while a subject read ran, and the replies to exactly those.
  const windows = subject.reads.map((r) => ({ from: r.invokedAt, to: r.endedAt ?? r.invokedAt }));
  const inRead = (t: number): boolean => windows.some((w) => t >= w.from && t <= w.to);
  const requests = new Set<number>();
  const writeKeys = new Set(subject.writes.map((w) => `${w.key}@${w.version}`));
  const readNos = new Set(subject.reads.map((r) => r.no));
  const wanted = (e: TraceEvent): boolean => {
    switch (e.kind) {
      case 'send': {
        const m = e.msg as LeaderlessMessage;
        if (e.from === READER && (m.type === 'get' || m.type === 'repair') && inRead(e.t)) {
          requests.add(m.req);
          return true;
        }
        if (e.to === READER && (m.type === 'get-ok' || m.type === 'repair-ok')) return requests.has(m.req);
        if (m.type === 'put' || m.type === 'put-ok') return writeKeys.has(`${m.key}@${m.version}`);
        return false;
      }
      case 'note': {
        const d = e.data as { no?: number; key?: string; version?: number };
        if (e.name === 'read-start' || e.name === 'read-end') return readNos.has(d.no ?? -1);
        if (e.name === 'write-acked' || e.name === 'write-gave-up') return writeKeys.has(`${d.key}@${d.version}`);
        return e.name === 'hint-stored' || e.name === 'handoff-sent' || e.name === 'hint-removed';
      }
      default:
        return true;
    }
  };
  return buildTimeline(
    (function* () {
      for (const e of run.trace) if (wanted(e)) yield e;
    })(),
    { lanes: leaderlessPresenter.lanes(run), presenter: leaderlessPresenter, focus, maxEntries: MAX_ENTRIES },
  );
}
