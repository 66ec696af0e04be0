import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressStore } from '../../harness/cli/progress-store.ts';
import { EXERCISE_FILE, FAILING_FILE, scratchWorkbook, workbookIn } from '../fixtures/ux/scratch-workbook.ts';
import { packageRoot } from '../../harness/grading/index.ts';

describe('workbook report', () => {
  it('writes one HTML file with the checks and a diagram of the failing run', async () => {
    const dir = scratchWorkbook();
    writeFileSync(join(dir, EXERCISE_FILE), readFileSync(join(packageRoot(), FAILING_FILE)));
    const out = join(dir, 'my-report.html');
    const r = await workbookIn(dir, ['report', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote the report to ${out}`);
    expect(r.stderr).toContain('Checking failover-coordinator …');
    const html = readFileSync(out, 'utf8');
    expect(statSync(out).size).toBeLessThan(15 * 1024 * 1024);
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain('✗ Cluster: No acknowledged write is lost');
    expect(html).toMatch(/<svg [^>]*class="lamport"/);
    expect(html).toMatch(/<g class="lane" data-lane="coordinator">/);
    expect(html).toMatch(/class="msg[^"]*violation"|class="note violation"/);
    expect(html).toContain('The chapter guide');
    expect(new ProgressStore(dir).read().exercises['failover-coordinator']?.lastCheck?.passed).toBe(false);
  });

  it('for an untouched stub: the checks say "not implemented yet", no diagram', async () => {
    const dir = scratchWorkbook();
    const r = await workbookIn(dir, ['report']);
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, '.workbook', 'report.html'), 'utf8');
    expect(html).toContain('[not-implemented]');
    expect(html).not.toContain('<svg ');
  });
});
