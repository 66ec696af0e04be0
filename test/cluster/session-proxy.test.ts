/**
 * The session proxy (design §1.5) in front of hand-driven members: what it offers chooseReplica,
 * that the believed leader is never excluded, that a rejected or timed-out member is, that a
 * session is stored before the ack leaves (so a user's other device reads after it), attempts
 * bounded by members + 3, and a malformed answer stopping the run.
 */
import { describe, expect, it } from 'vitest';
import { createDevice, createSessionProxy, DEFAULT_PROXY_TIMING, maxAttempts, type DeviceOp, type ProxyMessage, type SessionCallRecord, type SessionPolicy } from '../../harness/cluster/index.ts';
import type { ReadReply, ReplicaStatus } from '../../harness/exercise/index.ts';
import { Simulation, type NodeContext } from '../../harness/sim/index.ts';

/** A member the test steers: it answers statuses and reads from `state`, and (as leader) acks writes. */
interface FakeMember {
  role: 'leader' | 'follower';
  appliedLsn: number;
  data: Record<string, { value: string; version: number }>;
  /** Reads go unanswered (statuses still come back). */
  silentReads?: boolean;
  reads: number;
}

const fake = (role: 'leader' | 'follower', appliedLsn: number): FakeMember => ({ role, appliedLsn, data: {}, reads: 0 });

function memberNode(m: FakeMember, log: { lsn: number }) {
  return (ctx: NodeContext<ProxyMessage>) => ({
    onMessage(from: string, msg: ProxyMessage) {
      const status = { appliedLsn: m.appliedLsn, role: m.role, epoch: 1 };
      if (msg.type === 'status?') ctx.send(from, { type: 'status', ...status });
      if (msg.type === 'read') {
        m.reads++;
        if (m.silentReads) return;
        const v = m.data[msg.key];
        ctx.send(from, { type: 'read-ok', req: msg.req, key: msg.key, value: v?.value ?? null, version: v?.version ?? 0, ...status });
      }
      if (msg.type === 'write' && m.role === 'leader') {
        const lsn = ++log.lsn;
        m.data[msg.write.key] = { value: msg.write.value, version: lsn };
        m.appliedLsn = lsn;
        ctx.send(from, { type: 'write-ok', writeId: msg.write.id, lsn });
      }
    },
  });
}

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });

/** The read-your-writes reference as proxy hooks, with every call kept for the test to read. */
function referencePolicy(calls: { fn: string; args: unknown[] }[], overrides: Partial<SessionPolicy> = {}): SessionPolicy {
  return {
    start: { writtenLsn: 0 },
    sessionKey: (user) => ok(user),
    afterWrite: (s, w) => ok({ writtenLsn: Math.max((s as { writtenLsn: number }).writtenLsn, w.lsn) }),
    chooseReplica: (s, _read, replicas: readonly ReplicaStatus[]) => {
      calls.push({ fn: 'chooseReplica', args: [s, replicas] });
      const lsn = (s as { writtenLsn: number }).writtenLsn;
      return ok(replicas.find((r) => r.role === 'follower' && r.reachable && r.appliedLsn >= lsn)?.id ?? replicas.find((r) => r.role === 'leader')?.id ?? null);
    },
    acceptsReply: (s, reply: ReadReply) => {
      calls.push({ fn: 'acceptsReply', args: [s, reply] });
      return ok(reply.appliedLsn >= (s as { writtenLsn: number }).writtenLsn);
    },
    ...overrides,
  };
}

async function run(members: Record<string, FakeMember>, devices: Record<string, DeviceOp[]>, policy: SessionPolicy, until = 1500) {
  const sim = new Simulation({ seed: 7, network: { latency: { min: 1, max: 2 } } });
  const log = { lsn: 0 };
  const problems: SessionCallRecord[] = [];
  for (const [id, m] of Object.entries(members)) sim.addNode<ProxyMessage>(id, memberNode(m, log));
  sim.addNode<ProxyMessage>('proxy', (ctx) =>
    createSessionProxy(ctx, { members: Object.keys(members), timing: DEFAULT_PROXY_TIMING, policy, deviceOf: (n) => ({ user: n.slice(0, 2), device: n.slice(2) }), onPolicyProblem: (r) => void problems.push(r) }),
  );
  for (const [id, ops] of Object.entries(devices)) sim.addNode(id, (ctx) => createDevice(ctx as never, { proxy: 'proxy', ops }));
  await sim.run(until);
  return { ops: sim.history.ops(), problems, notes: sim.trace.toArray().filter((e) => e.kind === 'note') };
}

