/**
 * Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/): a test
 * per check with score, max_score, status, output and visibility. Public checks are visible; hidden
 * checks are reduced as in feedback and shown after the due date. Console output of hidden runs never
 * appears (a results.json is the student's view).
 */
import type { StudentGrade } from '../grading/index.ts';
import { studentPair } from '../grading/index.ts';
import { checkFeedbackLines } from './feedback-md.ts';
import { gradeStatusWord } from './status-word.ts';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  output_format: 'text';
  visibility: 'visible' | 'after_due_date';
  tags: string[];
}

export interface GradescopeResults {
  score: number;
  execution_time?: number;
  output: string;
  output_format: 'text';
  visibility: 'visible';
  stdout_visibility: 'hidden';
  tests: GradescopeTest[];
  extra_data?: Record<string, unknown>;
}

export function renderGradescopeResults(grade: StudentGrade, options: { executionTimeS?: number } = {}): string {
  const tests: GradescopeTest[] = [];
  grade.pairs.forEach((raw, i) => {
    const p = studentPair(raw);
    p.checks.forEach((c, j) => {
      const lines = c.status === 'passed' ? [] : [`[${gradeStatusWord(c)}]`, ...checkFeedbackLines(c, p.exercise)];
      if (c.tier === 'public' && c.status !== 'passed' && c.console) lines.push('Your code printed:', c.console);
      tests.push({
        name: `${p.exercise}: ${c.title}`,
        number: `${i + 1}.${j + 1}`,
        score: c.status === 'passed' ? c.weight : 0,
        max_score: c.weight,
        status: c.status === 'passed' ? 'passed' : 'failed',
        output: lines.join('\n'),
        output_format: 'text',
        visibility: c.tier === 'hidden' ? 'after_due_date' : 'visible',
        tags: [p.exercise, c.tier],
      });
    });
  });
  const summary = grade.pairs.map((p) => `${p.title}: ${p.score} / ${p.maxScore}${p.problem ? `\n  ${p.problem}` : ''}`);
  const results: GradescopeResults = {
    score: grade.score,
    ...(options.executionTimeS !== undefined ? { execution_time: options.executionTimeS } : {}),
    output: [`Total: ${grade.score} / ${grade.maxScore}`, ...summary].join('\n'),
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
  return JSON.stringify(results, null, 2) + '\n';
}

/** The results.json written when grading itself failed: zero points, and a message that says so. */
export function renderGradescopeError(message: string): string {
  const results: GradescopeResults = {
    score: 0,
    output: `The autograder failed with an internal error; this is not a grade of your work. Please tell your instructor.\n${message}`,
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests: [],
  };
  return JSON.stringify(results, null, 2) + '\n';
}
