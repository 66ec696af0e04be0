/**
 * Feedback, gradebook and JUnit renderers on a hand-made grade whose every student-controlled string is
 * hostile: markup, backticks, formula prefixes, control characters.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { studentGrade, type GradedCheck, type PairResult } from '../../harness/grading/index.ts';
import { classroomResult, csvCell, renderClassroomResultBase64, renderFeedbackHtml, renderFeedbackMarkdown, renderGradebookCsv, renderJunit } from '../../harness/render/index.ts';
import { parseXml } from '../grading/grade-fixtures.ts';

const EVIL = '<script>alert(1)</script> ``` ](javascript:x) & "q" \u0007';

function check(over: Partial<GradedCheck>): GradedCheck {
  return { id: 'c', title: 'A check', weight: 2, status: 'passed', message: '', details: [], tier: 'public', ...over };
}

const pair: PairResult = {
  student: '=HYPERLINK("x")',
  exercise: 'failover-coordinator',
  title: 'Failover coordinator',
  outcome: 'graded',
  submitted: `exercises/${EVIL}.ts`,
  submissionHash: 'h',
  typeErrors: [],
  checks: [
    check({ id: 'a', status: 'failed', message: `electNewLeader threw Error: ${EVIL}`, console: `printed ${EVIL}` }),
    check({ id: 'b' }),
    check({ id: 'hidden:c', title: 'Hidden one', tier: 'hidden', status: 'failed', message: 'write c1-9 was lost at t=5ms', replay: 'SECRET-TOKEN', console: 'hidden console' }),
    check({ id: 'hidden:d', title: 'Hidden two', tier: 'hidden', status: 'crashed', message: `validateSafeFailover crashed the learner process: out of memory ${EVIL}` }),
  ],
  score: 2,
  maxScore: 8,
};
const grade = studentGrade('=HYPERLINK("x")', [pair]);

describe('student feedback', () => {
  it('escapes every student string in HTML and forbids network loads', () => {
    const html = renderFeedbackHtml(grade);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('\u0007');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">/);
  });

  it('fences or escapes every student string in Markdown', () => {
    const md = renderFeedbackMarkdown(grade);
    // The console output contains ``` so its fence is longer.
    expect(md).toContain('````text');
    // Rendered by a Markdown renderer that passes raw HTML through, nothing becomes markup or a link.
    const html = new MarkdownIt({ html: true }).render(md);
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/<a |href=/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows what reading the submission skipped, escaped, under the original name', () => {
    const named = studentGrade('s-1', [pair], { name: `李雷 ${EVIL}`, intakeWarnings: [`skipped "${EVIL}" in the archive: a SymbolicLink`] });
    const html = renderFeedbackHtml(named);
    expect(html).toContain('<h1>Feedback for 李雷 &lt;script&gt;');
    expect(html).toContain('<li>skipped &quot;&lt;script&gt;');
    const md = new MarkdownIt({ html: true }).render(renderFeedbackMarkdown(named));
    expect(md).toContain('Feedback for 李雷');
    expect(md).toContain('skipped');
    expect(md).not.toContain('<script>');
  });

  it('reduces hidden checks to the property and a reason word', () => {
    for (const text of [renderFeedbackMarkdown(grade), renderFeedbackHtml(grade), JSON.stringify(classroomResult(grade))]) {
      expect(text).not.toContain('SECRET-TOKEN');
      expect(text).not.toContain('c1-9');
      expect(text).not.toContain('hidden console');
      expect(text).toContain('violated in a hidden scenario');
      expect(text).toContain('out of memory: the process running your code ended during a hidden scenario');
    }
  });

  it('gives GitHub Classroom base64 JSON in its reporter format', () => {
    const decoded = JSON.parse(Buffer.from(renderClassroomResultBase64(grade), 'base64').toString('utf8'));
    expect(decoded).toMatchObject({ version: 1, status: 'fail', max_score: 8 });
    expect(decoded.tests).toHaveLength(4);
    expect(decoded.tests.map((t: { score: number }) => t.score)).toEqual([0, 2, 0, 0]);
  });
});

describe('gradebook CSV', () => {
  it('defuses every formula start, tab and CR included, and leaves negative numbers numbers', () => {
    expect(['=1+1', '+1', '-x', '@SUM(A1)', '\tx', '\rx', '-1', '-9.6', '3'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-x", "'@SUM(A1)", "'\tx", '"\'\rx"', '-1', '-9.6', '3']);
  });

  it('quotes, and defuses spreadsheet formulas', () => {
    const csv = renderGradebookCsv([grade], ['failover-coordinator']);
    expect(csv).toBe('student,failover-coordinator,total,max,percent,notes\r\n"\'=HYPERLINK(""x"")",2,2,8,25,\r\n');
  });
});

describe('JUnit XML', () => {
  it('parses, with failures and errors counted', () => {
    const xml = parseXml(renderJunit([grade]));
    expect(xml.attrs).toMatchObject({ tests: '4', failures: '2', errors: '1' });
    const suite = xml.children[0]!;
    expect(suite.attrs.name).toBe('=HYPERLINK("x") / failover-coordinator');
    const failed = suite.children.filter((c) => c.name === 'testcase')[0]!;
    expect(failed.children[0]!.name).toBe('failure');
    expect(failed.children[0]!.text).toContain('<script>alert(1)</script>');
    // The instructor's JUnit keeps hidden details; the student view does not.
    expect(renderJunit([grade])).toContain('c1-9');
    expect(renderJunit([grade], { view: 'student' })).not.toContain('c1-9');
  });
});
