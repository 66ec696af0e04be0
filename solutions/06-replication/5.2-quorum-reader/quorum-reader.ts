/**
 * Exercise 5.2: a quorum read in a Dynamo-style store.
 *
 * The store already does the writing: a write goes to the key's n home replicas and succeeds once w
 * of them acknowledged it, and a replica only ever keeps a version higher than the one it holds.
 * Your job is the reading side. Read README.md beside this file first.
 */
import { QuorumError } from 'ddia-workbook/exercise';
import type { ConfigVerdict, QuorumConfig, ReplicaSet, ReplicaValue } from 'ddia-workbook/exercise';

/**
 * Says whether n, w and r make sense together (`{ ok: false, reason }` if a store could not run with
 * them), and if they do, whether every read set of r replicas must share a replica with every write
 * set of w: `{ ok: true, overlapping }`. Checked on a dozen configurations.
 */
export function checkQuorumConfig(config: QuorumConfig): ConfigVerdict {
  const { n, w, r } = config;
  if (!Number.isInteger(n) || n < 1) return { ok: false, reason: `n must be a whole number ≥ 1, got ${n}` };
  if (!Number.isInteger(w) || w < 1 || w > n) return { ok: false, reason: `w must be a whole number from 1 to n (${n}), got ${w}` };
  if (!Number.isInteger(r) || r < 1 || r > n) return { ok: false, reason: `r must be a whole number from 1 to n (${n}), got ${r}` };
  return { ok: true, overlapping: r + w > n };
}

/**
 * Reads the key from a quorum of its n home replicas. The harness checks, in generated fault
 * schedules: no stale read when r + w > n, no invented value (you return a reply a replica gave),
 * the read resolves as soon as r replies are in and rejects with QuorumError exactly when r replies
 * have become impossible, and every replier that showed an older version is repaired.
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
 * Optional and unweighted: a quorum read that is linearizable under strict quorums. Same contract as
 * `quorumRead`, and more: no read may go back in time, that is return an older version than a read
 * that finished before it started. Checked by a linearizability checker over whole histories.
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
