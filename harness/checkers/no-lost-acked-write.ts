/**
 * No acknowledged write is lost: once a client is told its write succeeded, every leader that starts
 * serving afterwards holds it, and so does the committed log of every member still up at the end.
 */
import type { MemberFinal } from '../cluster/index.ts';
import { acknowledgedWrites, listIds, unansweredWriteIds, type AcknowledgedWrite } from './acknowledged-writes.ts';
import { serveNotes, truncateNotes, type ServeNote } from './protocol-notes.ts';
import type { FailoverRunLike } from './run-shape.ts';
import { freezesInEffect, missedEpoch } from './stalled-followers.ts';
import type { FailoverVerdict } from './failover-properties.ts';
import { satisfied, violated, type EventRef } from './verdict.ts';

const PROPERTY = 'no-lost-acked-write';

/**
 * Checks that every acknowledged write is in the log of each member that starts serving strictly
 * after the acknowledgement, and in the committed prefix of each member whose final status is 'up'.
 * Serving leaders are checked first because that is where a loss happens; the end-of-run check
 * catches a write truncated after a leader took over with it, and followers that never caught up.
 */
export function checkNoLostAckedWrite(run: FailoverRunLike): FailoverVerdict {
  const acked = acknowledgedWrites(run.history);
  const info = unansweredInfo(run.history);

  for (const serve of serveNotes(run.notes)) {
    const inLog = new Set(serve.writes);
    const missing = acked.filter((w) => w.ackedAt < serve.t && !inLog.has(w.id));
    const first = missing[0];
    if (first !== undefined) return lostAtServe(run, serve, first, missing.slice(1), info);
  }

  for (const member of run.final) {
    if (member.status !== 'up') continue;
    const committed = new Set(member.log.flatMap((e) => (e.lsn <= member.commit && e.write !== null ? [e.write.id] : [])));
    const missing = acked.filter((w) => !committed.has(w.id));
    const first = missing[0];
    if (first !== undefined) return lostAtEnd(run, member, first, missing.slice(1), info);
  }
  return satisfied(PROPERTY, info);
}

function lostAtServe(run: FailoverRunLike, serve: ServeNote, write: AcknowledgedWrite, others: AcknowledgedWrite[], info: string[]): FailoverVerdict {
  const dropped = truncateNotes(run.notes).find((n) => n.node === serve.node && n.index < serve.index && n.dropped.some((e) => e.write === write.id));
  const events: EventRef[] = [ackEvent(write)];
  let explanation =
    `write ${write.id} was acknowledged to ${write.client}${byWhom(write)} at t=${write.ackedAt}ms, but ${serve.node} started serving ` +
    `epoch ${serve.epoch} at t=${serve.t}ms without it in its log (${serve.lastLsn === 0 ? 'empty' : `lsn 1–${serve.lastLsn}`}): the write is lost.`;
  if (dropped !== undefined) {
    explanation += ` ${serve.node} had held it and dropped it at t=${dropped.t}ms, truncating its log from lsn ${dropped.fromLsn}.`;
    events.push({ t: dropped.t, node: dropped.node, what: `${dropped.node} truncates its log from lsn ${dropped.fromLsn}, dropping ${write.id}` });
  }
  if (others.length > 0) explanation += ` Its log also lacks ${others.length} other acknowledged write${others.length === 1 ? '' : 's'}: ${listIds(others.map((w) => w.id))}.`;
  events.push({ t: serve.t, node: serve.node, what: `${serve.node} starts serving epoch ${serve.epoch} without ${write.id}` });
  return violated(PROPERTY, explanation, events, info);
}

function lostAtEnd(run: FailoverRunLike, member: MemberFinal, write: AcknowledgedWrite, others: AcknowledgedWrite[], info: string[]): FailoverVerdict {
  const committedLog = member.commit === 0 ? 'committed log (empty)' : `committed log (lsn 1–${member.commit})`;
  const uncommitted = member.log.find((e) => e.write?.id === write.id);
  const where = uncommitted === undefined ? 'does not hold it' : `does not hold it: it sits at lsn ${uncommitted.lsn}, not yet committed`;
  let explanation =
    `write ${write.id} was acknowledged to ${write.client}${byWhom(write)} at t=${write.ackedAt}ms, but at the end of the run ` +
    `(t=${run.endsAt}ms) ${member.id}'s ${committedLog} ${where}.`;
  if (others.length > 0) explanation += ` It also lacks ${others.length} other acknowledged write${others.length === 1 ? '' : 's'}: ${listIds(others.map((w) => w.id))}.`;
  const events: EventRef[] = [ackEvent(write)];
  // A follower that stalled never catches up: a different story from a write that was truly dropped.
  const freeze = freezesInEffect(run.notes).find((f) => f.node === member.id);
  const behind = freeze === undefined ? missedEpoch(run.notes, member.id) : undefined;
  if (freeze !== undefined) {
    explanation +=
      ` ${member.id} was frozen by the probe of round ${freeze.round} at t=${freeze.t}ms and no thaw or new epoch is recorded for it ` +
      `afterwards, so it has refused replication since.`;
    events.push({ t: freeze.t, node: member.id, what: `${member.id} is frozen by round ${freeze.round}'s probe, never thawed` });
  } else if (behind !== undefined) {
    explanation +=
      ` ${member.id} never accepted epoch ${behind.epoch}, which ${behind.leader} serves (its newest accepted epoch is ${behind.acceptedEpoch}), ` +
      `so it refuses ${behind.leader}'s replication.`;
  }
  events.push({ t: run.endsAt, node: member.id, what: `end of run: ${member.id} has committed lsn 1–${member.commit} without ${write.id}` });
  return violated(PROPERTY, explanation, events, info);
}

function ackEvent(write: AcknowledgedWrite): EventRef {
  return { t: write.ackedAt, node: write.client, what: `${write.client} receives the acknowledgement of write ${write.id}${byWhom(write)}` };
}

function byWhom(write: AcknowledgedWrite): string {
  if (write.by === undefined) return '';
  return write.lsn === undefined ? ` by ${write.by}` : ` by ${write.by} (lsn ${write.lsn})`;
}

/** Writes without an answer are not checked: the client was never promised anything about them. */
function unansweredInfo(history: FailoverRunLike['history']): string[] {
  const ids = unansweredWriteIds(history);
  if (ids.length === 0) return [];
  const many = ids.length > 1;
  return [`${ids.length} write${many ? 's' : ''} never got an answer (${listIds(ids)}); ${many ? 'they' : 'it'} may or may not have been applied, so ${many ? 'they are' : 'it is'} not checked.`];
}
