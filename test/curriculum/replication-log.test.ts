/**
 * replication-log's hand-written cases against its reference, and the table engine's replay model:
 * what differs between nodes differs, what a row record or a pinned statement carries does not.
 */
import { describe, expect, it } from 'vitest';
import { applyImages, execute, initialState, rowsOf, type NodeEnv } from '../../harness/cluster/index.ts';
import { expectedRecord, LOG_CASES, tableInfo } from '../../harness/curriculum/replication-log/cases.ts';
import { referenceRecord, sameJson } from '../../harness/curriculum/replication-log/reference.ts';
import { INITIAL_ROWS } from '../../harness/curriculum/replication-log/scenarios.ts';
import { del, fn, insert, isNull, lit, lt, update } from '../../harness/curriculum/replication-log/statements.ts';

const start = initialState(INITIAL_ROWS);
const env = (now: number, order: NodeEnv['order'], seed = 1): NodeEnv => {
  let x = seed;
  return { now, order, random: () => ((x = (x * 48271) % 2147483647) / 2147483647) };
};

describe('replication-log decision cases', () => {
  it.each(LOG_CASES.map((c, i) => [i + 1, c] as const))('case %i: the written record is the reference record', (_, c) => {
    expect(sameJson(referenceRecord(c.statement, tableInfo(c.statement.table), c.leader), expectedRecord(c))).toBe(true);
  });
});

describe('the table engine', () => {
  it('visits rows in each node\'s storage order, so an unordered LIMIT takes different rows', () => {
    const take = update('jobs', { owner: lit('w') }, [isNull('owner')], { limit: 1 });
    expect(rowsOf(execute(start, take, env(0, 'asc')).state)).not.toBe(rowsOf(execute(start, take, env(0, 'desc')).state));
    const byId = update('jobs', { owner: lit('w') }, [isNull('owner')], { orderBy: 'id', limit: 1 });
    expect(rowsOf(execute(start, byId, env(0, 'asc')).state)).toBe(rowsOf(execute(start, byId, env(0, 'hash')).state));
  });

  it('replays an ORDER BY without a LIMIT identically in every order, ties included: it changes every matching row', () => {
    for (const s of [update('jobs', { owner: lit('w') }, [isNull('owner')], { orderBy: 'priority' }), del('jobs', [isNull('owner')], { orderBy: 'priority' })]) {
      const rows = (['asc', 'desc', 'hash'] as const).map((o) => rowsOf(execute(start, s, env(0, o)).state));
      expect(new Set(rows).size).toBe(1);
    }
  });

  it('gives NOW once per statement and SYSDATE per row evaluated', () => {
    const r = execute(start, update('users', { last_login: fn('SYSDATE'), note: fn('NOW') }, [lt('id', lit(4))]), env(100, 'asc'));
    if (!r.ok) throw new Error(r.reason);
    const after = r.images.map((i) => i.after!);
    expect(after.map((a) => a.note)).toEqual([100, 100, 100]);
    expect(new Set(after.map((a) => a.last_login)).size).toBe(3);
  });

  it('uses up an auto-increment value on a failed insert, and moves past keys it stores', () => {
    const failed = execute(start, insert('users', { email: lit('u1@x') }), env(0, 'asc'));
    expect(failed.ok).toBe(false);
    const next = execute(failed.state, insert('users', { email: lit('new@x') }), env(0, 'asc'));
    expect(next.ok && next.insertId).toBe(7);
    const replayed = execute(start, insert('users', { email: lit('new@x') }), env(0, 'asc'));
    expect(replayed.ok && replayed.insertId).toBe(6);
    if (!next.ok) throw new Error('insert failed');
    const copy = applyImages(start, next.images);
    expect(rowsOf(copy)).toBe(rowsOf(next.state));
    expect(copy.counters.users).toBe(7);
  });

  it('fires a trigger for every changed row of a statement, never for row images', () => {
    const r = execute(start, update('orders', { status: lit('sent') }, [isNull('item')]), env(0, 'asc'));
    expect(r.ok && r.effects).toBe(0);
    const shipped = execute(start, update('orders', { status: lit('sent') }, [lt('id', lit(3))]), env(0, 'asc'));
    expect(shipped.ok && shipped.effects).toBe(2);
    if (!shipped.ok) throw new Error('update failed');
    expect(applyImages(start, shipped.images).effects).toBe(0);
  });

  it('replays a pinned statement identically on every node', () => {
    const pinned = del('sessions', [lt('expires', lit(400))]);
    const rows = ['asc', 'desc', 'hash'].map((o, i) => rowsOf(execute(start, pinned, env(1000 * i, o as NodeEnv['order'])).state));
    expect(new Set(rows).size).toBe(1);
    const unpinned = del('sessions', [lt('expires', fn('NOW'))]);
    expect(rowsOf(execute(start, unpinned, env(0, 'asc')).state)).not.toBe(rowsOf(execute(start, unpinned, env(500, 'desc')).state));
  });
});
