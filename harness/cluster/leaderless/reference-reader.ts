/**
 * The reference quorum read, in the store's own terms: ask all n home replicas, settle at the r-th
 * reply with the highest version seen, repair every replier seen with an older version, and fail as
 * soon as r replies are impossible. Used where the store needs a reader of its own (tests, lessons).
 */
import type { Versioned } from './messages.ts';
import type { QuorumReader, ReadOutcome } from './reader.ts';

export const referenceQuorumReader: QuorumReader = (session, { config }) =>
  new Promise<ReadOutcome>((resolve) => {
    const replies: { id: string; v: Versioned }[] = [];
    let failures = 0;
    let done = false;
    for (const id of session.ids) {
      session.read(id).then(
        (v) => {
          if (done) return;
          replies.push({ id, v });
          if (replies.length < config.r) return;
          done = true;
          const newest = replies.reduce((a, b) => (b.v.version > a.v.version ? b : a)).v;
          for (const r of replies) if (r.v.version < newest.version) session.repair(r.id, newest).catch(() => undefined);
          resolve({ kind: 'returned', value: newest });
        },
        () => {
          if (done) return;
          failures++;
          if (failures > config.n - config.r) {
            done = true;
            resolve({ kind: 'rejected', name: 'QuorumError', message: `${failures} of ${config.n} replicas failed; ${config.r} replies needed` });
          }
        },
      );
    }
  });
