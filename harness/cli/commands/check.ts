/**
 * `workbook check <exercise> [--solution | --file <path>] [--replay <token>] [--json] [--timings]`
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExerciseEntry } from '../../curriculum/index.ts';
import { checkExercise, type ExerciseResult } from '../../grading/index.ts';
import { renderResultJson, renderResultText } from '../../render/index.ts';
import { resolveExercise } from '../exercise-arg.ts';
import { styleFor, UsageError, type CliIo } from '../io.ts';
import { fileHash, ProgressStore } from '../progress-store.ts';

export interface CheckFlags {
  readonly exercise?: string;
  readonly solution: boolean;
  readonly file?: string;
  readonly replay?: string;
  readonly json: boolean;
  readonly timings: boolean;
  readonly schedules?: number;
}

export async function checkCommand(flags: CheckFlags, io: CliIo): Promise<number> {
  const exercise = resolveExercise(flags.exercise);
  if (flags.solution && flags.file !== undefined) throw new UsageError('use either --solution or --file, not both');
  const file = flags.file !== undefined ? resolve(flags.file) : join(io.root, flags.solution ? exercise.solution : exercise.file);
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const result = await checkExercise({
    root: io.root,
    exercise,
    file,
    ...(flags.replay !== undefined ? { replay: flags.replay } : {}),
    ...(flags.schedules !== undefined ? { schedules: flags.schedules } : {}),
  });
  const ownFile = !flags.solution && flags.file === undefined;
  const store = new ProgressStore(io.root);
  let hintsShown = 0;
  if (ownFile && flags.replay === undefined) {
    await store.update(exercise.id, (p) => {
      hintsShown = p.hintsShown;
      return { ...p, lastCheck: { passed: result.passed, fileHash: fileHash(file)! } };
    });
  } else hintsShown = store.read().exercises[exercise.id]?.hintsShown ?? 0;
  if (flags.json) {
    io.out(renderResultJson(result, { timings: flags.timings }));
  } else {
    io.out(renderResultText(result, textOptions(exercise, result, hintsShown, flags, io)));
    if (flags.timings && result.timings) io.out(`timings: ${JSON.stringify(roundTimings(result.timings))}\n`);
    if (store.warning) io.err(`${store.warning}\n`);
  }
  return result.passed ? 0 : 1;
}

function textOptions(exercise: ExerciseEntry, result: ExerciseResult, hintsShown: number, flags: CheckFlags, io: CliIo) {
  const fileFlag = flags.solution ? ' --solution' : flags.file !== undefined ? ` --file ${flags.file}` : '';
  const next = Math.min(hintsShown, exercise.hints.length - 1);
  const showHint = !result.passed && !flags.solution && result.loadProblem === undefined;
  return {
    style: styleFor(io),
    replayCommand: `npx workbook check ${exercise.id}${fileFlag} --replay`,
    ...(showHint ? { nextHint: { number: next + 1, text: exercise.hints[next]!, command: `npx workbook hint ${exercise.id}` } } : {}),
  };
}

function roundTimings(t: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)]));
}
