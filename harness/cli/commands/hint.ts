/**
 * `workbook hint <exercise>`: the next level of the hint for the check that failed last (cli/hint-steps.ts),
 * from a question to the shape of the fix. Levels shown are remembered, so each call goes one further.
 */
import { resolveExercise } from '../exercise-arg.ts';
import type { CommandSpec } from '../command.ts';
import { hintLines, nextHint } from '../hint-steps.ts';
import { styleFor, type CliIo } from '../io.ts';
import { ProgressStore } from '../progress-store.ts';

export async function hintCommand(name: string | undefined, io: CliIo): Promise<number> {
  const exercise = resolveExercise(name, (line) => io.err(`${line}\n`));
  const store = new ProgressStore(io.root);
  const shown = await nextHint(store, exercise);
  io.out(hintLines(exercise, shown, styleFor(io)));
  if (store.warning) io.err(`${store.warning}\n`);
  return 0;
}

export const hintSpec: CommandSpec = {
  name: 'hint',
  usage: ['workbook hint <exercise>       the next hint for the check that failed (a question first, the shape of the fix last)'],
  options: {},
  run: ({ positionals }, io) => hintCommand(positionals[0], io),
};
