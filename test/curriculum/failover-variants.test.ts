/**
 * Buggy and correct failover coordinators, graded exactly as a learner's file is (compiled, loaded in
 * a worker, type-checked). Each buggy variant must fail every check its `// targets:` line names —
 * the line `workbook verify` reads — and each failing cluster check must say how to see it again: a
 * shrunk schedule, a replay token and the first decision outside the acceptable set. Each correct
 * variant, written differently from the solution, must pass every check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { variantTargets } from '../../harness/cli/commands/verify.ts';
import { findExercise, type CheckResult } from '../../harness/curriculum/index.ts';
import { checkExercise, packageRoot, type ExerciseResult } from '../../harness/grading/index.ts';

const root = packageRoot();
const exercise = findExercise('failover-coordinator')!;

/** The ids of the checks a replay token can stand for (the exercise's replayable groups). */
const REPLAYABLE = new Set(exercise.groups.filter((g) => g.replayable).flatMap((g) => g.checks.map((c) => c.id)));
const buggyDir = join(root, 'test', 'fixtures', 'buggy', exercise.id);
const correctDir = join(root, 'test', 'fixtures', 'correct', exercise.id);

/** Every buggy variant this suite expects, one realistic bug each. */
const BUGGY = [
  'epoch-ignores-member-epochs',
  'epoch-not-raised',
  'failover-while-leader-answers',
  'first-reachable-wins',
  'highest-id-wins',
  'leader-counted-as-vote',
  'lowest-log-elected',
  'lsn-without-epoch',
  'majority-off-by-one',
  'no-majority-check',
  'old-leader-elected',
  'unreachable-member-elected',
] as const;

const CORRECT = ['reduce-highest-id', 'sort-and-max'] as const;

/**
 * Variants no cluster check can catch, by construction: the reference coordinator never crashes and
 * records every epoch it hands out, so no member ever holds an epoch above `view.epoch`.
 */
const DECISION_ONLY: ReadonlySet<string> = new Set(['epoch-ignores-member-epochs']);

/**
 * Variants that should be caught by a cluster check but are not within the default schedules: a gap
 * in the scenario families, reported to the harness owner. Their `targets` line names only what
 * catches them today. When a new family catches one, the test below fails: add the cluster check to
 * the variant's `targets` line and delete the entry here.
 */
const KNOWN_CLUSTER_GAPS: Readonly<Record<string, string>> = {};

const isCluster = (id: string): boolean => REPLAYABLE.has(id);
const allCheckIds = exercise.groups.flatMap((g) => g.checks.map((c) => c.id));
const tsFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const targetsOf = (name: string): string[] => variantTargets(readFileSync(join(buggyDir, `${name}.ts`), 'utf8'));

function grade(file: string): Promise<ExerciseResult> {
  return checkExercise({ root, exercise, file });
}

/** One line per check that did not pass, for assertion messages. */
function summary(r: ExerciseResult): string {
  return r.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status} — ${c.message}`).join('\n') || '(every check passed)';
}

describe('failover-coordinator fixtures', () => {
  it('hold exactly the expected buggy and correct variants', () => {
    expect(tsFiles(buggyDir)).toEqual([...BUGGY]);
    expect(tsFiles(correctDir)).toEqual([...CORRECT]);
  });

  it('target only real check ids, and every check of the exercise is targeted by some variant', () => {
    const targeted = new Set(BUGGY.flatMap(targetsOf));
    expect([...targeted].filter((id) => !allCheckIds.includes(id))).toEqual([]);
    expect(allCheckIds.filter((id) => !targeted.has(id))).toEqual([]);
  });

  it.each(BUGGY)('%s targets a decision check, and a cluster check unless decision-only or a reported gap', (name) => {
    const targets = targetsOf(name);
    expect(targets.filter((id) => !isCluster(id)).length).toBeGreaterThan(0);
    const exempt = DECISION_ONLY.has(name) || name in KNOWN_CLUSTER_GAPS;
    expect(targets.some(isCluster)).toBe(!exempt);
  });
});

describe('buggy failover coordinators are caught', () => {
  for (const name of BUGGY) {
    it(`${name} fails every check it targets`, async () => {
      const r = await grade(join(buggyDir, `${name}.ts`));
      expect(r.loadProblem).toBeUndefined();
      expect(r.typeErrors).toEqual([]);
      // A buggy coordinator fails as a learner's wrong answer would: never as a crash or a harness bug.
      expect(r.checks.filter((c) => c.status !== 'passed' && c.status !== 'failed').map((c) => `${c.id}: ${c.status}`)).toEqual([]);

      const byId = new Map(r.checks.map((c) => [c.id, c]));
      for (const id of targetsOf(name)) expect(byId.get(id)?.status, `${name} should fail ${id}; got:\n${summary(r)}`).toBe('failed');

      for (const c of r.checks.filter((c) => isCluster(c.id) && c.status === 'failed')) expectReplayable(name, c);

      if (DECISION_ONLY.has(name) || name in KNOWN_CLUSTER_GAPS) {
        const caught = r.checks.filter((c) => isCluster(c.id) && c.status !== 'passed').map((c) => c.id);
        expect(caught, `${name} is now caught by ${caught.join(', ')}: add it to its targets line and drop it from KNOWN_CLUSTER_GAPS`).toEqual([]);
      }
    });
  }
});

/** A failing cluster check shows the shrunk schedule, a replay token and the first bad decision. */
function expectReplayable(name: string, c: CheckResult): void {
  const where = `${name} / ${c.id}`;
  expect(c.message, where).not.toBe('');
  expect(c.scenario, where).toBeDefined();
  expect(c.scenario!.schedule.length, where).toBeGreaterThan(0);
  expect(c.scenario!.shrinkRuns, `${where}: the schedule was not shrunk`).toBeGreaterThan(0);
  expect(c.replay, where).toMatch(/^\S{16,}$/);
  expect(c.firstBadDecision, where).toMatch(/^at t=\d+ ms \(round \d+\) you /);
}

describe('correct failover coordinators pass', () => {
  for (const name of CORRECT) {
    it(`${name} passes every check`, async () => {
      const r = await grade(join(correctDir, `${name}.ts`));
      expect(r.typeErrors).toEqual([]);
      expect(summary(r)).toBe('(every check passed)');
      expect(r.checks.map((c) => c.id)).toEqual(allCheckIds);
      expect(r.passed).toBe(true);
    });
  }
});
