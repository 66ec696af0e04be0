/**
 * The record store trusts only what it wrote for this harness and exercise: a record file that does
 * not parse, does not open with its folder's key (altered, hand-written, another folder's), or that
 * was recorded for other code, is moved aside (or ignored) and rebuilt by simulating, never reused;
 * and its files are its owner's only, with nothing of the runs readable in them.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { canonical, hashOf } from '../../harness/curriculum/run-record.ts';
import { findExercise, RUN_RECORD_FORMAT } from '../../harness/curriculum/index.ts';
import { checkExercise, packageRoot, recordKey, RunRecordStore } from '../../harness/grading/index.ts';
import { renderResultJson } from '../../harness/render/index.ts';
import { unseal, type Sealed } from '../../harness/grading/record-seal.ts';

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

  it('moves a file whose sealed body was changed aside', async () => {
    await check(new RunRecordStore(dir), 'reference');
    const stored = deserialize(readFileSync(file)) as { sealed: { data: Uint8Array } };
    stored.sealed.data[0] = stored.sealed.data[0]! ^ 1;
    writeFileSync(file, serialize(stored));
    const store = new RunRecordStore(dir);
    const r = await check(store, 'learner');
    expect(r).toEqual({ json: recorded, counts: { reused: 0, simulated: 12 } });
    expect(store.warning).toMatch(/unreadable/);
  });

  it('never trusts a hand-written record: one with a plain body and its hash, or one sealed in another folder', async () => {
    // The review's forgery (findings 3): every reference run made a clean run of no calls, and the
    // body written in the clear with its SHA-256, as the store wrote it before records were sealed.
    await check(new RunRecordStore(dir), 'reference');
    const stored = deserialize(readFileSync(file)) as { key: string; sealed: Sealed };
    const genuine = deserialize(unseal(readFileSync(join(dir, 'key')), stored.sealed, `runs\0${exercise.id}\0${stored.key}`)!) as Map<string, { reference?: unknown[] }>;
    for (const g of genuine.values()) g.reference = (g.reference ?? []).map(() => ({ calls: [], outcome: { console: '', skipped: [], broken: [], learnersFault: false, unjudged: {} } }));
    const body = serialize(genuine);
    writeFileSync(file, serialize({ format: RUN_RECORD_FORMAT, key: stored.key, sum: createHash('sha256').update(body).digest('hex'), body }));
    const store = new RunRecordStore(dir);
    expect(await check(store, 'learner')).toEqual({ json: recorded, counts: { reused: 0, simulated: 12 } });
    expect(store.warning).toMatch(/unreadable/);
    // A genuine record, but of another cache folder (another key).
    const other = mkdtempSync(join(tmpdir(), 'workbook-runs-'));
    try {
      await check(new RunRecordStore(other), 'reference');
      copyFileSync(join(other, `${exercise.id}.v8`), file);
      expect((await check(new RunRecordStore(dir), 'learner')).counts).toEqual({ reused: 0, simulated: 12 });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('keeps its files to their owner, and no call or answer readable in them (findings 4)', async () => {
    await check(new RunRecordStore(dir), 'reference');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'key')).mode & 0o777).toBe(0o600);
    const text = readFileSync(file).toString('latin1');
    for (const plain of exercise.exports) expect(text).not.toContain(plain);
    // Call keys and answer hashes are hex digests: the only one left in the clear is the record's key.
    expect((text.match(/[0-9a-f]{64}/g) ?? []).filter((h) => h !== recordKey(exercise))).toEqual([]);
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
