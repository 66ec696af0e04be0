import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressStore } from '../../harness/cli/progress-store.ts';

const freshRoot = (): string => mkdtempSync(join(tmpdir(), 'workbook-progress-'));

describe('progress store', () => {
  it('starts empty and remembers hints and check outcomes', async () => {
    const store = new ProgressStore(freshRoot());
    expect(store.read()).toEqual({ version: 2, exercises: {} });
    await store.update('failover-coordinator', (p) => ({ ...p, hintLevels: { x: (p.hintLevels.x ?? 0) + 1 } }));
    await store.update('failover-coordinator', (p) => ({ ...p, lastCheck: { passed: true, fileHash: 'abc' } }));
    expect(store.read().exercises['failover-coordinator']).toEqual({ hintLevels: { x: 1 }, lastCheck: { passed: true, fileHash: 'abc' } });
  });

  it('loses nothing when many updates run at once', async () => {
    const root = freshRoot();
    const stores = Array.from({ length: 20 }, () => new ProgressStore(root));
    await Promise.all(stores.map((s, i) => s.update(i % 2 === 0 ? 'a' : 'b', (p) => ({ ...p, hintLevels: { x: (p.hintLevels.x ?? 0) + 1 } }))));
    const progress = new ProgressStore(root).read();
    expect(progress.exercises.a?.hintLevels.x).toBe(10);
    expect(progress.exercises.b?.hintLevels.x).toBe(10);
  });

  it('moves a corrupt file aside (never deletes it), warns, and rebuilds', async () => {
    const root = freshRoot();
    mkdirSync(join(root, '.workbook'));
    writeFileSync(join(root, '.workbook', 'progress.json'), '{"version": 1, "exercises": {"a": ');
    const store = new ProgressStore(root);
    expect(store.read()).toEqual({ version: 2, exercises: {} });
    expect(store.warning).toMatch(/unreadable; it was moved to .*progress\.json\.corrupt-/);
    const aside = readdirSync(join(root, '.workbook')).find((f) => f.includes('.corrupt-'))!;
    expect(readFileSync(join(root, '.workbook', aside), 'utf8')).toBe('{"version": 1, "exercises": {"a": ');
    await store.update('a', (p) => ({ ...p, hintLevels: { x: 2 } }));
    expect(new ProgressStore(root).read().exercises.a?.hintLevels.x).toBe(2);
    expect(existsSync(join(root, '.workbook', 'progress.json.lock'))).toBe(false);
  });
});
