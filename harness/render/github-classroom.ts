/**
 * GitHub Classroom: the results the `autograding-grading-reporter` action reads (one base64 JSON per
 * "runner", from the environment variable `<RUNNER>_RESULTS`: version, status, max_score, tests with
 * name, status, score, message), and the workflow that runs `workbook grade --github-classroom`.
 *
 * The reporter's table scores a runner as (passed tests / tests) × max_score, ignoring each test's
 * own score, while Classroom records the sum of the tests' scores. The two agree only when every test
 * of a runner has the same weight, so there is one runner per (exercise, check weight): both then
 * equal the weights of the passed checks. The runners are known before grading, from the exercises'
 * declared checks and the configuration, so the workflow lists them.
 */
import { EXERCISES, WORKBOOK_COMMAND } from '../curriculum/index.ts';
import type { GradeConfig, StudentGrade } from '../grading/index.ts';
import { pointsFactor, scaleWeight, studentPair } from '../grading/index.ts';
import { checkFeedbackLines } from './feedback-md.ts';
import { gradeStatusWord } from './status-word.ts';

type Status = 'pass' | 'fail' | 'error';

export interface ClassroomTest {
  name: string;
  status: Status;
  score: number;
  max_score: number;
  message: string;
  test_code: string;
  filename: string;
  line_no: number;
  execution_time: string;
}

export interface ClassroomResult {
  version: 1;
  status: Status;
  max_score: number;
  tests: ClassroomTest[];
}

/** One reporter runner: the checks of one exercise that weigh `weight`. */
export interface ClassroomRunner {
  /** Letters and digits only (the reporter's rule); its results go in `<ID>_RESULTS`. */
  readonly id: string;
  readonly exercise: string;
  readonly weight: number;
}

