/**
 * Members agree on the committed log: whatever entry one member marks committed at a position, every
 * member that ever marks that position committed marks the same entry.
 */
import { commitNotes, describeEntry, truncateNotes, type CommitNote } from './protocol-notes.ts';
import type { FailoverRunLike } from './run-shape.ts';
import type { FailoverVerdict } from './failover-properties.ts';
import { satisfied, violated, type EventRef } from './verdict.ts';

const PROPERTY = 'committed-prefix-agreement';

/**
 * Compares the (epoch, write) of every `commit` note with the first commit of the same lsn, across
 * all members and the whole run, the same member included (it may truncate and commit again).
 * A member holding a divergent entry it has not committed is normal after a failover and is not
 * judged; dropping an entry it had committed is reported as information, since the commit notes
 * alone reveal harm only once something else is committed there.
 */
export function checkCommittedPrefixAgreement(run: FailoverRunLike): FailoverVerdict {
  const info = truncateNotes(run.notes)
    .filter((n) => n.committedDropped > 0)
    .map(
      (n) =>
        `${n.node} dropped ${n.committedDropped} entr${n.committedDropped === 1 ? 'y' : 'ies'} it had marked committed at t=${n.t}ms ` +
        `(truncating from lsn ${n.fromLsn}).`,
    );
  const firstCommitAt = new Map<number, CommitNote>();
  for (const commit of commitNotes(run.notes)) {
    const first = firstCommitAt.get(commit.lsn);
    if (first === undefined) {
      firstCommitAt.set(commit.lsn, commit);
      continue;
    }
    if (first.epoch === commit.epoch && first.write === commit.write) continue;
    const who = first.node === commit.node ? `${commit.node} itself later` : commit.node;
    return violated(
      PROPERTY,
      `${first.node} committed lsn ${commit.lsn} as ${describeEntry(first.epoch, first.write)} at t=${first.t}ms, but ${who} committed ` +
        `lsn ${commit.lsn} as ${describeEntry(commit.epoch, commit.write)} at t=${commit.t}ms: members disagree on the committed log, ` +
        `so what a reader sees as settled depends on which member it asks.`,
      [commitEvent(first), commitEvent(commit)],
      info,
    );
  }
  return satisfied(PROPERTY, info);
}

function commitEvent(commit: CommitNote): EventRef {
  return { t: commit.t, node: commit.node, what: `${commit.node} commits lsn ${commit.lsn}: ${describeEntry(commit.epoch, commit.write)}` };
}
