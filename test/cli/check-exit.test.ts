/**
 * A one-shot `workbook check` exits by itself and leaves nothing running: not the bundler's service
 * process, not the compiler, and no spare worker holds the process up (a flowing stdout of an unused
 * spare once did, on a check answered from the stored result).
 * Every process the check starts inherits its environment, so a marker in it finds them all.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-workbook.ts';

/** Pids of live processes whose environment holds `marker`. */
function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(join('/proc', name, 'environ'), 'latin1').includes(marker)) found.push(Number(name));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

describe.skipIf(process.platform !== 'linux')('workbook check exits clean', () => {
  it.each([
    ['a full check', ['--no-cache']],
    ['a check answered from the stored result', []],
    ['a file that does not load', ['--file', join(ROOT, 'test/fixtures/cli/missing-export.ts')]],
  ])('%s: exits by itself and leaves no process behind', (_, extra) => {
    const marker = `WORKBOOK_EXIT_TEST_${process.pid}_${extra.length}_${Date.now()}`;
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'workbook.js'), 'check', 'failover-coordinator', '--solution', '--schedules', '5', ...extra].filter((a, i, all) => !(a === '--solution' && all.includes('--file'))), {
      cwd: ROOT,
      env: { ...process.env, [marker]: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.signal, 'the check had to be killed: something kept it alive').toBeNull();
    expect(r.status, r.stderr).not.toBeNull();
    expect(processesWith(marker)).toEqual([]);
  });
});
