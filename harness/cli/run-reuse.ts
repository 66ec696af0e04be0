/**
 * Checks that reuse recorded runs (grading/run-records.ts): the learner's file reuses the reference
 * solution's runs and its own previous check's. The reference's runs are recorded on first use, once
 * the learner's code answers at all (a stub's check needs none), after its result is shown, so the
 * next check that answers as the reference does simulates nothing.
 */
import { join } from 'node:path';
import type { ExerciseEntry } from '../curriculum/index.ts';
import { checkExercise, type CheckRecords, type CheckRequest, type ExerciseResult, type RunRecordStore } from '../grading/index.ts';

/** A result, and the work to do once it is shown. */
export interface ReusingCheck {
  readonly result: ExerciseResult;
  afterwards(): Promise<void>;
}

/** Checks `req` with `store`'s records (none when `store` is undefined: `--no-reuse`). */
export async function checkReusingRuns(req: CheckRequest, store: RunRecordStore | undefined, solution: boolean): Promise<ReusingCheck> {
  if (store === undefined || req.replay !== undefined) return { result: await checkExercise(req), afterwards: async () => undefined };
  const records = store.forCheck(req.exercise, solution ? 'reference' : 'learner');
  const result = await checkExercise({ ...req, records });
  const answered = records.counts.simulated > 0 && result.checks.every((c) => c.status !== 'not-implemented');
  return { result, afterwards: async () => void (!solution && answered ? await recordReference(req, store) : undefined) };
}

/** Records the reference solution's runs of `req`'s schedules when they are not recorded yet. */
async function recordReference(req: CheckRequest, store: RunRecordStore): Promise<void> {
  const records = store.forCheck(req.exercise, 'reference');
  if (!missingReference(req.exercise, records, req.schedules)) return;
  const { cache: _, replay: __, ...rest } = req;
  await checkExercise({ ...rest, file: join(req.root, req.exercise.solution), typecheck: false, records });
}

function missingReference(exercise: ExerciseEntry, records: CheckRecords, schedules: number | undefined): boolean {
  const ctx = { seed: exercise.seed, schedules: schedules ?? exercise.schedules };
  return exercise.groups.some((g, i) => g.replayable && !records.hasReference(i, ctx));
}
