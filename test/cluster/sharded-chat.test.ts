/**
 * The sharded chat of consistent-prefix (design §F.2), driven by harness-side policies: with the
 * reference cut and observe no read shows an answer before its question and everything shows up
 * after recovery; with no cut, DDIA's figure (the question's shard read from a follower held behind
 * it) shows the answer alone. Also the measure-first figures of design §J: calls per run.
 */
import { describe, expect, it } from 'vitest';
import { checkEverythingShowsUp, checkNoEffectBeforeCause } from '../../harness/checkers/index.ts';
import { runShardedChat, SHARDED_TIMING, type ChatOpSpec, type ChatPolicy, type ShardedScenario } from '../../harness/cluster/index.ts';
import { referenceCut, referenceObserve } from '../../harness/curriculum/consistent-prefix/acceptable.ts';
import type { FaultSchedule } from '../../harness/sim/index.ts';

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
const reference: ChatPolicy = { observe: (seen, observed) => ok(referenceObserve(seen, observed)), consistentCut: (replies) => ok(referenceCut(replies)) };
const noCut: ChatPolicy = { ...reference, consistentCut: (replies) => ok(Object.fromEntries(replies.map((r) => [r.shard, r.appliedLsn]))) };

const read = (thinkMs: number, from?: Record<string, string>): ChatOpSpec => ({ kind: 'read', thinkMs, ...(from ? { from } : {}) });
const write = (shard: string, thinkMs: number): ChatOpSpec => ({ kind: 'write', shard, thinkMs });

function scenario(sessions: ShardedScenario['sessions'], faults: FaultSchedule = [], seed = 1): ShardedScenario {
  return { seed, latency: { min: 1, max: 5 }, loss: 0, duplicate: 0, reorder: 0, faults, faultPhaseMs: 800, shards: ['s1', 's2'], members: 3, sessions, timing: SHARDED_TIMING, readTimeoutMs: 60, recoveryMs: 700 };
}

/** DDIA's figure: u1 asks on s1, u2 reads it and answers on s2, o1 reads s1 from a follower held behind the question. */
const questionAnswer = scenario(
  {
    u1: [write('s1', 50)],
    u2: [read(150, { s1: 's1n2', s2: 's2n2' }), write('s2', 10)],
    o1: [...Array(8).fill(read(90, { s1: 's1n3', s2: 's2n2' })), ...Array(6).fill(read(100))],
  },
  [
    { at: 0, fault: { kind: 'hold', from: 's1n1', to: 's1n3' } },
    { at: 700, fault: { kind: 'release', from: 's1n1', to: 's1n3' } },
  ],
);

describe('the sharded chat', () => {
  it('with the reference policy: no answer before its question, and every acknowledged message shows up', async () => {
    const run = await runShardedChat(questionAnswer, reference);
    expect(run.stoppedBy).toBeUndefined();
    expect(checkNoEffectBeforeCause('prefix', run.chat)).toMatchObject({ ok: true });
    const answered = run.chat.filter((o) => o.kind === 'write' && o.ackedAt !== undefined);
    expect(answered.map((o) => (o as { message: string }).message).sort()).toEqual(['u1-1', 'u2-2']);
    const all = checkEverythingShowsUp('all', run.chat, { ackedBefore: run.recoveryStartsAt, from: run.recoveryStartsAt + 400 });
    expect(all).toMatchObject({ ok: true });
    expect(all.counts!.judgedReads).toBeGreaterThan(0);
    // The held follower made o1's early reads hide the answer: a cut really happened.
    const hid = run.chat.some((o) => o.kind === 'read' && o.session === 'o1' && !o.shown.includes('u2-2') && o.invokedAt > 300 && o.invokedAt < 700);
    expect(hid).toBe(true);
  });

  it('without a cut, the observer sees the answer before the question', async () => {
    const run = await runShardedChat(questionAnswer, noCut);
    const v = checkNoEffectBeforeCause('prefix', run.chat);
    expect(v.ok).toBe(false);
    expect(v.explanation).toMatch(/o1's read at t=\d+ ms showed u2-2 \(by u2, on s2\) but not u1-1 \(by u1, on s1\)/);
  });

  it('is deterministic, and stays within the call budget of design §F.2 (≈ 100 calls a run)', async () => {
    const a = await runShardedChat(questionAnswer, reference);
    const b = await runShardedChat(questionAnswer, reference);
    expect(a.chat).toEqual(b.chat);
    expect(a.eventCount).toBe(b.eventCount);
    const calls = a.calls.observe! + a.calls.consistentCut!;
    expect(calls).toBeGreaterThan(20);
    expect(calls).toBeLessThanOrEqual(100);
  });

  it('a follower that crashes and restarts keeps serving its applied prefix; silent shards are left out of the cut', async () => {
    const sessions = { u1: [write('s1', 30), read(40), write('s2', 10), read(40), write('s1', 10)], o1: Array(10).fill(read(80)) as ChatOpSpec[] };
    const faults: FaultSchedule = [
      { at: 100, fault: { kind: 'crash', node: 's2n2' } },
      { at: 300, fault: { kind: 'restart', node: 's2n2' } },
    ];
    for (const seed of [1, 2, 3, 4, 5]) {
      const run = await runShardedChat(scenario(sessions, faults, seed), reference);
      expect(run.stoppedBy).toBeUndefined();
      expect(checkNoEffectBeforeCause('prefix', run.chat), `seed ${seed}`).toMatchObject({ ok: true });
      expect(checkEverythingShowsUp('all', run.chat, { ackedBefore: run.recoveryStartsAt, from: run.recoveryStartsAt + 400 }), `seed ${seed}`).toMatchObject({ ok: true });
    }
  });
});