/** Versions the workflow pins: Node exactly, and each action by commit with its tag alongside. */
export const CLASSROOM_ACTIONS = {
  checkout: { uses: 'actions/checkout', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  setupNode: { uses: 'actions/setup-node', sha: '820762786026740c76f36085b0efc47a31fe5020', tag: 'v7.0.0' },
  reporter: { uses: 'classroom-resources/autograding-grading-reporter', sha: 'a2033d213700508fc3523e303c93c8cc470fdaa6', tag: 'v1' },
} as const;

/** A failed check's message is cut here: the full feedback goes to the step summary, and outputs are capped at 1 MB. */
const MAX_MESSAGE_CHARS = 2000;

/** The runners of a configuration, in workbook order then by weight. */
export function classroomRunners(config: GradeConfig): ClassroomRunner[] {
  const out: ClassroomRunner[] = [];
  for (const id of config.exercises) {
    const exercise = EXERCISES.find((e) => e.id === id);
    if (exercise === undefined) continue;
    const hidden = config.hidden[id];
    // Scaled as grading scales them (points.ts).
    const factor = pointsFactor(exercise, config);
    const scaled = (w: number): number => scaleWeight(w, factor);
    const weights = new Set<number>();
    for (const g of exercise.groups) {
      const tiers = g.tiers ?? ['public'];
      for (const c of g.checks) {
        if (tiers.includes('public')) weights.add(scaled(c.weight));
        if (hidden !== undefined && tiers.includes('hidden')) weights.add(scaled(c.weight * hidden.weight));
      }
    }
    for (const weight of [...weights].sort((a, b) => a - b)) out.push({ id: runnerId(id, weight), exercise: id, weight });
  }
  return out;
}

function runnerId(exercise: string, weight: number): string {
  return `${exercise.replace(/[^A-Za-z0-9]/g, '')}w${String(weight).replace(/[^0-9]/g, 'p')}`;
}

/** Each runner's result for one student (every runner gets one, so the reporter never reads an empty variable). */
export function classroomRunnerResults(grade: StudentGrade, runners: readonly ClassroomRunner[]): Map<string, ClassroomResult> {
  const out = new Map<string, ClassroomResult>();
  for (const r of runners) {
    const tests = grade.pairs
      .filter((p) => p.exercise === r.exercise)
      .flatMap((raw) => testsOf(studentPair(raw)).filter((t) => sameWeight(t.max_score, r.weight)));
    // An empty runner would score 0/0 = NaN in the reporter's table: a single zero-point line instead.
    out.set(r.id, tests.length > 0 ? resultOf(tests) : resultOf([{ ...placeholder(r), max_score: 0 }]));
  }
  return out;
}

function placeholder(r: ClassroomRunner): ClassroomTest {
  return { name: `${r.exercise}: no check of weight ${r.weight}`, status: 'pass', score: 0, max_score: 0, message: '', test_code: '', filename: '', line_no: 0, execution_time: '0s' };
}

function sameWeight(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}

/** Every check of a grade as one result (all weights together: not for the reporter's table). */
export function classroomResult(grade: StudentGrade): ClassroomResult {
  const result = resultOf(grade.pairs.flatMap((raw) => testsOf(studentPair(raw))));
  return { ...result, max_score: grade.maxScore };
}

function testsOf(p: StudentGrade['pairs'][number]): ClassroomTest[] {
  return p.checks.map((c) => ({
    name: `${p.exercise}: ${c.title}`,
    status: c.status === 'passed' ? 'pass' : c.status === 'harness-bug' ? 'error' : 'fail',
    score: c.status === 'passed' ? c.weight : 0,
    max_score: c.weight,
    message: c.status === 'passed' ? '' : cut(`${gradeStatusWord(c)}: ${checkFeedbackLines(c, p.exercise).join('\n')}`),
    test_code: `${WORKBOOK_COMMAND} check ${p.exercise}`,
    filename: p.submitted ?? '',
    line_no: 0,
    execution_time: '0s',
  }));
}

function resultOf(tests: ClassroomTest[]): ClassroomResult {
  const status: Status = tests.some((t) => t.status === 'error') ? 'error' : tests.every((t) => t.status === 'pass') ? 'pass' : 'fail';
  const max = Math.round(tests.reduce((s, t) => s + t.max_score, 0) * 100) / 100;
  return { version: 1, status, max_score: max, tests };
}

function cut(text: string): string {
  return text.length <= MAX_MESSAGE_CHARS ? text : `${text.slice(0, MAX_MESSAGE_CHARS)}… (cut; the whole message is in the job summary)`;
}

/** A result as the step output value: base64 of its JSON. */
export function encodeClassroomResult(result: ClassroomResult): string {
  return Buffer.from(JSON.stringify(result), 'utf8').toString('base64');
}

/** Every check as one base64 result (see `classroomResult`). */
export function renderClassroomResultBase64(grade: StudentGrade): string {
  return encodeClassroomResult(classroomResult(grade));
}

export interface ClassroomWorkflowOptions {
  /** Exact Node version for actions/setup-node. */
  readonly nodeVersion: string;
  /** The configuration file in the assignment repository, if the grade step should read one. */
  readonly configPath?: string;
}

/** The workflow file (.github/workflows/classroom.yml) for an assignment repository made from the workbook. */
export function renderClassroomWorkflow(runners: readonly ClassroomRunner[], options: ClassroomWorkflowOptions): string {
  const pin = (a: { uses: string; sha: string; tag: string }): string => `${a.uses}@${a.sha} # ${a.tag}`;
  const env = runners.map((r) => `          ${r.id.toUpperCase()}_RESULTS: "\${{ steps.workbook.outputs.${r.id} }}"`).join('\n');
  const config = options.configPath !== undefined ? ` --config ${JSON.stringify(options.configPath)}` : '';
  // The job id is the check run the reporter updates with the points: it must stay run-autograding-tests.
  return `name: Autograding Tests
"on":
  - push
  - repository_dispatch
  - workflow_dispatch
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    timeout-minutes: 30
    steps:
      - name: Checkout code
        uses: ${pin(CLASSROOM_ACTIONS.checkout)}
      - name: Set up Node.js
        uses: ${pin(CLASSROOM_ACTIONS.setupNode)}
        with:
          node-version: "${options.nodeVersion}"
      - name: Install the workbook
        run: npm ci
      - name: Grade with the workbook
        id: workbook
        run: node bin/workbook.js grade --github-classroom${config}
      - name: Autograding Reporter
        uses: ${pin(CLASSROOM_ACTIONS.reporter)}
        env:
${env}
        with:
          runners: ${runners.map((r) => r.id).join(',')}
`;
}
