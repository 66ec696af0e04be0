/**
 * monotonic-reads' optional afterWrite check (design §E.7): the two-device families with homes among
 * n2 and n3, write acks fed to afterWrite, judged by read-your-writes and never-back-in-time. One
 * token raised by acks is never blamed; an afterWrite that forgets the write is, at its acceptsReply.
 */
import { describe, expect, it } from 'vitest';
import { checkNeverBackInTime, checkReadsYourWrites } from '../../../harness/checkers/index.ts';
import { runSessionCluster, type SessionPolicy } from '../../../harness/cluster/index.ts';
import { buildAnyMonotonicScenario, guaranteeBadCalls, parseAnyMonotonicSpec, type SessionGuaranteeSpec } from '../../../harness/curriculum/monotonic-reads/session-guarantees.ts';
import { sessionOps } from '../../../harness/curriculum/workloads/replica-reads/index.ts';

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
type S = { seenLsn: number };
const policy = (afterWrite: (s: S, lsn: number) => S): SessionPolicy => ({
  start: { seenLsn: 0 },
  sessionKey: (user) => ok(user),
  afterWrite: (s, w) => ok(afterWrite(s as S, w.lsn)),
  afterRead: (s, r) => ok({ seenLsn: Math.max((s as S).seenLsn, r.appliedLsn) }),
  chooseReplica: (s, read, replicas) => {
    const fine = (r: (typeof replicas)[number]) => r.role === 'follower' && r.reachable && r.appliedLsn >= (s as S).seenLsn;
    return ok(replicas.find((r) => r.id === read.home && fine(r))?.id ?? replicas.find(fine)?.id ?? replicas.find((r) => r.role === 'leader')?.id ?? null);
  },
  acceptsReply: (s, r) => ok(r.appliedLsn >= (s as S).seenLsn),
});
const oneToken = policy((s, lsn) => ({ seenLsn: Math.max(s.seenLsn, lsn) }));
const forgets = policy((s) => s);
const specs: SessionGuaranteeSpec[] = [
  { family: 'session-guarantees', run: { family: 'follower-restart', seed: 3, latencyMax: 3, writeAt: 230 } },
  { family: 'session-guarantees', run: { family: 'cross-device', seed: 4, latencyMax: 2, writeAt: 150 } },
];

describe('monotonic-reads session guarantees', () => {
  it('parses tokens of both groups (a replay runs in every group) and homes users on n2 or n3', () => {
    expect(parseAnyMonotonicSpec(specs[0])).toEqual(specs[0]);
    expect(parseAnyMonotonicSpec({ family: 'quiet-end', seed: 1, latencyMax: 3 })).toEqual({ family: 'quiet-end', seed: 1, latencyMax: 3 });
    expect(typeof parseAnyMonotonicSpec({ family: 'session-guarantees', run: { family: 'nope' } })).toBe('string');
    expect(buildAnyMonotonicScenario(specs[0]!)).toMatchObject({ homes: true, homesAmong: ['n2', 'n3'], members: 3 });
  });

  it.each(specs.map((s) => [s.run.family, s] as const))('%s: one token raised by acks keeps both guarantees; a forgotten write is caught at the acceptsReply that showed it', async (_, spec) => {
    const judge = async (p: SessionPolicy) => {
      const run = await runSessionCluster(buildAnyMonotonicScenario(spec), p, { trace: false });
      const ops = sessionOps(run);
      return { broken: [checkReadsYourWrites('ryw', ops), checkNeverBackInTime('mbt', ops)].filter((v) => !v.ok), bad: guaranteeBadCalls(run) };
    };
    const good = await judge(oneToken);
    expect([...good.broken, ...good.bad]).toEqual([]);
    const bug = await judge(forgets);
    expect(bug.broken.map((v) => v.property)).toContain('ryw');
    expect(bug.bad[0]?.fn).toBe('acceptsReply');
    expect(bug.bad[0]?.text).toMatch(/older than u1's own write .*the session it was given came from afterWrite at t=\d+ ms, which returned \{"seenLsn":\d+\}/);
  });
});
