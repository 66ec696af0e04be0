/**
 * GitHub Classroom: the results go through the real reporter's scoring logic (transcribed in
 * test/fixtures/classroom/reporter-logic.ts), whose table must show what Classroom records; the
 * workflow `workbook autograder github` writes is checked against what Classroom and the reporter
 * need (triggers, job id, runner ids and their variables, Node and actions pinned exactly); and
 * `workbook grade --github-classroom` puts the feedback in the job summary.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PLATFORM_NODE_VERSION } from '../../harness/cli/commands/autograder.ts';
import { parseGradeConfig, studentGrade, type GradedCheck, type PairResult } from '../../harness/grading/index.ts';
import { classroomResult, classroomRunnerResults, classroomRunners, encodeClassroomResult, renderClassroomWorkflow, type ClassroomRunner } from '../../harness/render/index.ts';
import { classroomPoints, readRunners, reporterFails, RUNNERS_PATTERN, tableTotals } from '../fixtures/classroom/reporter-logic.ts';
import { workbook } from '../cli/run-workbook.ts';
import { CLASS, CLASS_CONFIG } from '../grading/grade-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'ddia-classroom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The reporter's view of a workflow run (the workflow read as YAML): the runners input, and each `<ID>_RESULTS` from the step outputs. */
function reporterInput(workflow: string, outputs: Record<string, string>): { runners: string; env: Record<string, string> } {
  const steps = (parse(workflow) as { jobs: Record<string, { steps: { uses?: string; with?: { runners?: string }; env?: Record<string, string> }[] }> }).jobs['run-autograding-tests']!.steps;
  const reporter = steps.find((s) => s.uses?.startsWith('classroom-resources/autograding-grading-reporter@'))!;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(reporter.env ?? {})) env[k] = outputs[/^\$\{\{ steps\.workbook\.outputs\.([A-Za-z0-9]+) \}\}$/.exec(v)![1]!]!;
  return { runners: reporter.with!.runners!, env };
}

function check(over: Partial<GradedCheck>): GradedCheck {
  return { id: 'c', title: 'A check', weight: 1, status: 'passed', message: '', details: [], tier: 'public', ...over };
}

describe('GitHub Classroom', () => {
  it('one runner per exercise and weight: the reporter table shows exactly the points Classroom records', () => {
    const exercise = 'failover-coordinator';
    const checks = [
      check({ id: 'a', weight: 1 }),
      check({ id: 'b', weight: 1, status: 'failed' }),
      check({ id: 'c', weight: 2 }),
      check({ id: 'd', weight: 3, status: 'failed' }),
      check({ id: 'hidden:e', weight: 1.5, tier: 'hidden' }),
    ];
    const pair: PairResult = { student: 's', exercise, title: 'T', outcome: 'graded', submitted: 'x.ts', submissionHash: 'h', typeErrors: [], checks, score: 4.5, maxScore: 8.5 };
    const grade = studentGrade('s', [pair]);
    const runners: ClassroomRunner[] = [1, 1.5, 2, 3].map((w) => ({ id: `fc${String(w).replace('.', 'p')}`, exercise, weight: w }));
    const results = [...classroomRunnerResults(grade, runners)].map(([runner, r]) => ({ runner, results: r }));
    expect(tableTotals(results)).toEqual({ score: 4.5, maxScore: 8.5 });
    expect(classroomPoints(results)).toEqual({ totalPoints: 4.5, maxPoints: 8.5 });
    expect(reporterFails(results)).toBe(true);
    // The flaw this layout avoids: all checks in one runner, the table weighs them equally (3/5 × 8.5).
    const single = [{ runner: 'all', results: classroomResult(grade) }];
    expect(tableTotals(single).score).toBeCloseTo(5.1);
    expect(classroomPoints(single).totalPoints).toBe(4.5);
  });

  it('gives every runner a result, never an empty one the table would score NaN', () => {
    const grade = studentGrade('s', []);
    const results = [...classroomRunnerResults(grade, [{ id: 'none', exercise: 'failover-coordinator', weight: 1 }])].map(([runner, r]) => ({ runner, results: r }));
    expect(tableTotals(results)).toEqual({ score: 0, maxScore: 0 });
    expect(classroomPoints(results)).toEqual({ totalPoints: 0, maxPoints: 0 });
  });

  it('writes a workflow with Classroom triggers, the reporter job id, exact Node and actions pinned by commit', () => {
    const config = parseGradeConfig(JSON.parse(readFileSync(CLASS_CONFIG, 'utf8')), 'test');
    const runners = classroomRunners(config);
    const workflow = renderClassroomWorkflow(runners, { nodeVersion: PLATFORM_NODE_VERSION });
    expect(workflow).toMatch(/^"on":\n {2}- push\n {2}- repository_dispatch\n {2}- workflow_dispatch\n/m);
    expect(workflow).toMatch(/^jobs:\n {2}run-autograding-tests:\n/m);
    expect(workflow).toContain(`node-version: "${PLATFORM_NODE_VERSION}"`);
    const uses = [...workflow.matchAll(/^\s+uses: (.+)$/gm)].map((m) => m[1]!);
    expect(uses).toHaveLength(3);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
    const input = /^ {10}runners: (.+)$/m.exec(workflow)![1]!;
    expect(input).toMatch(RUNNERS_PATTERN);
    expect(input.split(',')).toEqual(runners.map((r) => r.id));
    for (const r of runners) expect(workflow).toContain(`${r.id.toUpperCase()}_RESULTS: "\${{ steps.workbook.outputs.${r.id} }}"`);
  });

  it('grades a repository: step outputs the reporter reads, scoring as the gradebook does, and the feedback in the job summary', async () => {
    const repo = join(dir, 'repo');
    cpSync(join(CLASS, 'carol-partial'), repo, { recursive: true });
    const workflowFile = join(dir, 'classroom.yml');
    const gen = await workbook(['autograder', 'github', '--config', CLASS_CONFIG, '--out', workflowFile]);
    expect(gen.code).toBe(0);
    const outputFile = join(dir, 'github-output');
    const summaryFile = join(dir, 'step-summary.md');
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    const run = await workbook(['grade', '--github-classroom', '--submission', repo, '--config', CLASS_CONFIG], { env: { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile } });
    expect(run.code).toBe(0);
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const { runners, env } = reporterInput(readFileSync(workflowFile, 'utf8'), outputs);
    const results = readRunners(runners, env);
    // Carol scores 16 of 25 in the gradebook (see the Gradescope test of the same class).
    expect(tableTotals(results)).toEqual({ score: 16, maxScore: 25 });
    expect(classroomPoints(results)).toEqual({ totalPoints: 16, maxPoints: 25 });
    for (const { results: r } of results) for (const t of r.tests) expect(t).toMatchObject({ name: expect.any(String), status: expect.stringMatching(/^(pass|fail|error)$/) });
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toContain('# Feedback for submission');
    expect(summary).toContain('**Total: 16 / 25');
    expect(run.stderr).not.toContain('# Feedback for');
    expect(run.stderr).toContain('total: 16 / 25');
    // Hidden results stay reduced in what the student's job shows.
    const hidden = results.flatMap(({ results: r }) => r.tests as unknown as { name: string; message: string }[]).filter((t) => t.name.endsWith('(hidden)'));
    expect(hidden).toHaveLength(5);
    for (const t of hidden) expect(t.message).not.toMatch(/--replay|Scenario|t=\d+ms/);
    expect(encodeClassroomResult(results[0]!.results as never)).toBe(env[`${results[0]!.runner.toUpperCase()}_RESULTS`]);
  }, 120_000);
});
