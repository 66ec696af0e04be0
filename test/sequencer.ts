/**
 * The order test files start in. Vitest runs the longest first when it has timings from an earlier
 * run, and otherwise the largest file first; CI runs on a clean clone, without timings, where the
 * shards of a sweep (test/shard.ts) are the smallest files of all and would start last, leaving one
 * worker alone with them at the end. So without timings for every file, the files known to be long
 * start first, longest first: the seconds are one CI run's (stop 12, first leg), an order and not a
 * limit, and a file missing from the table only starts later.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const KNOWN_SECONDS: readonly (readonly [RegExp, number])[] = [
  [/test\/grading\/port-equivalence-\d+\.test\.ts$/, 190],
  [/test\/curriculum\/exercises-\d+\.test\.ts$/, 180],
  [/test\/curriculum\/run-reuse-\d+\.test\.ts$/, 145],
  [/test\/grading\/grade-solutions\.test\.ts$/, 81],
  [/test\/browser\/report\.test\.ts$/, 75],
  [/test\/grading\/grade-acted-upon\.test\.ts$/, 67],
  [/test\/grading\/grade-attacks\.test\.ts$/, 50],
  [/test\/grading\/calibrate\.test\.ts$/, 47],
  [/test\/cli\/list-and-hint\.test\.ts$/, 40],
  [/test\/grading\/grade-class\.test\.ts$/, 37],
  [/test\/grading\/grade-reuse\.test\.ts$/, 33],
  [/test\/grading\/grade-typecheck-attack\.test\.ts$/, 27],
  [/test\/cli\/check\.test\.ts$/, 27],
  [/test\/grading\/reference-records\.test\.ts$/, 25],
  [/test\/terminal\/workbook\.test\.ts$/, 22],
  [/test\/grading\/typecheck-attacks\.test\.ts$/, 21],
];

const knownSeconds = (file: string): number => KNOWN_SECONDS.find(([pattern]) => pattern.test(file))?.[1] ?? 0;

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const { cache } = this.ctx;
    const timed = files.every((f) => cache.getFileTestResults(`${f.project.name}:${f.moduleId.slice(this.ctx.config.root.length + 1)}`) !== undefined);
    if (timed) return base;
    // Stable: files alike in the table keep the base order among themselves.
    return base.map((f, i) => [f, i] as const).sort(([a, i], [b, j]) => knownSeconds(b.moduleId) - knownSeconds(a.moduleId) || i - j).map(([f]) => f);
  }
}
