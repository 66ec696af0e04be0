/**
 * GitHub Classroom's autograding result (the format the `autograding-grading-reporter` action reads
 * from a step output, base64-encoded JSON: version, status, max_score, tests with name, status, score,
 * message), and the workflow that runs `workbook grade --github-classroom` and reports it.
 */
import type { StudentGrade } from '../grading/index.ts';
import { studentPair } from '../grading/index.ts';
import { checkFeedbackLines } from './feedback-md.ts';
import { gradeStatusWord } from './status-word.ts';
import { WORKBOOK_COMMAND } from '../curriculum/index.ts';

export interface ClassroomResult {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: { name: string; status: 'pass' | 'fail' | 'error'; score: number; max_score: number; message: string; test_code: string; filename: string; line_no: number; execution_time: string }[];
}

export function classroomResult(grade: StudentGrade): ClassroomResult {
  const tests = grade.pairs.flatMap((raw) => {
    const p = studentPair(raw);
    return p.checks.map((c) => ({
      name: `${p.exercise}: ${c.title}`,
      status: c.status === 'passed' ? ('pass' as const) : c.status === 'harness-bug' ? ('error' as const) : ('fail' as const),
      score: c.status === 'passed' ? c.weight : 0,
      max_score: c.weight,
      message: c.status === 'passed' ? '' : `${gradeStatusWord(c)}: ${checkFeedbackLines(c, p.exercise).join('\n')}`,
      test_code: `${WORKBOOK_COMMAND} check ${p.exercise}`,
      filename: p.submitted ?? '',
      line_no: 0,
      execution_time: '0s',
    }));
  });
  const status = tests.some((t) => t.status === 'error') ? 'error' : tests.every((t) => t.status === 'pass') ? 'pass' : 'fail';
  return { version: 1, status, max_score: grade.maxScore, tests };
}

/** The result as the step output value: base64 of its JSON. */
export function renderClassroomResultBase64(grade: StudentGrade): string {
  return Buffer.from(JSON.stringify(classroomResult(grade)), 'utf8').toString('base64');
}

/** The workflow file (.github/workflows/classroom.yml) for an assignment repository made from the workbook. */
export function renderClassroomWorkflow(options: { nodeVersion?: string } = {}): string {
  return `name: Autograding Tests
"on":
  - push
  - workflow_dispatch
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    steps:
      - name: Checkout code
        uses: actions/checkout@v4
      - name: Set up Node.js
        uses: actions/setup-node@v4
        with:
          node-version: "${options.nodeVersion ?? '20'}"
      - name: Install the workbook
        run: npm ci
      - name: Grade with the workbook
        id: workbook
        run: node bin/workbook.js grade --github-classroom
      - name: Autograding Reporter
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
          WORKBOOK_RESULTS: "\${{ steps.workbook.outputs.result }}"
        with:
          runners: workbook
`;
}