describe('the session proxy', () => {
  it("stores the session before forwarding the ack: a read of the user's other device after the ack knows the write", async () => {
    const members = { n1: fake('leader', 0), n2: fake('follower', 0), n3: fake('follower', 0) };
    const calls: { fn: string; args: unknown[] }[] = [];
    // The followers never apply the write: only the leader can answer the other device.
    const { ops } = await run(members, { u1a: [{ kind: 'put', key: 'k', value: 'v1', thinkMs: 100 }], u1b: [{ kind: 'get', key: 'k', thinkMs: 130 }] }, referencePolicy(calls));
    const put = ops.find((o) => o.op === 'put')!;
    const get = ops.find((o) => o.op === 'get')!;
    expect(put.status).toBe('ok');
    expect(get.invokedAt).toBeGreaterThan(put.completedAt!);
    // No follower had lsn 1: the read went to the leader, which had it.
    expect(get.output).toMatchObject({ version: 1, replica: 'n1' });
    const offered = calls.find((c) => c.fn === 'chooseReplica')!.args[1] as ReplicaStatus[];
    expect(offered.map((r) => `${r.id} ${r.role}`)).toEqual(['n1 leader', 'n2 follower', 'n3 follower']);
    expect(calls.find((c) => c.fn === 'chooseReplica')!.args[0]).toEqual({ writtenLsn: 1 });
  });

  it('excludes a follower whose reply was refused, keeps offering the leader, and fails after members + 3 attempts', async () => {
    const members = { n1: fake('leader', 5), n2: fake('follower', 5), n3: fake('follower', 5) };
    const calls: { fn: string; args: unknown[] }[] = [];
    const policy = referencePolicy(calls, {
      chooseReplica: (_s, _r, replicas) => {
        calls.push({ fn: 'chooseReplica', args: [null, replicas] });
        return ok(replicas.find((r) => r.role === 'follower')?.id ?? replicas[0]!.id);
      },
      acceptsReply: () => ok(false),
    });
    const { ops } = await run(members, { u1a: [{ kind: 'get', key: 'k', thinkMs: 100 }] }, policy);
    const offers = calls.map((c) => (c.args[1] as ReplicaStatus[]).map((r) => r.id).join(','));
    expect(offers).toEqual(['n1,n2,n3', 'n1,n3', ...Array(maxAttempts(3) - 2).fill('n1')]);
    expect(ops[0]).toMatchObject({ op: 'get', status: 'fail' });
  });

  it('marks a member whose read timed out unreachable and excluded, then reads elsewhere', async () => {
    const members = { n1: fake('leader', 5), n2: { ...fake('follower', 5), silentReads: true }, n3: fake('follower', 5) };
    const calls: { fn: string; args: unknown[] }[] = [];
    const { ops } = await run(members, { u1a: [{ kind: 'get', key: 'k', thinkMs: 100 }] }, referencePolicy(calls));
    const second = calls.filter((c) => c.fn === 'chooseReplica')[1]!.args[1] as ReplicaStatus[];
    expect(second.map((r) => r.id)).toEqual(['n1', 'n3']);
    expect(ops[0]).toMatchObject({ status: 'ok', output: { replica: 'n3' } });
    expect(ops[0]!.completedAt! - ops[0]!.invokedAt).toBeGreaterThanOrEqual(DEFAULT_PROXY_TIMING.attemptTimeoutMs);
  });

  it('waits while no member is believed to lead, then writes', async () => {
    const members = { n1: fake('follower', 0), n2: fake('follower', 0) };
    const sim = new Simulation({ seed: 3, network: { latency: { min: 1, max: 2 } } });
    const log = { lsn: 0 };
    for (const [id, m] of Object.entries(members)) sim.addNode<ProxyMessage>(id, memberNode(m, log));
    sim.addNode<ProxyMessage>('proxy', (ctx) => createSessionProxy(ctx, { members: ['n1', 'n2'], timing: DEFAULT_PROXY_TIMING, policy: referencePolicy([]), deviceOf: (n) => ({ user: n.slice(0, 2), device: n.slice(2) }), onPolicyProblem: () => undefined }));
    sim.addNode('u1a', (ctx) => createDevice(ctx as never, { proxy: 'proxy', ops: [{ kind: 'put', key: 'k', value: 'v', thinkMs: 10 }] }));
    sim.at(300, 'n2 leads', () => void (members.n2.role = 'leader'));
    await sim.run(800);
    const put = sim.history.ops()[0]!;
    expect(put.status).toBe('ok');
    expect(put.completedAt!).toBeGreaterThan(300);
    const beliefs = sim.trace.toArray().filter((e) => e.kind === 'note' && e.name === 'leader-belief');
    expect(beliefs.map((e) => (e as { data: { leader: string } }).data.leader)).toEqual(['n2']);
  });

  it('stops the run on a malformed answer, naming the call', async () => {
    const members = { n1: fake('leader', 0), n2: fake('follower', 0) };
    const policy = referencePolicy([], { chooseReplica: () => ok('n9') });
    const { problems, ops } = await run(members, { u1a: [{ kind: 'get', key: 'k', thinkMs: 100 }] }, policy);
    expect(problems.map((p) => p.problem)).toEqual(['chooseReplica must return the id of an offered replica or null, got "n9"']);
    expect(ops[0]!.status).toBe('unknown');
  });
});
