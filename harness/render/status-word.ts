/**
 * A check's status in one or two words, the same in the terminal, in feedback files and in the
 * platforms' outputs; and the terminal's marks, each meaning one thing.
 */
import type { CheckResult } from '../curriculum/index.ts';

export function gradeStatusWord(c: Pick<CheckResult, 'status'> & Partial<Pick<CheckResult, 'skipped'>>): string {
  switch (c.status) {
    case 'passed':
      // Not judged at all is not a pass, though it costs no points.
      return c.skipped === true ? 'skipped' : 'passed';
    case 'failed':
      return 'failed';
    case 'not-implemented':
      return 'not implemented yet';
    case 'timed-out':
      return 'timed out';
    case 'crashed':
      return 'crashed';
    case 'harness-bug':
      return 'internal error';
  }
}

/** The terminal's marks: ✓ passed, ✗ failed (any way of not passing), – skipped (not judged), i information. */
export const MARKS = { passed: '✓', failed: '✗', skipped: '–', info: 'i' } as const;

/** The mark of a check's line: skipped when it passed without being judged. */
export function checkMark(c: Pick<CheckResult, 'status'> & Partial<Pick<CheckResult, 'skipped'>>): string {
  if (c.status !== 'passed') return MARKS.failed;
  return c.skipped === true ? MARKS.skipped : MARKS.passed;
}
