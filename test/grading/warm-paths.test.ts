/**
 * The warm paths of a check (issue 10, item 4): a whole result answered from `.workbook/` only for
 * exactly the same content and options, an entry that does not parse never trusted, and watch mode's
 * spare worker a fresh realm for every save (a used one is never loaded again).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultStore } from '../../harness/cli/result-store.ts';
import { findExercise } from '../../harness/curriculum/index.ts';
import { checkExercise, dropSpareWorker, packageRoot, resultKey, type ExerciseResult } from '../../harness/grading/index.ts';

const ROOT = packageRoot();
const exercise = findExercise('failover-coordinator')!;
const solutionText = readFileSync(join(ROOT, exercise.solution), 'utf8');

function scratch(): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'workbook-warm-'));
  const file = join(root, 'solution.ts');
  writeFileSync(file, solutionText);
  return { root, file };
}

/** A result without its timings, which are the only thing a stored result may not repeat. */
const comparable = (r: ExerciseResult): unknown => ({ ...r, timings: undefined });

describe('the whole-result cache', () => {
  it('answers an unchanged re-check with the same result, and runs again when anything that matters changes', async () => {
    const { root, file } = scratch();
    const cache = new ResultStore(root);
    const request = { root, exercise, file, schedules: 20, cache };
    const first = await checkExercise(request);
    expect(first.passed).toBe(true);
    expect(first.timings?.cachedMs).toBeUndefined();
    const again = await checkExercise(request);
    expect(again.timings?.cachedMs).toBeTypeOf('number');
    expect(comparable(again)).toEqual(comparable(first));
    // Other options, or an edit to types only (tsc's verdict changes): no hit.
    const moreSchedules = await checkExercise({ ...request, schedules: 21 });
    expect(moreSchedules.timings?.cachedMs).toBeUndefined();
    writeFileSync(file, `${solutionText}\nexport type Broken = NoSuchType;\n`);
    const typeError = await checkExercise(request);
    expect(typeError.timings?.cachedMs).toBeUndefined();
    expect(typeError.typeErrors.length).toBeGreaterThan(0);
    expect(typeError.passed).toBe(false);
  });

  it('keys on the code, every input file, the exercise and the options', () => {
    const base = { exercise, code: 'export {}', inputs: [], shown: 'a.ts', options: { schedules: 1 } };
    const keys = new Set([
      resultKey(base),
      resultKey({ ...base, code: 'export {};' }),
      resultKey({ ...base, shown: 'b.ts' }),
      resultKey({ ...base, options: { schedules: 2 } }),
      resultKey({ ...base, exercise: findExercise('vector-clock')! }),
      resultKey({ ...base, inputs: [join(ROOT, 'package.json')] }),
    ]);
    expect(keys.size).toBe(6);
    expect(resultKey(base)).toBe(resultKey({ ...base }));
  });

  it('moves an entry that does not parse aside and runs the check instead', async () => {
    const { root, file } = scratch();
    const cache = new ResultStore(root);
    const request = { root, exercise, file, schedules: 5, cache };
    const first = await checkExercise(request);
    const [entry] = readdirSync(cache.dir);
    writeFileSync(join(cache.dir, entry!), '{"format":1,"key":"not this one","result":{}}');
    const afterDamage = await checkExercise(request);
    expect(afterDamage.timings?.cachedMs).toBeUndefined();
    expect(comparable(afterDamage)).toEqual(comparable(first));
    expect(cache.warning).toContain('unreadable');
    expect(readdirSync(cache.dir).sort()).toEqual([entry, `${entry}.unreadable`].sort());
    // Rebuilt: the next check is answered from the new entry.
    expect((await checkExercise(request)).timings?.cachedMs).toBeTypeOf('number');
  });
});

describe("watch mode's spare worker", () => {
  it('gives every check a fresh realm: a global changed by one module is not there for the next', async () => {
    const { root } = scratch();
    const polluter = join(root, 'polluter.ts');
    writeFileSync(polluter, `${solutionText}\n(Object.prototype as unknown as { leaked: number }).leaked = 1;\n`);
    const observer = join(root, 'observer.ts');
    writeFileSync(observer, `${solutionText}\nif (({} as { leaked?: number }).leaked !== undefined) throw new Error('the realm of an earlier module was reused');\n`);
    try {
      const polluted = await checkExercise({ root, exercise, file: polluter, schedules: 3, keepSpare: true, typecheck: false });
      expect(polluted.loadProblem).toBeUndefined();
      const observed = await checkExercise({ root, exercise, file: observer, schedules: 3, keepSpare: true, typecheck: false });
      expect(observed.loadProblem).toBeUndefined();
      expect(observed.checks.every((c) => c.status === 'passed')).toBe(true);
    } finally {
      await dropSpareWorker();
    }
  });
});
