/**
 * The quorum-read checkers on hand-built read and write records: each property has a satisfying and
 * a violating history, and the per-read judgement accepts every correct tie-break.
 */
import { describe, expect, it } from 'vitest';
import { checkQuorumRun, judgeRead } from '../../harness/checkers/index.ts';
import type { ReadRecord, ReplicaCall, WriteRecord } from '../../harness/cluster/index.ts';

const config = { n: 3, w: 2, r: 2 };

function write(version: number, ackedAt: number | undefined, key = 'k1'): WriteRecord {
  return { client: 'w1', opId: version, key, value: `w1-${version}`, version, invokedAt: (ackedAt ?? 100) - 10, ...(ackedAt !== undefined ? { ackedAt } : {}), credited: ['n1', 'n2'], targets: [] };
}

const reply = (seq: number, id: string, version: number, order: number, t: number): ReplicaCall => ({
  seq,
  kind: 'read',
  id,
  at: 200,
  settledAt: t,
  order,
  result: { ok: true, value: { value: version === 0 ? undefined : `w1-${version}`, version } },
});
const failure = (seq: number, id: string, order: number, t: number): ReplicaCall => ({
  seq,
  kind: 'read',
  id,
  at: 200,
  settledAt: t,
  order,
  result: { ok: false, name: 'ReplicaTimeoutError', message: `${id} did not answer` },
});
const repair = (seq: number, id: string, version: number): ReplicaCall => ({ seq, kind: 'repair', id, newer: { value: `w1-${version}`, version }, at: 205 });

function read(calls: ReplicaCall[], outcome: ReadRecord['outcome'], endedAt: number, answeredAfter: number): ReadRecord {
  return { no: 1, opId: 9, key: 'k1', ids: ['n1', 'n2', 'n3'], config, invokedAt: 200, endedAt, outcome, calls, answeredAfter };
}

const returned = (version: number) => ({ kind: 'returned' as const, value: { value: `w1-${version}`, version } });
const verdicts = (reads: ReadRecord[], writes: WriteRecord[]) =>
  Object.fromEntries(checkQuorumRun({ reads, writes, sloppy: false }).map((v) => [v.property, v.ok ? 'ok' : v.explanation]));

describe('quorum checkers', () => {
  const good = read([reply(0, 'n1', 5, 1, 203), reply(1, 'n2', 4, 2, 205), reply(2, 'n3', 5, 3, 208), repair(3, 'n2', 5)], returned(5), 205, 2);

  it('accept a read that resolves at the r-th reply with the newest version and repairs the stale replier', () => {
    expect(verdicts([good], [write(4, 150), write(5, 190)])).toEqual({
      'no-stale-read': 'ok',
      'no-invented-value': 'ok',
      'read-availability': 'ok',
      'read-repair': 'ok',
    });
    expect(judgeRead(good)).toEqual({ acceptable: expect.any(String), t: 205 });
  });

  it('flag a stale read (P1) and name the write it missed', () => {
    const stale = read([reply(0, 'n1', 4, 1, 203), reply(1, 'n2', 4, 2, 205), reply(2, 'n3', 5, 3, 208)], returned(4), 205, 2);
    const v = verdicts([stale], [write(4, 150), write(5, 190)]);
    expect(v['no-stale-read']).toContain('write w1-5 of k1 (version 5) was acknowledged to w1 at t=190 ms');
    // A write acknowledged after the read began is concurrent with it: not an anomaly.
    expect(verdicts([stale], [write(4, 150), write(5, 201)])['no-stale-read']).toBe('ok');
    // With sloppy quorums it is information only.
    expect(checkQuorumRun({ reads: [stale], writes: [write(4, 150), write(5, 190)], sloppy: true })[0]).toMatchObject({ ok: true, info: [expect.stringContaining('1 of 1 reads')] });
  });

  it('flag an invented value (P2), but accept a failed write read back (not rolled back)', () => {
    const invented = read([reply(0, 'n1', 5, 1, 203), reply(1, 'n2', 5, 2, 205)], { kind: 'returned', value: { value: 'made-up', version: 5 } }, 205, 2);
    expect(verdicts([invented], [write(5, 190)])['no-invented-value']).toContain('the value was invented');
    const failedWrite = read([reply(0, 'n1', 5, 1, 203), reply(1, 'n2', 5, 2, 205)], returned(5), 205, 2);
    expect(verdicts([failedWrite], [write(5, undefined)])['no-invented-value']).toBe('ok');
  });

  it('flag a read that waits past its r-th reply, or answers before it (P3)', () => {
    const late = read([reply(0, 'n1', 5, 1, 203), reply(1, 'n2', 5, 2, 205), reply(2, 'n3', 5, 3, 208)], returned(5), 208, 3);
    expect(verdicts([late], [write(5, 190)])['read-availability']).toContain('not right at the 2nd reply');
    const early = read([reply(0, 'n1', 5, 1, 203), reply(1, 'n2', 5, 2, 205), { seq: 2, kind: 'read', id: 'n3', at: 200 }], returned(5), 203, 1);
    expect(verdicts([early], [write(5, 190)])['read-availability']).toContain('resolved after only 1 reply');
    const sequential = read([reply(0, 'n1', 5, 1, 203), reply(1, 'n2', 5, 2, 205)], returned(5), 205, 2);
    expect(verdicts([sequential], [write(5, 190)])['read-availability']).toContain('did not ask n3 when the read started');
  });

  it('accept QuorumError exactly at the (n − r + 1)-th failure and flag it earlier (P3)', () => {
    const calls = [failure(0, 'n1', 1, 500), reply(1, 'n2', 5, 2, 203), failure(2, 'n3', 3, 500)];
    const rejected = { kind: 'rejected' as const, name: 'QuorumError', message: 'no quorum' };
    expect(verdicts([read(calls, rejected, 500, 3)], [])['read-availability']).toBe('ok');
    expect(verdicts([read(calls, rejected, 500, 1)], [])['read-availability']).toContain('while 2 replies were still possible');
    expect(verdicts([read(calls, { kind: 'rejected', name: 'Error', message: 'boom' }, 500, 3)], [])['read-availability']).toContain('rejected with Error: boom');
  });

  it('flag a stale replier left unrepaired (P4), whichever replica was newest', () => {
    const unrepaired = read([reply(0, 'n1', 5, 1, 203), reply(1, 'n2', 4, 2, 205)], returned(5), 205, 2);
    expect(verdicts([unrepaired], [write(5, 190)])['read-repair']).toContain('did not repair n2 (replied version 4)');
  });
});
