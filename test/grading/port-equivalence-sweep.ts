/**
 * The shared-slot port (slot-transport.ts) and the default message port carry the same calls: for every
 * exercise in the manifest, its solution and every fixture, correct and buggy (and whatever exercises
 * are added later), `--json` is byte for byte the same through either. A short run each (the
 * schedules the ports carry differ in number, not in kind). Plain runs take the solution of each
 * exercise (its values of every shape) and the first buggy fixture of every fourth one (a failing
 * check; the port is opt-in, so the plain suite spends little on it); a full sweep (ci-depth.ts: CI=true, first leg) takes every fixture.
 * The sweep is split over the shard files port-equivalence-<k>.test.ts (test/shard.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../../harness/curriculum/index.ts';
import { checkExercise, packageRoot, type LearnerPortKind } from '../../harness/grading/index.ts';
import { renderResultJson } from '../../harness/render/index.ts';
import { FULL_SWEEP } from '../ci-depth.ts';
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
    const files = FULL_SWEEP
      ? [join(root, exercise.solution), ...correct, ...buggy]
      : [join(root, exercise.solution), ...(EXERCISES.indexOf(exercise) % 4 === 0 ? buggy.slice(0, 1) : [])];
    const json = async (file: string, port: LearnerPortKind): Promise<string> =>
      renderResultJson(await checkExercise({ root, exercise, file, port, schedules: 12, typecheck: false }), { timings: false });
    it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s', async (_, file) => {
      expect(await json(file, 'shared')).toBe(await json(file, 'message'));
    });
  });
}
