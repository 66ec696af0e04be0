/**
 * CI's last lines (scripts/ci-summary.js): a failing test or a file that failed outside any test is
 * named above the summary line, and a leg that failed without a report still counts as failed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript script, without declarations.
import { countLeg, summaryLines } from '../../scripts/ci-summary.js';

const cwd = '/repo';
const passing = { numPassedTests: 3, numFailedTests: 0, testResults: [{ name: '/repo/test/a.test.ts', status: 'passed', assertionResults: [{ status: 'passed', title: 'a' }] }] };
const failing = {
  numPassedTests: 5,
  numFailedTests: 1,
  numFailedTestSuites: 2,
  testResults: [
    {
      name: '/repo/test/grading/pool.test.ts',
      status: 'failed',
      assertionResults: [
        { status: 'passed', title: 'fine' },
        { status: 'failed', title: 'grades it', fullName: 'pool re-arms grades it', failureMessages: ['AssertionError: expected 1 to be 2\n    at line 3'] },
      ],
    },
    { name: '/repo/test/cli/hook.test.ts', status: 'failed', message: 'Error: afterAll hook timed out\nstack', assertionResults: [{ status: 'passed', title: 'x' }] },
  ],
};

describe('the CI summary', () => {
  it('names each failing test and each file that failed outside a test, then counts both legs', () => {
    expect(summaryLines([{ report: failing, status: '1', name: 'node v20' }, { report: passing, status: '0', name: 'node 26' }], cwd)).toEqual([
      'FAILED (node v20) test/grading/pool.test.ts > pool re-arms grades it: AssertionError: expected 1 to be 2',
      'FAILED (node v20) test/cli/hook.test.ts: Error: afterAll hook timed out',
      '8 passed, 1 failed',
    ]);
  });

  it('counts a leg that exited non-zero without a report, or with failed files only, as failed', () => {
    expect(countLeg({}, '1')).toEqual({ passed: 0, failed: 1 });
    expect(countLeg({}, 1)).toEqual({ passed: 0, failed: 1 });
    expect(countLeg({ numPassedTests: 4, numFailedTests: 0, numFailedTestSuites: 1 }, '1')).toEqual({ passed: 4, failed: 1 });
    expect(countLeg(passing, '0')).toEqual({ passed: 3, failed: 0 });
  });

  const temp = mkdtempSync(join(tmpdir(), 'ci-summary-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  it('reads its reports from the command line, a missing one as empty', () => {
    const report = join(temp, 'first.json');
    writeFileSync(report, JSON.stringify(passing));
    const out = execFileSync(process.execPath, [join(import.meta.dirname, '../../scripts/ci-summary.js'), report, '0', 'node v20', join(temp, 'missing.json'), '1', 'node 26'], { encoding: 'utf8' });
    expect(out).toBe('3 passed, 1 failed\n');
  });
});
