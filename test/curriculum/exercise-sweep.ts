/**
 * Every exercise in the manifest, graded exactly as a learner's file is (compiled, loaded in a worker,
 * type-checked): the solution passes with full marks; the shipped stub (the pristine copy, never the
 * learner's working file) fails every check with "not implemented yet"; each buggy fixture fails, as a
 * wrong answer and not as a crash, every check its `// targets:` line names, with a shrunk, replayable
 * scenario for each failing scenario check, and states only expectations its check's acceptable sets
 * hold (stated-expectation.ts); each correct fixture passes; and every result is its golden `--json`.
 * Soundness: the solution and the correct fixtures, called in-process for speed, are never blamed
 * over the exercise's scenario families (400 generated schedules per scenario group, 2,000 when
 * CI=true). Outside CI the buggy fixtures graded are a cover of the checks (covering-fixtures.ts):
 * every check still catches one of them; CI grades them all. Exercise-specific expectations are
 * the entry's `fixtures` data; adding an exercise adds no test file outside its fixtures: the sweep
 * is split over the shard files exercises-<k>.test.ts (test/shard.ts), each taking every few
 * exercises.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pristineStub } from '../../harness/cli/commands/reset.ts';
import { variantTargets } from '../../harness/cli/commands/verify.ts';
import { EXERCISES, type CheckContext, type CheckResult, type ExerciseEntry } from '../../harness/curriculum/index.ts';
import { checkExercise, packageRoot, type ExerciseResult } from '../../harness/grading/index.ts';
import { expectGolden, goldenFiles, goldenName } from './golden-json.ts';
import { inProcessCaller } from '../../harness/curriculum/index.ts';
import { acceptableSetsOf, problemOf } from './stated-expectation.ts';
import { expectEveryShardFile, shardOf, type Shard } from '../shard.ts';
import { coveringFixtures } from './covering-fixtures.ts';

const root = packageRoot();
type CheckTier = NonNullable<CheckContext['tier']>;
const CI = process.env.CI === 'true';
const SCHEDULES = CI ? 2000 : 400;

const tsFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort() : []);
const fixtureDir = (kind: 'buggy' | 'correct', e: ExerciseEntry): string => join(root, 'test', 'fixtures', kind, e.id);
const checkIds = (e: ExerciseEntry): string[] => e.groups.flatMap((g) => g.checks.map((c) => c.id));
const scenarioIds = (e: ExerciseEntry): Set<string> => new Set(e.groups.filter((g) => g.replayable).flatMap((g) => g.checks.map((c) => c.id)));
const summary = (r: ExerciseResult): string =>
  r.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.status} — ${c.message}`).join('\n') || '(every check passed)';

/** A failing scenario check shows the shrunk schedule, a replay token, a timeline and the first bad answer. */
function expectReplayable(where: string, c: CheckResult): void {
  expect(c.message, where).not.toBe('');
  expect(c.scenario, where).toBeDefined();
  expect(c.scenario!.schedule.length, where).toBeGreaterThan(0);
  expect(c.scenario!.shrinkRuns, `${where}: the schedule was not shrunk`).toBeGreaterThan(0);
  expect(c.replay, where).toMatch(/^\S{16,}$/);
  expect(c.firstBadDecision, where).toMatch(/^at t=\d+ ms /);
  expect(c.timeline?.entries.length ?? 0, where).toBeGreaterThan(0);
}

