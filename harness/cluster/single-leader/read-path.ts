/**
 * The applied state and read path of a failover-cluster member (design §1.3–1.4, `followerPipeline`
 * with `applyUpTo: 'committed'` and checkpoints), wrapped around the member so that the cluster is
 * unchanged when the option is off. The member's log is durable on receipt (received = flushed), so
 * only the last stage is new: every `applyIntervalMs` up to `applyLimit` committed entries are applied
 * to the key-value state, which is a prefix of the one committed log. The state reaches the disk only
 * at a checkpoint every `checkpointMs`; a restarted member resumes from its last checkpoint and
 * replays while it serves reads, so it can show an older state than before it crashed, as a replica
 * that restarts from a snapshot does. Any member answers `read` and `status?` from its applied state,
 * the leader's included (it trails its commit by an apply tick).
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { ClusterMessage, Entry } from './messages.ts';
import type { AppliedState, AppliedValue } from './standby-follower.ts';

export interface FollowerPipeline {
  /** Applied state is a prefix of the committed log (D, E). */
  readonly applyUpTo: 'committed';
  readonly applyIntervalMs: number;
  /** Entries applied per tick, at most. */
  readonly applyLimit: number;
  /** The applied state is written to disk this often; a restart resumes from the last one. */
  readonly appliedDurability: { readonly checkpointMs: number };
}

/** What a member says about its applied state, and the role and epoch it believes in. */
interface AppliedStatus {
  readonly appliedLsn: number;
  readonly role: 'leader' | 'follower';
  readonly epoch: number;
}

export type ReadPathMessage =
  | { type: 'read'; req: number; key: string }
  | ({ type: 'read-ok'; req: number; key: string; value: string | null; version: number } & AppliedStatus)
  | { type: 'status?' }
  | ({ type: 'status' } & AppliedStatus);

/** The member `inner`, answering reads and statuses from an applied state it keeps beside it. */
export function withReadPath(ctx: NodeContext<ClusterMessage | ReadPathMessage>, inner: NodeBehaviour<ClusterMessage>, pipeline: FollowerPipeline): NodeBehaviour<ClusterMessage | ReadPathMessage> {
  const checkpoint = ctx.storage.get<AppliedState>('checkpoint');
  let lsn = checkpoint?.lsn ?? 0;
  const data = new Map<string, AppliedValue>(Object.entries(checkpoint?.data ?? {}));
  if ((ctx.storage.get<Entry[]>('log')?.length ?? 0) > 0) ctx.record('resumed', { checkpointLsn: lsn });
  ctx.setTimer('apply', pipeline.applyIntervalMs);
  ctx.setTimer('checkpoint', pipeline.appliedDurability.checkpointMs);

  const status = (): AppliedStatus => ({
    appliedLsn: lsn,
    role: ctx.storage.get<string>('leader') === ctx.id ? 'leader' : 'follower',
    epoch: ctx.storage.get<number>('epoch') ?? 0,
  });
  const apply = (): void => {
    const log = ctx.storage.get<Entry[]>('log') ?? [];
    const upTo = Math.min(ctx.storage.get<number>('commit') ?? 0, log.length);
    const from = lsn;
    while (lsn < upTo && lsn - from < pipeline.applyLimit) {
      const e = log[lsn]!;
      if (e.write !== null) data.set(e.write.key, { value: e.write.value, version: e.lsn });
      lsn++;
    }
  };

  return {
    onMessage(from, msg) {
      if (msg.type === 'read') {
        const v = data.get(msg.key);
        return ctx.send(from, { type: 'read-ok', req: msg.req, key: msg.key, value: v?.value ?? null, version: v?.version ?? 0, ...status() });
      }
      if (msg.type === 'status?') return ctx.send(from, { type: 'status', ...status() });
      if (msg.type === 'read-ok' || msg.type === 'status') return;
      inner.onMessage(from, msg);
    },
    onTimer(name, payload) {
      if (name === 'apply') {
        apply();
        ctx.setTimer('apply', pipeline.applyIntervalMs);
      } else if (name === 'checkpoint') {
        ctx.storage.set('checkpoint', { lsn, data: Object.fromEntries(data) } satisfies AppliedState);
        ctx.setTimer('checkpoint', pipeline.appliedDurability.checkpointMs);
      } else inner.onTimer?.(name, payload);
    },
  };
}
