/**
 * Exercise 06-replication/04: a quorum read in a Dynamo-style store.
 *
 * The store already does the writing: a write goes to the key's n home replicas and succeeds once w
 * of them acknowledged it, and a replica only ever keeps a version higher than the one it holds.
 * Your job is the reading side. Read README.md beside this file first.
 */
import { QuorumError } from 'ddia-workbook/exercise';
import type { ConfigVerdict, QuorumConfig, ReplicaSet, ReplicaValue } from 'ddia-workbook/exercise';

/**
 * Says whether n, w and r make sense together, and whether reads and writes must overlap.
 * Valid: whole numbers with n ≥ 1, 1 ≤ w ≤ n and 1 ≤ r ≤ n. Overlapping: r + w > n.
 */
export function checkQuorumConfig(config: QuorumConfig): ConfigVerdict {
  const { n, w, r } = config;
  if (!Number.isInteger(n) || n < 1) return { ok: false, reason: `n must be a whole number ≥ 1, got ${n}` };
  if (!Number.isInteger(w) || w < 1 || w > n) return { ok: false, reason: `w must be a whole number from 1 to n (${n}), got ${w}` };
  if (!Number.isInteger(r) || r < 1 || r > n) return { ok: false, reason: `r must be a whole number from 1 to n (${n}), got ${r}` };
  return { ok: true, overlapping: r + w > n };
}

/**
 * Reads the key from a quorum of its home replicas.
 * Asks all n at once; resolves at the r-th reply with the highest version among the replies, after
 * sending read repair to every replier that had an older version; rejects with QuorumError as soon
 * as so many replicas failed that r replies are impossible.
 */
export function quorumRead<V>(replicas: ReplicaSet<V>, config: QuorumConfig): Promise<ReplicaValue<V>> {
  return new Promise((resolve, reject) => {
    const replies: { id: string; reply: ReplicaValue<V> }[] = [];
    let failures = 0;
    let settled = false;
    for (const id of replicas.ids) {
      replicas.read(id).then(
        (reply) => {
          if (settled) return;
          replies.push({ id, reply });
          if (replies.length < config.r) return;
          settled = true;
          const newest = replies.reduce((best, x) => (x.reply.version > best.reply.version ? x : best)).reply;
          for (const { id: stale, reply: old } of replies) {
            if (old.version < newest.version) replicas.repair(stale, newest).catch(() => undefined);
          }
          resolve(newest);
        },
        () => {
          if (settled) return;
          failures++;
          if (failures > config.n - config.r) {
            settled = true;
            reject(new QuorumError(`${failures} of ${config.n} replicas failed: ${config.r} replies are no longer possible`));
          }
        },
      );
    }
  });
}

/**
 * Optional and unweighted: a quorum read that is linearizable under strict quorums. It reads like
 * `quorumRead`, then, before resolving, writes the chosen value back until at least w distinct home
 * replicas are known to hold its version or a newer one (repliers that showed such a version count;
 * every other home replica is sent `repair`). Once it resolved, every later read meets one of them.
 * Rejects with QuorumError when r replies, or w such replicas, can no longer be had.
 */
export function quorumReadLinearizable<V>(replicas: ReplicaSet<V>, config: QuorumConfig): Promise<ReplicaValue<V>> {
  return new Promise((resolve, reject) => {
    const replies = new Map<string, ReplicaValue<V>>();
    const holders = new Set<string>();
    const lost = new Set<string>();
    let failures = 0;
    let chosen: ReplicaValue<V> | undefined;
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      reject(new QuorumError(why));
    };
    const held = (id: string): void => {
      if (settled) return;
      holders.add(id);
      if (holders.size < config.w) return;
      settled = true;
      resolve(chosen!);
    };
    const writeBack = (): void => {
      const newest = [...replies.values()].reduce((best, x) => (x.version > best.version ? x : best));
      chosen = newest;
      const others = replicas.ids.filter((id) => (replies.get(id)?.version ?? -1) < newest.version);
      for (const id of replicas.ids) if (!others.includes(id)) held(id);
      if (settled) return;
      for (const id of others) {
        replicas.repair(id, newest).then(
          () => held(id),
          () => {
            lost.add(id);
            if (config.n - lost.size < config.w) fail(`${lost.size} of ${config.n} replicas could not be written back to: ${config.w} holders are no longer possible`);
          },
        );
      }
    };
    for (const id of replicas.ids) {
      replicas.read(id).then(
        (reply) => {
          if (settled || chosen !== undefined) return;
          replies.set(id, reply);
          if (replies.size === config.r) writeBack();
        },
        () => {
          if (settled || chosen !== undefined) return;
          failures++;
          if (failures > config.n - config.r) fail(`${failures} of ${config.n} replicas failed: ${config.r} replies are no longer possible`);
        },
      );
    }
  });
}
