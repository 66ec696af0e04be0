/**
 * A learner pipes long output into `head`: the pipe closes before the workbook is done writing, and
 * the command must end quietly with success, not with an EPIPE stack trace.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchWorkbook } from '../fixtures/ux/scratch-workbook.ts';

function piped(dir: string, args: string): Promise<{ status: string; stderr: string; firstLine: string }> {
  // PIPESTATUS[0] is the workbook's own exit code, not head's.
  const script = `node ${join(dir, 'bin', 'workbook.js')} ${args} | head -n 1; echo "status=\${PIPESTATUS[0]}" >&2`;
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } }, (_error, stdout, stderr) => {
      resolve({ status: /status=(\d+)/.exec(stderr)?.[1] ?? '?', stderr: stderr.replace(/status=\d+\n?/, ''), firstLine: stdout.split('\n')[0]! });
    });
  });
}

describe('output into a pipe that closes early', () => {
  const dir = scratchWorkbook();
  for (const args of ['read', 'read 2.3', 'hint failover-coordinator']) {
    it(`workbook ${args} | head -n 1 exits 0 without a stack`, async () => {
      const r = await piped(dir, args);
      expect(r.firstLine.length).toBeGreaterThan(0);
      expect(r.stderr).not.toMatch(/EPIPE|at .*\(|node:events/);
      expect(r.status).toBe('0');
    });
  }
});
