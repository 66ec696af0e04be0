/**
 * Reused runs are sound: a check that reuses recorded runs prints exactly the `--json` of a check that
 * simulates every schedule, byte for byte, for the solution and every fixture of every exercise (all
 * of them when CI=true; otherwise the solution of each exercise, and the first correct and first
 * buggy fixture of every fourth exercise in the manifest: a fixture adds a learner who answers
 * otherwise than the reference, where a reused run stops matching and the kit simulates the rest). The output without reuse is the golden file: exercise-sweep.ts checks every file
 * without reuse and holds its result to its golden file, so checking it again here would only repeat
 * that (it was a third of this file's time under CI).
 * The reference solution, checked again, reuses every schedule it recorded; so does every correct
 * fixture checked again (its own previous check's, where it answers otherwise than the reference).
 * The sweep is split over the shard files run-reuse-<k>.test.ts (test/shard.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXERCISES, type ExerciseEntry } from '../../harness/curriculum/index.ts';
import { checkExercise, packageRoot, RunRecordStore, type CheckRecords } from '../../harness/grading/index.ts';
import { renderResultJson } from '../../harness/render/index.ts';
import { GOLDEN_DIR, goldenName } from './golden-json.ts';
import { expectEveryShardFile, shardOf, type Shard } from '../shard.ts';

const root = packageRoot();
const ALL = process.env.CI === 'true';
const tsFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).sort() : []);
const fixtures = (kind: 'buggy' | 'correct', e: ExerciseEntry): string[] => {
  const files = tsFiles(join(root, 'test', 'fixtures', kind, e.id)).map((f) => join(root, 'test', 'fixtures', kind, e.id, f));
  return ALL ? files : EXERCISES.indexOf(e) % 4 === 0 ? files.slice(0, 1) : [];
};
const json = async (exercise: ExerciseEntry, file: string, records?: CheckRecords): Promise<string> =>
  renderResultJson(await checkExercise({ root, exercise, file, typecheck: false, ...(records !== undefined ? { records } : {}) }), { timings: false });
/** The `--json` without reuse: the golden file. */
const plainJson = (exercise: ExerciseEntry, file: string, kind: 'solution' | 'buggy' | 'correct'): string =>
  // A golden file may end in one newline more than the output (they are written by hand too).
  readFileSync(join(root, GOLDEN_DIR, goldenName(kind, exercise.id, file.split('/').at(-1)!.replace(/\.ts$/, ''))), 'utf8').replace(/\n+$/, '\n');

export function runReuseSweep(shard: Shard): void {
  expectEveryShardFile(import.meta.dirname, 'run-reuse', shard);
  for (const exercise of shardOf(EXERCISES, shard)) {
    if (!exercise.groups.some((g) => g.replayable)) continue;
    describe(`${exercise.id}: reused runs`, () => {
      // In memory only: the test never reads or writes the workbook's .workbook/.
      const store = new RunRecordStore(undefined);
      const solution = join(root, exercise.solution);

      it('the solution recorded, then checked again, reuses every schedule and prints the same --json', async () => {
        const plain = plainJson(exercise, solution, 'solution');
        const reference = store.forCheck(exercise, 'reference');
        expect(await json(exercise, solution, reference)).toBe(plain);
        expect(reference.counts.reused).toBe(0);
        expect(reference.counts.simulated).toBeGreaterThan(0);
        const again = store.forCheck(exercise, 'learner');
        expect(await json(exercise, solution, again)).toBe(plain);
        expect(again.counts).toEqual({ reused: reference.counts.simulated, simulated: 0 });
      });

      for (const file of fixtures('correct', exercise))
        it(`correct ${file.split('/').at(-1)} prints the same --json with reuse, and checked again reuses every schedule`, async () => {
          const plain = plainJson(exercise, file, 'correct');
          expect(await json(exercise, file, store.forCheck(exercise, 'learner'))).toBe(plain);
          // A correct file may answer otherwise than the reference (another tie-break): then its own
          // previous check is what a re-check reuses.
          const again = store.forCheck(exercise, 'learner');
          expect(await json(exercise, file, again)).toBe(plain);
          expect(again.counts.simulated).toBe(0);
          expect(again.counts.reused).toBeGreaterThan(0);
        });

      for (const file of fixtures('buggy', exercise))
        it(`buggy ${file.split('/').at(-1)} prints the same --json with and without reuse`, async () => {
          expect(await json(exercise, file, store.forCheck(exercise, 'learner'))).toBe(plainJson(exercise, file, 'buggy'));
        });
    });
  }
}
