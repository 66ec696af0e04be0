/**
 * Grades as JUnit XML, for CI dashboards and LMS importers: a test suite per (student, exercise), a
 * test case per check. `failed` and `not-implemented` are failures; `timed-out`, `crashed` and
 * `harness-bug` are errors (the code did not finish). Deterministic: no timestamps or durations.
 */
import type { GradedCheck, StudentGrade } from '../grading/index.ts';
import { studentPair } from '../grading/index.ts';
import { checkFeedbackLines } from './feedback-md.ts';

export interface JunitOptions {
  /** `student` reduces hidden checks as feedback does; `instructor` (the default) keeps everything. */
  readonly view?: 'instructor' | 'student';
}

export function renderJunit(students: readonly StudentGrade[], options: JunitOptions = {}): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const s of students) {
    for (const raw of s.pairs) {
      const p = options.view === 'student' ? studentPair(raw) : raw;
      const f = p.checks.filter((c) => kind(c) === 'failure').length;
      const e = p.checks.filter((c) => kind(c) === 'error').length;
      tests += p.checks.length;
      failures += f;
      errors += e;
      const cases = p.checks.map((c) => testcase(c, `${s.student}.${p.exercise}`, p.exercise));
      suites.push(
        `  <testsuite name="${attr(`${s.student} / ${p.exercise}`)}" tests="${p.checks.length}" failures="${f}" errors="${e}" skipped="0">\n` +
          `    <properties><property name="student_name" value="${attr(s.name ?? s.student)}"/>${s.lmsId !== undefined ? `<property name="lms_id" value="${attr(s.lmsId)}"/>` : ''}<property name="score" value="${p.score}"/><property name="max_score" value="${p.maxScore}"/><property name="outcome" value="${p.outcome}"/></properties>\n` +
          cases.join('') +
          '  </testsuite>\n',
      );
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ddia-workbook" tests="${tests}" failures="${failures}" errors="${errors}">\n${suites.join('')}</testsuites>\n`;
}

function kind(c: GradedCheck): 'pass' | 'failure' | 'error' {
  switch (c.status) {
    case 'passed':
      return 'pass';
    case 'failed':
    case 'not-implemented':
      return 'failure';
    case 'timed-out':
    case 'crashed':
    case 'harness-bug':
      return 'error';
  }
}

function testcase(c: GradedCheck, classname: string, exercise: string): string {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(c.title)}"`;
  const k = kind(c);
  if (k === 'pass') return `${open}/>\n`;
  const body = text([...checkFeedbackLines(c, exercise), ...(c.console ? ['Console:', c.console] : [])].join('\n'));
  return `${open}>\n      <${k} message="${attr(c.message.split('\n')[0] ?? '')}" type="${c.status}">${body}</${k}>\n    </testcase>\n`;
}

const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function text(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\r?\n/g, '&#10;');
}
