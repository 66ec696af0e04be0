/**
 * `workbook list` (and `workbook` without a terminal): every exercise with its section and status,
 * in the manifest's order.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXERCISES } from '../../curriculum/index.ts';
import { renderExerciseList, type ExerciseListRow, type ExerciseStatus } from '../../render/index.ts';
import type { CommandSpec } from '../command.ts';
import { styleFor, type CliIo } from '../io.ts';
import { fileHash, ProgressStore } from '../progress-store.ts';

export function exerciseRows(io: CliIo): { rows: ExerciseListRow[]; warning?: string } {
  const store = new ProgressStore(io.root);
  const progress = store.read();
  const rows = EXERCISES.map((e): ExerciseListRow => {
    const path = join(io.root, e.file);
    const last = progress.exercises[e.id]?.lastCheck;
    let status: ExerciseStatus;
    if (!existsSync(path)) status = 'not started';
    else if (last?.passed === true && last.fileHash === fileHash(path)) status = 'done';
    else if (readFileSync(path, 'utf8').includes('NotImplementedError(')) status = 'not started';
    else if (last !== undefined && last.fileHash === fileHash(path)) status = 'failing';
    else status = last === undefined ? 'not checked yet' : 'changed since last check';
    return { id: e.id, section: e.section.number, title: e.title, file: e.file, status };
  });
  return store.warning ? { rows, warning: store.warning } : { rows };
}

export function listCommand(io: CliIo): number {
  const { rows, warning } = exerciseRows(io);
  io.out(renderExerciseList(rows, styleFor(io)));
  if (warning) io.err(`${warning}\n`);
  return 0;
}

export const listSpec: CommandSpec = {
  name: 'list',
  usage: ['workbook list                  every exercise with its status, and what to do next'],
  options: {},
  run: (_, io) => listCommand(io),
};
