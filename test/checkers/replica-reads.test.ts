/**
 * The session-guarantee checkers on hand-made histories: each property with a history that keeps it
 * and one that breaks it, and the edges the definitions draw (an ack that arrives after the read
 * began, overlapping reads, a cause reached only through another message).
 */
import { describe, expect, it } from 'vitest';
import { causalPredecessors, checkEverythingShowsUp, checkNeverBackInTime, checkNoEffectBeforeCause, checkReadsYourWrites, type ChatOp, type SessionOp } from '../../harness/checkers/index.ts';

const write = (user: string, device: string, key: string, invokedAt: number, completedAt: number, lsn: number): SessionOp => ({ kind: 'write', user, device, key, invokedAt, completedAt, lsn });
const read = (user: string, device: string, key: string, invokedAt: number, completedAt: number, version: number, replica = 'n2'): SessionOp => ({
  kind: 'read',
  user,
  device,
  key,
  invokedAt,
  completedAt,
  outcome: 'ok',
  version,
  replica,
});

describe('checkReadsYourWrites', () => {
  it('passes reads that show the own write, from the other device too, and reads begun before the ack arrived', () => {
    const h = [write('u1', 'a', 'k', 0, 10, 12), read('u1', 'b', 'k', 11, 20, 12), read('u1', 'b', 'k', 5, 30, 3), read('u2', 'a', 'k', 15, 25, 3)];
    const v = checkReadsYourWrites('ryw', h);
    expect(v.ok).toBe(true);
    expect(v.counts).toEqual({ judgedReads: 1 });
  });

  it("fails a read on the user's second device that misses the write acknowledged to the first", () => {
    const h = [write('u1', 'a', 'k', 0, 10, 12), read('u1', 'b', 'k', 11, 20, 9, 'n3')];
    const v = checkReadsYourWrites('ryw', h);
    expect(v.ok).toBe(false);
    expect(v.explanation).toMatch(/a read of k by u1b started at t=11 ms .* from n3 at t=\d+ ms, although u1's write of k at lsn 12 had been acknowledged to u1a at t=10 ms/);
    expect(v.events.map((e) => e.node)).toEqual(['u1a', 'u1b']);
  });

  it('owes the highest acknowledged write, whatever order the acks came in', () => {
    const h = [write('u1', 'a', 'k', 0, 12, 15), write('u1', 'b', 'k', 1, 10, 14), read('u1', 'a', 'k', 13, 20, 14)];
    expect(checkReadsYourWrites('ryw', h).explanation).toMatch(/at lsn 15/);
  });

  it('ignores failed reads and writes never acknowledged', () => {
    const h: SessionOp[] = [{ kind: 'write', user: 'u1', device: 'a', key: 'k', invokedAt: 0 }, { kind: 'read', user: 'u1', device: 'a', key: 'k', invokedAt: 5, completedAt: 9, outcome: 'fail' }, read('u1', 'a', 'k', 10, 11, 0)];
    expect(checkReadsYourWrites('ryw', h).ok).toBe(true);
  });
});

describe('checkNeverBackInTime', () => {
  it('passes reads that stay or move forward, overlapping reads, and other users', () => {
    const h = [read('u1', 'a', 'k', 0, 10, 7), read('u1', 'a', 'k', 11, 20, 7), read('u1', 'a', 'k', 21, 30, 9), read('u1', 'b', 'k', 25, 40, 7), read('u2', 'a', 'k', 31, 35, 2)];
    const v = checkNeverBackInTime('mono', h);
    expect(v.ok).toBe(true);
    expect(v.counts).toEqual({ judgedReads: 3 });
  });

  it('fails a later read of the same replica that shows an older version (a restart from a checkpoint)', () => {
    const h = [read('u1', 'a', 'k', 0, 10, 9, 'n4'), read('u1', 'a', 'k', 12, 20, 5, 'n4')];
    const v = checkNeverBackInTime('mono', h);
    expect(v.ok).toBe(false);
    expect(v.explanation).toMatch(/a read of k by u1a started at t=12 ms and returned version 5 from n4 at t=20 ms, older than version 9 it had been shown by n4 at t=10 ms/);
  });

  it('judges per key: an older version of another key is no step back', () => {
    expect(checkNeverBackInTime('mono', [read('u1', 'a', 'k', 0, 10, 9), read('u1', 'a', 'j', 12, 20, 2)]).ok).toBe(true);
  });
});

describe('consistent prefix against ground-truth causality', () => {
  const chat: ChatOp[] = [
    { kind: 'write', session: 'u1', message: 'q', shard: 's1', invokedAt: 0, ackedAt: 5 },
    { kind: 'read', session: 'u2', invokedAt: 10, completedAt: 15, shown: ['q'] },
    { kind: 'write', session: 'u2', message: 'a', shard: 's2', invokedAt: 20, ackedAt: 25 },
    { kind: 'write', session: 'u2', message: 'b', shard: 's3', invokedAt: 30, ackedAt: 35 },
  ];

  it('derives causes from what was shown and from own acknowledged writes, transitively', () => {
    const p = causalPredecessors(chat);
    expect([...p.get('q')!]).toEqual([]);
    expect([...p.get('a')!]).toEqual(['q']);
    expect([...p.get('b')!].sort()).toEqual(['a', 'q']);
  });

  it('passes reads that show prefixes, and fails an answer shown without its question', () => {
    const ok = [...chat, { kind: 'read', session: 'o1', invokedAt: 40, completedAt: 45, shown: ['q', 'a'] } as const, { kind: 'read', session: 'o1', invokedAt: 50, completedAt: 55, shown: [] } as const];
    expect(checkNoEffectBeforeCause('prefix', ok).ok).toBe(true);
    const bad = [...chat, { kind: 'read', session: 'o1', invokedAt: 40, completedAt: 45, shown: ['a', 'b'] } as const];
    const v = checkNoEffectBeforeCause('prefix', bad);
    expect(v.ok).toBe(false);
    expect(v.explanation).toMatch(/o1's read at t=40 ms showed a \(by u2, on s2\) but not q \(by u1, on s1\)/);
  });

  it('fails a cause reached only through another message (b needs q although u2 wrote b after a)', () => {
    const v = checkNoEffectBeforeCause('prefix', [...chat, { kind: 'read', session: 'o1', invokedAt: 40, completedAt: 45, shown: ['a', 'b'] }]);
    expect(v.explanation).toMatch(/showed a .* but not q/);
    expect(checkNoEffectBeforeCause('prefix', [...chat, { kind: 'read', session: 'o1', invokedAt: 40, completedAt: 45, shown: ['b'] }]).explanation).toMatch(/showed b .* but not (q|a)/);
  });

  it('everything shows up: late reads must show every message acknowledged before recovery', () => {
    const late = (shown: string[]): ChatOp => ({ kind: 'read', session: 'o1', invokedAt: 300, completedAt: 305, shown });
    expect(checkEverythingShowsUp('all', [...chat, late(['q', 'a', 'b'])], { ackedBefore: 100, from: 300 }).ok).toBe(true);
    const v = checkEverythingShowsUp('all', [...chat, late(['q', 'a']), { kind: 'read', session: 'o2', invokedAt: 200, completedAt: 210, shown: [] }], { ackedBefore: 100, from: 300 });
    expect(v.ok).toBe(false);
    expect(v.explanation).toMatch(/o1's read at t=300 ms did not show b/);
  });

  it('everything shows up: a late read that did not hear from every shard is not judged, and is counted', () => {
    const late = (shown: string[], silent?: string[]): ChatOp => ({ kind: 'read', session: 'o1', invokedAt: 300, completedAt: 305, shown, ...(silent ? { silent } : {}) });
    // With a shard silent, even hiding everything is no liveness failure: the cut's own check judges what it may still show.
    const v = checkEverythingShowsUp('all', [...chat, late([], ['s2']), late(['q', 'a', 'b'])], { ackedBefore: 100, from: 300 });
    expect(v).toMatchObject({ ok: true, counts: { judgedReads: 1, silentShardReads: 1 } });
    expect(checkEverythingShowsUp('all', [...chat, late(['q'], [])], { ackedBefore: 100, from: 300 }).ok).toBe(false);
  });
});
