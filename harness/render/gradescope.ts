/**
 * Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/): a test
 * per check with score, max_score, status, output and visibility, and a status-only test per exercise
 * for its type check (shown, not scored). Public checks are visible; hidden checks are reduced as in
 * feedback and shown after the due date (or once published), with their scenario only if the
 * instructor chose to reveal it. The visible top-level output counts public checks only, so nobody
 * can subtract a visible subtotal from it to learn a hidden loss before the deadline. Console output
 * of hidden runs never appears (a results.json is the student's view).
 */
import type { GradedCheck, GradescopeOptions, GradescopeSubmission, PairResult, StudentGrade } from '../grading/index.ts';
import { describeLate, studentCheck } from '../grading/index.ts';
import { checkFeedbackLines } from './feedback-md.ts';
import { gradeStatusWord } from './status-word.ts';

type Visibility = 'visible' | 'after_due_date' | 'after_published';

export interface GradescopeTest {
  name: string;
  number: string;
  /** Absent on a status-only test (the type check): it shows, and scores nothing. */
  score?: number;
  max_score?: number;
  status: 'passed' | 'failed';
  output: string;
  output_format: 'text';
  visibility: Visibility;
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

export interface GradescopeRenderOptions {
  readonly executionTimeS?: number;
  readonly options?: GradescopeOptions;
  readonly submission?: GradescopeSubmission;
  /** For the instructor (Gradescope shows extra_data to staff): versions and hashes. */
  readonly extraData?: Record<string, unknown>;
}

const DEFAULT_OPTIONS: GradescopeOptions = { hiddenVisibility: 'after_due_date', revealHidden: false };
const MAX_TYPE_ERRORS_SHOWN = 20;

export function renderGradescopeResults(grade: StudentGrade, options: GradescopeRenderOptions = {}): string {
  const gs = options.options ?? DEFAULT_OPTIONS;
  const tests: GradescopeTest[] = [];
  grade.pairs.forEach((p, i) => {
    let n = 0;
    const number = (): string => `${i + 1}.${++n}`;
    if (p.outcome === 'graded') tests.push(typeCheckTest(p, number()));
    for (const raw of p.checks) tests.push(checkTest(p, raw, gs, number()));
  });
  const results: GradescopeResults = {
    score: grade.score,
    ...(options.executionTimeS !== undefined ? { execution_time: options.executionTimeS } : {}),
    output: visibleSummary(grade, gs, options.submission),
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
    extra_data: { ...options.extraData, ...(options.submission !== undefined ? { submission: options.submission } : {}) },
  };
  return JSON.stringify(results, null, 2) + '\n';
}

function checkTest(p: PairResult, raw: GradedCheck, gs: GradescopeOptions, number: string): GradescopeTest {
  const hidden = raw.tier === 'hidden';
  // Revealed hidden checks show what the instructor sees, less the replay token (it names the seed) and the console.
  const c = hidden && gs.revealHidden ? { ...raw, replay: undefined, console: undefined } : studentCheck(raw);
  const lines = c.status === 'passed' ? [] : [`[${gradeStatusWord(c)}]`, ...checkFeedbackLines(c, p.exercise)];
  if (!hidden && c.status !== 'passed' && c.console) lines.push('Your code printed:', c.console);
  return {
    name: `${p.exercise}: ${c.title}`,
    number,
    score: c.status === 'passed' ? c.weight : 0,
    max_score: c.weight,
    status: c.status === 'passed' ? 'passed' : 'failed',
    output: lines.join('\n'),
    output_format: 'text',
    visibility: hidden ? gs.hiddenVisibility : 'visible',
    tags: [p.exercise, c.tier],
  };
}

function typeCheckTest(p: PairResult, number: string): GradescopeTest {
  const shown = p.typeErrors.slice(0, MAX_TYPE_ERRORS_SHOWN).map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`);
  const more = p.typeErrors.length - shown.length;
  return {
    name: `${p.exercise}: type check (shown, not scored)`,
    number,
    status: p.typeErrors.length === 0 ? 'passed' : 'failed',
    output: p.typeErrors.length === 0 ? '' : [`${p.typeErrors.length} type error${p.typeErrors.length === 1 ? '' : 's'}:`, ...shown, ...(more > 0 ? [`… and ${more} more`] : [])].join('\n'),
    output_format: 'text',
    visibility: 'visible',
    tags: [p.exercise, 'typecheck'],
  };
}

/** The always-visible output: public points only, hidden checks counted but not scored here. */
function visibleSummary(grade: StudentGrade, gs: GradescopeOptions, submission: GradescopeSubmission | undefined): string {
  const out: string[] = [];
  let score = 0;
  let max = 0;
  const lines = grade.pairs.map((p) => {
    const pub = p.checks.filter((c) => c.tier === 'public');
    const s = round(pub.reduce((a, c) => a + (c.status === 'passed' ? c.weight : 0), 0));
    const m = round(pub.reduce((a, c) => a + c.weight, 0));
    score += s;
    max += m;
    const typeErrors = p.typeErrors.length > 0 ? `; ${p.typeErrors.length} type error${p.typeErrors.length === 1 ? '' : 's'} (shown, not scored)` : '';
    return `${p.title}: ${s} / ${m} on the visible checks${typeErrors}${p.problem ? `\n  ${p.problem}` : ''}`;
  });
  out.push(`Visible checks: ${round(score)} / ${round(max)}`, ...lines);
  const hidden = grade.pairs.reduce((a, p) => a + p.checks.filter((c) => c.tier === 'hidden').length, 0);
  if (hidden > 0) out.push(`Hidden checks: ${hidden}, ${gs.hiddenVisibility === 'after_due_date' ? 'shown after the due date' : 'shown once grades are published'}.`);
  if (submission?.daysLate !== undefined && submission.daysLate > 0) out.push(`Submitted ${submission.daysLate} day${submission.daysLate === 1 ? '' : 's'} after the due date.`);
  const late = describeLate(grade.late, false);
  if (late !== undefined) out.push(`Late policy: ${late} of your score.`);
  return out.join('\n');
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
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
