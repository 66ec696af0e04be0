/**
 * A check's status in one or two words, the same in the terminal, in feedback files and in the
 * platforms' outputs.
 */
import type { CheckResult } from '../curriculum/index.ts';

export function gradeStatusWord(c: Pick<CheckResult, 'status'>): string {
  switch (c.status) {
    case 'passed':
      return 'passed';
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
