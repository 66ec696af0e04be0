/**
 * The terminal's marks mean one thing each: ✓ passed, ✗ failed, – skipped (not judged), i information
 * (what a passed check adds: lessons, notes, runs it could not judge).
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../harness/curriculum/index.ts';
import type { ExerciseResult } from '../../harness/grading/index.ts';
import { checkMark, gradeStatusWord } from '../../harness/render/status-word.ts';
import { renderResultText } from '../../harness/render/result-text.ts';
import { PLAIN } from '../../harness/render/style.ts';

const check = (id: string, c: Partial<CheckResult>): CheckResult => ({ id, title: `title of ${id}`, weight: 1, status: 'passed', message: '', details: [], ...c });

const result: ExerciseResult = {
  exercise: 'x',
  title: 'X',
  file: 'x.ts',
  passed: false,
  score: 1,
  maxScore: 3,
  typeErrors: [],
  checks: [
    check('noted', { details: ['lesson (information, not a failure): something seen in 3 of 40 runs'] }),
    check('optional', { skipped: true, details: ['skipped: your file does not export f (optional, unweighted)'] }),
    check('broken', { status: 'failed', cause: 'property', message: 'it broke', details: ['the view', '2 writes never got an answer'], info: ['2 writes never got an answer'] }),
  ],
};

describe('marks', () => {
  it('give each check line one meaning, and mark what a passed check adds as information', () => {
    const lines = renderResultText(result, { style: PLAIN, replayCommand: 'workbook check x --replay' }).split('\n');
    expect(lines).toContain('✓ title of noted');
    expect(lines).toContain('    i lesson (information, not a failure): something seen in 3 of 40 runs');
    expect(lines).toContain('– title of optional');
    expect(lines).toContain('    skipped: your file does not export f (optional, unweighted)');
    expect(lines.some((l) => l.startsWith('✗ title of broken'))).toBe(true);
    // A failure's information lines are marked; the lines that explain it are not.
    expect(lines).toContain('    i 2 writes never got an answer');
    expect(lines).toContain('    the view');
  });

  it('name a skipped check skipped, not passed', () => {
    expect([checkMark({ status: 'passed', skipped: true }), gradeStatusWord({ status: 'passed', skipped: true })]).toEqual(['–', 'skipped']);
    expect([checkMark({ status: 'passed' }), gradeStatusWord({ status: 'passed' })]).toEqual(['✓', 'passed']);
    expect(checkMark({ status: 'timed-out' })).toBe('✗');
  });
});
