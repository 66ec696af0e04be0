/**
 * `workbook watch [exercise]`: checks the exercise now and again on every save, with keys for a
 * hint, the next exercise, the list, a re-run and quitting. Without an exercise it takes the first
 * one not done yet.
 */
import { join } from 'node:path';
import { EXERCISES, type ExerciseEntry } from '../../curriculum/index.ts';
import type { CommandSpec } from '../command.ts';
import { resolveExercise } from '../exercise-arg.ts';
import type { CliIo } from '../io.ts';
import { fileHash, ProgressStore } from '../progress-store.ts';
import { runWatch } from '../watch.ts';
import { terminalWatchIo } from '../watch/terminal-io.ts';

/** The first exercise not done yet (the last one when all are). */
export function suggestedExercise(root: string): ExerciseEntry {
  const progress = new ProgressStore(root).read();
  return (
    EXERCISES.find((e) => {
      const last = progress.exercises[e.id]?.lastCheck;
      return !(last?.passed === true && last.fileHash === fileHash(join(root, e.file)));
    }) ?? EXERCISES[EXERCISES.length - 1]!
  );
}

export async function watchCommand(name: string | undefined, io: CliIo): Promise<number> {
  const exercise = name === undefined ? suggestedExercise(io.root) : resolveExercise(name, (line) => io.err(`${line}\n`));
  await runWatch(exercise, terminalWatchIo(io));
  return 0;
}

export const watchSpec: CommandSpec = {
  name: 'watch',
  usage: ['workbook watch [exercise]      check on every save (keys: h hint, n next, l list, r re-run, q quit)'],
  options: {},
  run: ({ positionals }, io) => watchCommand(positionals[0], io),
};
