/**
 * The Classroom workflow read as YAML, the way GitHub reads it (the `yaml` package, YAML 1.2, and
 * 1.1 too, where an unquoted `on` would turn into `true`): its triggers, the job and its steps,
 * every action pinned by a 40-hex commit with the tag as a comment, Node 26 exactly, and one
 * reporter runner per (exercise, check weight), each fed by its own step output.
 */
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { PLATFORM_NODE_VERSION } from '../../harness/cli/commands/autograder.ts';
import { findExercise } from '../../harness/curriculum/index.ts';
import { parseGradeConfig, pointsFactor, scaleWeight, type GradeConfig } from '../../harness/grading/index.ts';
import { classroomRunners, renderClassroomWorkflow } from '../../harness/render/index.ts';

interface Step {
  readonly name: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string>;
  readonly env?: Record<string, string>;
}

function parse(text: string, version: '1.1' | '1.2'): Document {
  const doc = parseDocument(text, { version, uniqueKeys: true, strict: true, prettyErrors: true });
  expect(doc.errors.map(String)).toEqual([]);
  expect(doc.warnings.map(String)).toEqual([]);
  return doc;
}

/** What the grading gives points for, spelled out from the exercise definitions: (exercise, scaled weight). */
function gradedWeights(config: GradeConfig): string[] {
  const out = new Set<string>();
  for (const id of config.exercises) {
    const exercise = findExercise(id)!;
    const hidden = config.hidden[id];
    for (const g of exercise.groups) {
      for (const c of g.checks) {
        if ((g.tiers ?? ['public']).includes('public')) out.add(`${id}:${scaleWeight(c.weight, pointsFactor(exercise, config))}`);
        if (hidden !== undefined && (g.tiers ?? []).includes('hidden')) out.add(`${id}:${scaleWeight(c.weight * hidden.weight, pointsFactor(exercise, config))}`);
      }
    }
  }
  return [...out].sort();
}

describe('the Classroom workflow, parsed as YAML', () => {
  const config = parseGradeConfig(
    { exercises: ['failover-coordinator', 'vector-clock'], hidden: { 'failover-coordinator': { seed: 7, schedules: 30, weight: 2 } }, points: { 'vector-clock': 12 } },
    'test',
  );
  const runners = classroomRunners(config);
  const text = renderClassroomWorkflow(runners, { nodeVersion: PLATFORM_NODE_VERSION });

  for (const version of ['1.2', '1.1'] as const) {
    it(`has Classroom's triggers and one job (YAML ${version})`, () => {
      const workflow = parse(text, version).toJS() as Record<string, unknown>;
      expect(Object.keys(workflow)).toEqual(['name', 'on', 'permissions', 'jobs']);
      expect(workflow.on).toEqual(['push', 'repository_dispatch', 'workflow_dispatch']);
      expect(workflow.permissions).toEqual({ checks: 'write', actions: 'read', contents: 'read' });
      const jobs = workflow.jobs as Record<string, { 'runs-on': string; steps: Step[]; 'timeout-minutes': number }>;
      expect(Object.keys(jobs)).toEqual(['run-autograding-tests']);
      expect(jobs['run-autograding-tests']!['runs-on']).toBe('ubuntu-latest');
      expect(jobs['run-autograding-tests']!['timeout-minutes']).toBeGreaterThan(0);
    });
  }

  it('pins every action by commit with its tag beside it, and Node 26 exactly', () => {
    const doc = parse(text, '1.2');
    const steps = doc.getIn(['jobs', 'run-autograding-tests', 'steps'], true);
    expect(isSeq(steps)).toBe(true);
    const pinned: string[] = [];
    for (const step of (steps as { items: unknown[] }).items) {
      expect(isMap(step)).toBe(true);
      const uses = (step as { get(k: string, keep: true): unknown }).get('uses', true);
      if (uses === undefined) continue;
      expect(isScalar(uses)).toBe(true);
      const { value, comment } = uses as { value: string; comment?: string };
      expect(value).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(comment?.trim()).toMatch(/^v\d+(\.\d+)*$/);
      pinned.push(value.split('@')[0]!);
    }
    expect(pinned).toEqual(['actions/checkout', 'actions/setup-node', 'classroom-resources/autograding-grading-reporter']);
    const all = (doc.toJS() as { jobs: Record<string, { steps: Step[] }> }).jobs['run-autograding-tests']!.steps;
    const node = all.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    expect(node.with?.['node-version']).toBe(PLATFORM_NODE_VERSION);
    expect(node.with?.['node-version']).toMatch(/^26\.\d+\.\d+$/);
  });

  it('reports one runner per (exercise, weight), each reading its own output of the grading step', () => {
    const steps = (parse(text, '1.2').toJS() as { jobs: Record<string, { steps: Step[] }> }).jobs['run-autograding-tests']!.steps;
    const grade = steps.find((s) => s.id === 'workbook')!;
    expect(grade.run).toBe('node bin/workbook.js grade --github-classroom');
    const reporter = steps.at(-1)!;
    expect(reporter.uses).toMatch(/^classroom-resources\/autograding-grading-reporter@/);
    const ids = reporter.with!.runners!.split(',');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(runners.map((r) => r.id));
    expect(runners.map((r) => `${r.exercise}:${r.weight}`).sort()).toEqual(gradedWeights(config));
    expect(reporter.env).toEqual(Object.fromEntries(ids.map((id) => [`${id.toUpperCase()}_RESULTS`, `\${{ steps.workbook.outputs.${id} }}`])));
    // The step that produces the outputs comes before the one that reads them.
    expect(steps.indexOf(grade)).toBeLessThan(steps.indexOf(reporter));
  });
});
