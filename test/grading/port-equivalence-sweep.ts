/**
 * The shared-slot port (slot-transport.ts) and the default message port carry the same calls: for every
 * exercise in the manifest, its solution, every correct fixture and the buggy fixtures that cover its
 * checks (covering-fixtures.ts; and whatever exercises are added later), `--json` is byte for byte
 * the same through either. A short run each (the schedules the ports carry differ in number, not in
 * kind). A port carries calls, answers and callbacks, whatever the logic behind them: the solution,
 * the correct fixtures and a fixture failing each check carry every kind of answer, and the other
 * buggy fixtures, more of the same, made up most of this sweep's 330 s of CI time. Plain
 * runs take the solution of each exercise (its values of every shape) and one buggy fixture of
 * every fourth one (a failing check; the port is opt-in, so the plain suite spends little on it); a
 * full sweep (ci-depth.ts: CI=true, first leg) takes all of the above.
 * The sweep is split over the shard files port-equivalence-<k>.test.ts (test/shard.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../../harness/curriculum/index.ts';
import { checkExercise, packageRoot, type LearnerPortKind } from '../../harness/grading/index.ts';
import { renderResultJson } from '../../harness/render/index.ts';
import { variantTargets } from '../../harness/cli/commands/verify.ts';
import { FULL_SWEEP } from '../ci-depth.ts';
import { coveringFixtures } from '../curriculum/covering-fixtures.ts';
import { expectEveryShardFile, shardOf, type Shard } from '../shard.ts';

const root = packageRoot();
const fixtures = (kind: 'buggy' | 'correct', id: string): string[] => {
  const dir = join(root, 'test', 'fixtures', kind, id);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().map((f) => join(dir, f)) : [];
};

export function portEquivalenceSweep(shard: Shard): void {
  expectEveryShardFile(import.meta.dirname, 'port-equivalence', shard);
  describe.each(shardOf(EXERCISES, shard).map((e) => [e.id, e] as const))('%s: the same --json through either learner port', (_, exercise) => {
    const correct = fixtures('correct', exercise.id);
    const buggy = fixtures('buggy', exercise.id);
    const covering = coveringFixtures(buggy, (f) => variantTargets(readFileSync(f, 'utf8')));
    const files = FULL_SWEEP
      ? [join(root, exercise.solution), ...correct, ...covering]
      : [join(root, exercise.solution), ...(EXERCISES.indexOf(exercise) % 4 === 0 ? covering.slice(0, 1) : [])];
    const json = async (file: string, port: LearnerPortKind): Promise<string> =>
      renderResultJson(await checkExercise({ root, exercise, file, port, schedules: 12, typecheck: false }), { timings: false });
    it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s', async (_, file) => {
      expect(await json(file, 'shared')).toBe(await json(file, 'message'));
    });
  });
}
