/**
 * The stored failing runs behind `--replay last` and `--replay #N`: versioned, checked on read, moved
 * aside when unreadable, tied to the file they were found in.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isReplayReference, LastFailuresStore, replayReference } from '../../harness/cli/last-failures.ts';

const FILE = 'exercises/06-replication/2.3-failover-coordinator/failover-coordinator.ts';

describe('the last failures', () => {
  it('stores distinct runs per exercise and names them last, #2 …', () => {
    const root = mkdtempSync(join(tmpdir(), 'workbook-last-'));
    const store = new LastFailuresStore(root);
    store.record('failover-coordinator', FILE, ['A', 'B', 'A']);
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toEqual({ version: 1, exercises: { 'failover-coordinator': { file: FILE, runs: ['A', 'B'] } } });
    const stored = new LastFailuresStore(root).get('failover-coordinator')!;
    expect([replayReference(stored, 'A'), replayReference(stored, 'B'), replayReference(stored, 'C')]).toEqual(['last', '#2', 'C']);
    expect(store.resolve('failover-coordinator', root, join(root, FILE), 'last')).toBe('A');
    expect(store.resolve('failover-coordinator', root, join(root, FILE), '#2')).toBe('B');
    expect(() => store.resolve('failover-coordinator', root, join(root, FILE), '#3')).toThrow('stored 2 failing runs (#1–#2), so there is no #3');
    expect(() => store.resolve('failover-coordinator', root, join(root, 'other.ts'), 'last')).toThrow(`the stored failures of failover-coordinator are of ${FILE}`);
    expect(() => store.resolve('quorum-reader', root, join(root, FILE), 'last')).toThrow('no failing run of quorum-reader is stored');
    // A --file check never stores its failures, so `last` there says what to do instead of "run check first".
    expect(() => store.resolve('failover-coordinator', root, join(root, FILE), 'last', false)).toThrow("names a failure of your own failover-coordinator file's last check; for --file or --solution, replay the whole token");
    expect([isReplayReference('last'), isReplayReference('#12'), isReplayReference('eyJleCI6')]).toEqual([true, true, false]);
  });

  it('moves an unreadable or foreign-version file aside, says so, and starts empty', () => {
    for (const text of ['{"version": 1, "exercises": {"x": {"file": 3', '{"version": 2, "exercises": {}}']) {
      const root = mkdtempSync(join(tmpdir(), 'workbook-last-'));
      mkdirSync(join(root, '.workbook'));
      writeFileSync(join(root, '.workbook', 'last-failures.json'), text);
      const store = new LastFailuresStore(root);
      expect(store.get('x')).toBeUndefined();
      expect(store.warning).toContain('was unreadable; it was moved to');
      const aside = readdirSync(join(root, '.workbook')).filter((f) => f.startsWith('last-failures.json.corrupt-'));
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(root, '.workbook', aside[0]!), 'utf8')).toBe(text);
      expect(existsSync(store.file)).toBe(false);
    }
  });
});