/** Shard `shard` of the sweep: its exercises, and in the first shard what holds of the whole manifest. */
export function exerciseSweep(shard: Shard): void {
  const temp = mkdtempSync(join(tmpdir(), 'workbook-stubs-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  if (shard.index === 1) {
    describe('the golden --json files', () => {
      expectEveryShardFile(import.meta.dirname, 'exercises', shard);
      it('are exactly one per fixture and one per solution', () => {
        const expected = EXERCISES.flatMap((e) => [
          goldenName('solution', e.id),
          ...(['buggy', 'correct'] as const).flatMap((kind) => tsFiles(fixtureDir(kind, e)).map((name) => goldenName(kind, e.id, name))),
        ]);
        expect(goldenFiles(root)).toEqual(expected.sort());
      });
    });
  }

  for (const exercise of shardOf(EXERCISES, shard)) {
    const buggyDir = fixtureDir('buggy', exercise);
    const correctDir = fixtureDir('correct', exercise);
    const buggy = tsFiles(buggyDir);
    const correct = tsFiles(correctDir);
    const allIds = checkIds(exercise);
    const scenario = scenarioIds(exercise);
    const { decisionOnly = {}, knownGaps = {}, bugsShowInRuns = false } = exercise.fixtures ?? {};
    const exempt = (name: string): boolean => name in decisionOnly || name in knownGaps;
    const targetsOf = (name: string): string[] => variantTargets(readFileSync(join(buggyDir, `${name}.ts`), 'utf8'));
    const graded = CI ? buggy : coveringFixtures(buggy, targetsOf);
    const grade = (file: string, replay?: string): Promise<ExerciseResult> =>
      checkExercise({ root, exercise, file, ...(replay ? { replay, typecheck: false } : {}) });

    describe(`${exercise.id}: its fixtures`, () => {
      it('target only real check ids, every check is targeted by a buggy fixture, and there is a correct one', () => {
        const targeted = new Set(buggy.flatMap(targetsOf));
        for (const name of buggy) expect(targetsOf(name), `${name} has no "// targets:" line`).not.toEqual([]);
        expect([...targeted].filter((id) => !allIds.includes(id))).toEqual([]);
        expect(allIds.filter((id) => !targeted.has(id))).toEqual([]);
        expect(correct.length).toBeGreaterThan(0);
      });

      it('expectations name real buggy fixtures, and those exempt from scenario checks target none', () => {
        for (const name of [...Object.keys(decisionOnly), ...Object.keys(knownGaps)]) {
          expect(buggy, `fixtures expectation names ${name}`).toContain(name);
          expect(targetsOf(name).filter((id) => scenario.has(id)), name).toEqual([]);
        }
        if (bugsShowInRuns)
          for (const name of buggy) {
            expect(targetsOf(name).some((id) => !scenario.has(id)), `${name} targets a check without runs`).toBe(true);
            expect(targetsOf(name).some((id) => scenario.has(id)), `${name} targets a scenario check`).toBe(!exempt(name));
          }
      });
    });

    describe(`${exercise.id}: solution, stub and fixtures`, () => {
      it('the reference solution passes every check with full marks, as its golden --json says', async () => {
        const r = await grade(join(root, exercise.solution));
        expect(summary(r)).toBe('(every check passed)');
        expect(r.passed).toBe(true);
        expect(r.score).toBe(r.maxScore);
        expect(r.typeErrors).toEqual([]);
        expectGolden(root, goldenName('solution', exercise.id), r);
      });

      it('the shipped stub (its pristine copy) fails every check with "not implemented yet"', async () => {
        const stub = pristineStub(root, exercise);
        if (!stub.ok) throw new Error(stub.problem);
        const file = join(temp, `${exercise.id}.ts`);
        writeFileSync(file, stub.text);
        const r = await checkExercise({ root, exercise, file, typecheck: false });
        expect(r.checks.map((c) => c.status)).toEqual(allIds.map(() => 'not-implemented'));
        for (const c of r.checks) expect(c.message, c.id).toContain('not implemented yet');
      });

      let replayed: CheckResult | undefined;
      const sets = acceptableSetsOf(exercise);
      let statements = 0;
      for (const name of graded) {
        it(`buggy ${name} fails every check it targets, as its golden --json says`, async () => {
          const r = await grade(join(buggyDir, `${name}.ts`));
          expect(r.loadProblem).toBeUndefined();
          expect(r.typeErrors).toEqual([]);
          // A wrong answer, not a crash or a harness bug; and a learner problem proves nothing about a target.
          expect(r.checks.filter((c) => c.status !== 'passed' && c.status !== 'failed').map((c) => `${c.id}: ${c.status}`)).toEqual([]);
          const byId = new Map(r.checks.map((c) => [c.id, c]));
          for (const id of targetsOf(name)) {
            expect(byId.get(id)?.status, `${name} should fail ${id}; got:\n${summary(r)}`).toBe('failed');
            expect(byId.get(id)?.cause, `${name} / ${id}`).not.toBe('learner-problem');
          }
          // A run stopped by an unusable answer (a learner problem) names its scenario, but is not shrunk.
          const failing = r.checks.filter((c) => scenario.has(c.id) && c.status === 'failed' && c.cause !== 'learner-problem');
          for (const c of failing) expectReplayable(`${name} / ${c.id}`, c);
          if (exempt(name)) {
            const caught = r.checks.filter((c) => scenario.has(c.id) && c.status !== 'passed').map((c) => c.id);
            expect(caught, `${name} is now caught by ${caught.join(', ')}: add it to its targets line and drop it from the entry's fixtures`).toEqual([]);
          }
          // Every expectation a failure states is one its check's acceptable sets hold.
          const failed = r.checks.filter((c) => c.status === 'failed');
          expect(failed.length, 'a buggy fixture fails some check').toBeGreaterThan(0);
          statements += failed.filter((c) => c.expected !== undefined).length;
          const problems = failed.map((c) => [c.id, problemOf(c, sets)] as const).filter(([, p]) => p !== null);
          expect(problems, failed.map((c) => `${c.id}: ${c.message}\n  ${c.firstBadDecision ?? ''}`).join('\n')).toEqual([]);
          expectGolden(root, goldenName('buggy', exercise.id, name), r);
          // The replay token runs exactly that scenario again, in a fresh module, and it fails the same
          // way; unless the failure says it did not fail in a fresh module (state kept between calls).
          const first = failing[0];
          if (first === undefined) return;
          const again = await grade(join(buggyDir, `${name}.ts`), first.replay);
          expect(again.replayed).toBe(true);
          const stateful = first.message.endsWith('run again in a fresh module, this scenario did not fail');
          expect(again.checks.find((c) => c.id === first.id)).toMatchObject(stateful ? { status: 'passed' } : { status: 'failed', message: first.message });
          replayed ??= first;
        });
      }

      if (graded.length > 0)
        it('its failures state some expectation as data (the statement check above is not vacuous)', () => {
          expect(statements).toBeGreaterThanOrEqual(graded.length / 2);
        });

      if (buggy.length > 0 && scenario.size > 0)
        it("the solution passes the scenario of a buggy fixture's replay token", async () => {
          expect(replayed, 'no buggy fixture failed a scenario check').toBeDefined();
          expect(summary(await grade(join(root, exercise.solution), replayed!.replay))).toBe('(every check passed)');
        });

      for (const name of correct) {
        it(`correct ${name} passes every check, as its golden --json says`, async () => {
          const r = await grade(join(correctDir, `${name}.ts`));
          expect(r.typeErrors).toEqual([]);
          expect(summary(r)).toBe('(every check passed)');
          expect(r.checks.map((c) => c.id)).toEqual(allIds);
          expectGolden(root, goldenName('correct', exercise.id, name), r);
        });
      }
    });

    const groups = exercise.groups.filter((g) => g.soundness !== undefined);
    if (groups.length === 0) continue;
    describe(`${exercise.id}: soundness, correct code is never blamed`, () => {
      // Half the schedules for the solution, the rest shared by the correct fixtures, each split over the tiers.
      const files = [exercise.solution, ...correct.map((name) => join('test', 'fixtures', 'correct', exercise.id, `${name}.ts`))];
      for (const [i, file] of files.entries()) {
        const count = i === 0 || files.length === 1 ? SCHEDULES / 2 : Math.ceil(SCHEDULES / 2 / (files.length - 1));
        for (const [g, group] of groups.entries()) {
          const checks = group.checks.map((c) => c.id).join(', ');
          // Every tier the group grades: a hidden tier draws from other specs (slower, lossier, more faults).
          const tiers: readonly CheckTier[] = group.tiers ?? ['public'];
          it(`${file}: ${count} generated schedules (${tiers.join(' + ')} specs) for ${checks}, no violation and no answer outside the acceptable set`, async () => {
            const module = (await import(join(root, file))) as Record<string, unknown>;
            let judged = 0;
            const problems: string[] = [];
            for (const [t, tier] of tiers.entries()) {
              const ctx = inProcessContext(module, tier, exercise.seed + 100 * i + 10 * g + t);
              const result = await group.soundness!(ctx, Math.ceil(count / tiers.length));
              judged += result.judged;
              problems.push(...result.problems);
            }
            expect(problems.slice(0, 3).join('\n')).toBe('');
            // A check of an optional export judges no run of a file without it; the solution has every export.
            if (i === 0) expect(judged).toBeGreaterThanOrEqual(count);
            else expect(judged === 0 || judged >= count, `${judged} of ${count} runs judged`).toBe(true);
          }, 300_000);
        }
      }
    });
  }
}

function inProcessContext(module: Record<string, unknown>, tier: CheckTier, seed: number): CheckContext {
  return {
    call: inProcessCaller(module),
    reload: async () => true,
    seed,
    schedules: SCHEDULES,
    shrink: { maxRuns: 0, maxMs: 0 },
    wallClockMs: () => 0,
    hostYield: () => new Promise<void>((r) => setImmediate(r)),
    tier,
  };
}
