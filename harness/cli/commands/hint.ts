/**
 * `workbook hint <exercise>`: the next hint, from a nudge to the shape of the fix. Shown hints are
 * remembered, so each call goes one step further.
 */
import { resolveExercise } from '../exercise-arg.ts';
import type { CommandSpec } from '../command.ts';
import { styleFor, type CliIo } from '../io.ts';
import { ProgressStore } from '../progress-store.ts';

export async function hintCommand(name: string | undefined, io: CliIo): Promise<number> {
  const exercise = resolveExercise(name, (line) => io.err(`${line}\n`));
  const store = new ProgressStore(io.root);
  let shown = 0;
  await store.update(exercise.id, (p) => {
    shown = Math.min(p.hintsShown + 1, exercise.hints.length);
    return { ...p, hintsShown: shown };
  });
  const s = styleFor(io);
  io.out(`${s.bold(`Hint ${shown}/${exercise.hints.length} for ${exercise.id}:`)}\n${exercise.hints[shown - 1]}\n`);
  io.out(s.dim(shown < exercise.hints.length ? `(run it again for the next hint)\n` : `(that was the last hint; the chapter guide has more: ${exercise.section.file})\n`));
  if (store.warning) io.err(`${store.warning}\n`);
  return 0;
}

export const hintSpec: CommandSpec = {
  name: 'hint',
  usage: ['workbook hint <exercise>       the next hint (a nudge first, the shape of the fix last)'],
  options: {},
  run: ({ positionals }, io) => hintCommand(positionals[0], io),
};
