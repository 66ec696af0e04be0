/**
 * read-your-writes' scenarios: each scripted family builds the situation it is named after, whatever
 * its parameters. pipelined-writes: the proxy is told the higher of two back-to-back acks first, and
 * the follower a stale session would pick has applied exactly the lower position when u1a reads.
 */
import { describe, expect, it } from 'vitest';
import { runSessionCluster, type SessionCallRecord, type SessionPolicy } from '../../../harness/cluster/index.ts';
import { badCalls, judgeRywRun } from '../../../harness/curriculum/read-your-writes/cluster-checks.ts';
import { buildRywScenario } from '../../../harness/curriculum/read-your-writes/scenarios.ts';

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
type S = { writtenLsn: number };
/** The reference session functions, with afterWrite replaceable by a buggy one. */
const policy = (afterWrite: (s: S, w: { lsn: number }) => S): SessionPolicy => ({
  start: { writtenLsn: 0 },
  sessionKey: (user) => ok(user),
  afterWrite: (s, w) => ok(afterWrite(s as S, w)),
  chooseReplica: (s, _read, replicas) =>
    ok(replicas.find((r) => r.role === 'follower' && r.reachable && r.appliedLsn >= (s as S).writtenLsn)?.id ?? replicas.find((r) => r.role === 'leader')?.id ?? null),
  acceptsReply: (s, reply) => ok(reply.appliedLsn >= (s as S).writtenLsn),
});
const keepHighest = (s: S, w: { lsn: number }): S => ({ writtenLsn: Math.max(s.writtenLsn, w.lsn) });
const keepLatest = (_s: S, w: { lsn: number }): S => ({ writtenLsn: w.lsn });

describe('read-your-writes pipelined-writes', () => {
  it.each([150, 263, 350])('writeAt=%i: acks reach the proxy highest first, and n2 answers u1a applied at exactly the lower one', async (writeAt) => {
    const scenario = buildRywScenario({ family: 'pipelined-writes', seed: writeAt, latencyMax: 2, writeAt });
    const run = await runSessionCluster(scenario, policy(keepHighest), { trace: true });
    const calls = run.notes.flatMap((e) => (e.kind === 'note' && e.name === 'session-call' ? [e.data as SessionCallRecord] : []));
    const acks = calls.filter((c) => c.fn === 'afterWrite').map((c) => (c.args[1] as { lsn: number }).lsn);
    // Two pairs, each told to the proxy in reverse log order.
    expect(acks.slice(0, 4)).toEqual([3, 2, 5, 4]);
    // The reference never breaks a property here.
    expect(judgeRywRun(run, badCalls(run)).filter((v) => !v.ok)).toEqual([]);
    // A session that keeps the latest ack picks n2, which had applied exactly the lower position, and shows an older state than u1b's write.
    const stale = await runSessionCluster(scenario, policy(keepLatest), { trace: false });
    const broken = judgeRywRun(stale, badCalls(stale)).find((v) => v.property === 'reads-your-writes');
    expect(broken?.ok).toBe(false);
    expect(broken?.ok === false && broken.explanation).toMatch(/from n2 .*acknowledged to u1b/);
  });
});
