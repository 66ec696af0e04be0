/**
 * The replication-lag cluster (design §1.2–1.5): members with applied state and reads behind the
 * session proxy. Applied state is a prefix of the committed log, so with a policy that routes and
 * accepts by the session's highest ack no device ever misses its user's write; a follower that
 * restarts resumes from its last checkpoint, behind what it had applied; a scripted read waits for
 * its signal; the reference decider fails over when the leader stays down.
 */
import { describe, expect, it } from 'vitest';
import { checkReadsYourWrites } from '../../harness/checkers/index.ts';
import { runSessionCluster, type DeviceOp, type SessionPolicy, type SessionScenario } from '../../harness/cluster/index.ts';
import type { ReadReply, ReplicaStatus } from '../../harness/exercise/index.ts';
import { sessionOps } from '../../harness/curriculum/workloads/replica-reads/index.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
type S = { writtenLsn: number };

const tokenPolicy: SessionPolicy = {
  start: { writtenLsn: 0 },
  sessionKey: (user) => ok(user),
  afterWrite: (s, w) => ok({ writtenLsn: Math.max((s as S).writtenLsn, w.lsn) }),
  chooseReplica: (s, _read, replicas: readonly ReplicaStatus[]) =>
    ok(replicas.find((r) => r.role === 'follower' && r.reachable && r.appliedLsn >= (s as S).writtenLsn)?.id ?? replicas.find((r) => r.role === 'leader')?.id ?? null),
  acceptsReply: (s, r: ReadReply) => ok(r.appliedLsn >= (s as S).writtenLsn),
};

const ops = (n: number, key: string): DeviceOp[] => Array.from({ length: n }, (_, i): DeviceOp => (i % 2 === 0 ? { kind: 'put', key, value: `v${i}`, thinkMs: 40 } : { kind: 'get', key, thinkMs: 5 }));

const base = (over: Partial<SessionScenario>): SessionScenario => ({
  seed: 7,
  latency: { min: 1, max: 5 },
  loss: 0,
  duplicate: 0,
  reorder: 0,
  members: 3,
  faults: [],
  faultPhaseMs: 600,
  recoveryMs: 300,
  devices: { u1a: ops(12, 'x1'), u1b: ops(12, 'x1'), u2a: ops(12, 'x2') },
  ...over,
});

describe('the replication-lag cluster', () => {
  it('answers reads from applied state, and a session token keeps every user on their own writes', async () => {
    const run = await runSessionCluster(base({}), tokenPolicy, { hostYield });
    const history = sessionOps(run);
    expect(history.filter((o) => o.kind === 'read' && o.outcome === 'ok').length).toBeGreaterThan(10);
    expect(checkReadsYourWrites('ryw', history).ok).toBe(true);
    expect(run.calls.chooseReplica).toBeGreaterThan(0);
  });

  it('a follower restarting between checkpoints resumes from its last one, behind what it had applied', async () => {
    const run = await runSessionCluster(base({ faults: [{ at: 350, fault: { kind: 'crash', node: 'n2' } }, { at: 360, fault: { kind: 'restart', node: 'n2' } }] }), tokenPolicy, { hostYield });
    const resumed = run.notes.find((e) => e.kind === 'note' && e.name === 'resumed' && e.node === 'n2');
    expect(resumed).toBeDefined();
    // Statuses n2 sent the proxy before it crashed: it had applied past the checkpoint it resumed from.
    const applied = [...run.trace].flatMap((e) => (e.kind === 'send' && e.t < 350 && e.from === 'n2' && e.to === 'proxy' && (e.msg as { type: string }).type === 'status' ? [(e.msg as { appliedLsn: number }).appliedLsn] : []));
    expect(Math.max(...applied)).toBeGreaterThan(((resumed as { data: unknown }).data as { checkpointLsn: number }).checkpointLsn);
  });

  it('a scripted read waits for its signal, and the reference decider elects a new leader after a crash', async () => {
    const devices = { u1a: [{ kind: 'put', key: 'x1', value: 'w', thinkMs: 100, signal: 'acked' }] as DeviceOp[], u1b: [{ kind: 'get', key: 'x1', thinkMs: 1, after: 'acked' }, { kind: 'get', key: 'x1', thinkMs: 500 }] as DeviceOp[] };
    const run = await runSessionCluster(base({ devices, triggers: [{ signal: 'acked', delayMs: 1, fault: { kind: 'crash', node: 'n1' } }], keepDown: ['n1'] }), tokenPolicy, { hostYield });
    const put = run.history.find((o) => o.client === 'u1a')!;
    const [get, later] = run.history.filter((o) => o.client === 'u1b');
    expect(get!.invokedAt).toBeGreaterThanOrEqual(put.completedAt! + 1);
    expect(get!.invokedAt).toBeLessThan(put.completedAt! + 3);
    expect((later!.output as { version: number }).version).toBe((put.output as { lsn: number }).lsn);
    expect(run.notes.some((e) => e.kind === 'note' && e.name === 'leader-belief' && (e.data as { leader: string }).leader !== 'n1' && (e.data as { leader: string | null }).leader !== null)).toBe(true);
  });

  it('assigns homes among the members named by homesAmong when the cluster has no read followers', async () => {
    const homes: unknown[] = [];
    const policy: SessionPolicy = { ...tokenPolicy, chooseReplica: (s, read, replicas, call) => (homes.push(read.home), tokenPolicy.chooseReplica(s, read, replicas, call)) };
    await runSessionCluster(base({ homes: true, homesAmong: ['n2', 'n3'] }), policy, { hostYield });
    expect(homes.length).toBeGreaterThan(0);
    expect(homes.every((h) => h === 'n2' || h === 'n3')).toBe(true);
  });

  it('a read follower added at t answers nothing before, starts empty, and becomes a home only then', async () => {
    const homes: { t: number; home: unknown }[] = [];
    const replies: { t: number; replica: string; appliedLsn: number }[] = [];
    const policy: SessionPolicy = {
      ...tokenPolicy,
      chooseReplica: (s, read, replicas, call) => (homes.push({ t: call.now, home: read.home }), tokenPolicy.chooseReplica(s, read, replicas, call)),
      acceptsReply: (s, r, call) => (replies.push({ t: call.now, replica: r.replica, appliedLsn: r.appliedLsn }), tokenPolicy.acceptsReply(s, r, call)),
    };
    const users = Object.fromEntries(['u1', 'u2', 'u3', 'u4'].map((u) => [`${u}a`, ops(20, `x${u.slice(1)}`)]));
    const run = await runSessionCluster(base({ readFollowers: 2, homes: true, added: [{ node: 'n5', at: 300 }], devices: users }), policy, { hostYield });
    expect(homes.filter((h) => h.t < 300).every((h) => h.home === 'n4')).toBe(true);
    expect(homes.some((h) => h.t >= 300 && h.home === 'n5')).toBe(true);
    const statuses = run.notes.filter((e) => e.kind === 'note' && e.name === 'resumed' && e.node === 'n5');
    expect(statuses).toEqual([]);
    expect(replies.filter((r) => r.replica === 'n5' && r.t < 300)).toEqual([]);
  });
});
