/**
 * The record store trusts only what it wrote for this harness and exercise: a record file that does
 * not parse, whose body does not match its hash, or that was recorded for other code, is moved aside
 * (or ignored) and rebuilt by simulating, never reused.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { canonical, hashOf } from '../../harness/curriculum/run-record.ts';
import { findExercise } from '../../harness/curriculum/index.ts';
import { checkExercise, packageRoot, recordKey, RunRecordStore } from '../../harness/grading/index.ts';
import { renderResultJson } from '../../harness/render/index.ts';

const root = packageRoot();
const exercise = findExercise('failover-coordinator')!;
const dir = mkdtempSync(join(tmpdir(), 'workbook-runs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, `${exercise.id}.v8`);
const check = async (store: RunRecordStore, as: 'learner' | 'reference') => {
  const records = store.forCheck(exercise, as);
  const result = await checkExercise({ root, exercise, file: join(root, exercise.solution), typecheck: false, schedules: 12, records });
  return { json: renderResultJson(result, { timings: false }), counts: records.counts };
};

describe('canonical answers', () => {
  it('tell apart what a learner could tell apart, and nothing else', () => {
    expect(canonical({ a: 1, b: [2, undefined] })).toBe(canonical({ a: 1, b: [2, undefined] }));
    expect(canonical({ a: 1, b: 2 })).not.toBe(canonical({ b: 2, a: 1 }));
    expect(canonical(-0)).not.toBe(canonical(0));
    expect(canonical([undefined])).not.toBe(canonical([null]));
    expect(canonical(new Map([[1, 'x']]))).not.toBe(canonical({ 1: 'x' }));
    expect(canonical('1')).not.toBe(canonical(1));
    expect(hashOf(() => 1)).toBe('unstable');
  });
});

describe('the record store', () => {
  let recorded = '';
  it('records the reference on disk, and a new store reuses it whole', async () => {
    const first = await check(new RunRecordStore(dir), 'reference');
    expect(first.counts).toEqual({ reused: 0, simulated: 12 });
    expect(existsSync(file)).toBe(true);
    const again = await check(new RunRecordStore(dir), 'learner');
    expect(again).toEqual({ json: first.json, counts: { reused: 12, simulated: 0 } });
    recorded = first.json;
  });

  it('moves a file that does not parse aside and rebuilds it', async () => {
    writeFileSync(file, 'not a record');
    const store = new RunRecordStore(dir);
    const r = await check(store, 'learner');
    expect(r).toEqual({ json: recorded, counts: { reused: 0, simulated: 12 } });
    expect(store.warning).toMatch(/unreadable/);
    expect(readFileSync(`${file}.unreadable`, 'utf8')).toBe('not a record');
  });

  it('moves a file whose body was changed aside, even when the change still parses', async () => {
    await check(new RunRecordStore(dir), 'reference');
    const stored = deserialize(readFileSync(file)) as { body: Uint8Array };
    const body = deserialize(stored.body) as Map<string, { reference: { outcome: { console: string } }[] }>;
    for (const g of body.values()) for (const run of g.reference) run.outcome.console = 'forged';
    writeFileSync(file, serialize({ ...stored, body: serialize(body) }));
    const store = new RunRecordStore(dir);
    const r = await check(store, 'learner');
    expect(r).toEqual({ json: recorded, counts: { reused: 0, simulated: 12 } });
    expect(store.warning).toMatch(/unreadable/);
  });

  it('ignores a file recorded for other code (another key) and rebuilds it', async () => {
    await check(new RunRecordStore(dir), 'reference');
    const stored = deserialize(readFileSync(file)) as { key: string };
    expect(stored.key).toBe(recordKey(exercise));
    writeFileSync(file, serialize({ ...stored, key: '0'.repeat(64) }));
    const r = await check(new RunRecordStore(dir), 'learner');
    expect(r).toEqual({ json: recorded, counts: { reused: 0, simulated: 12 } });
  });
});
