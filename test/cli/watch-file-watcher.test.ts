import { EventEmitter } from 'node:events';
import type { FSWatcher } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHash } from '../../harness/cli/progress-store.ts';
import type { WatchEvent } from '../../harness/cli/watch.ts';
import { watchFileForSaves } from '../../harness/cli/watch/file-watcher.ts';

const waitFor = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

function tempFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'workbook-watch-')), 'exercise.ts');
  writeFileSync(file, 'one');
  return file;
}

describe('the file watcher', () => {
  it('reports a save through file events', async () => {
    const file = tempFile();
    const events: WatchEvent[] = [];
    const w = watchFileForSaves(file, (e) => events.push(e), { pollMs: 50, verifyMs: 1000, graceMs: 100, hash: fileHash });
    try {
      writeFileSync(file, 'two');
      await waitFor(() => events.some((e) => e.kind === 'saved'));
      expect(events.some((e) => e.kind === 'polling')).toBe(false);
    } finally {
      w.close();
    }
  });

  it('falls back to polling, and says so, when file events do not arrive', async () => {
    const file = tempFile();
    const events: WatchEvent[] = [];
    const silent = (): FSWatcher => Object.assign(new EventEmitter(), { close: () => undefined, ref: () => silent(), unref: () => silent() }) as unknown as FSWatcher;
    const w = watchFileForSaves(file, (e) => events.push(e), { pollMs: 30, verifyMs: 60, graceMs: 30, hash: fileHash, watchDir: silent });
    try {
      writeFileSync(file, 'two');
      await waitFor(() => events.some((e) => e.kind === 'polling'));
      expect(events.find((e) => e.kind === 'polling')).toMatchObject({ message: expect.stringContaining('File events did not arrive') });
      await waitFor(() => events.some((e) => e.kind === 'saved'));
      const before = events.filter((e) => e.kind === 'saved').length;
      writeFileSync(file, 'three');
      await waitFor(() => events.filter((e) => e.kind === 'saved').length > before);
    } finally {
      w.close();
    }
  });

  it('polls from the start when file events cannot be had at all', async () => {
    const file = tempFile();
    const events: WatchEvent[] = [];
    const w = watchFileForSaves(file, (e) => events.push(e), {
      pollMs: 30,
      verifyMs: 1000,
      graceMs: 30,
      hash: fileHash,
      watchDir: () => {
        throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
      },
    });
    try {
      expect(events[0]).toMatchObject({ kind: 'polling', message: expect.stringContaining('File events are not available here (ENOSPC') });
      writeFileSync(file, 'two');
      await waitFor(() => events.some((e) => e.kind === 'saved'));
    } finally {
      w.close();
    }
  });
});
