/**
 * The exercise list with each exercise's status, and the suggested next one. Rows come in workbook
 * order and carry the chapter section each exercise practises; the order is the manifest's, which
 * need not be the sections' order.
 */
import type { Style } from './style.ts';
import { WORKBOOK_COMMAND } from '../curriculum/index.ts';

export type ExerciseStatus = 'done' | 'failing' | 'not started' | 'changed since last check' | 'not checked yet';

export interface ExerciseListRow {
  readonly id: string;
  /** The chapter section it practises, e.g. `2.3`. */
  readonly section: string;
  readonly title: string;
  readonly file: string;
  readonly status: ExerciseStatus;
}

export function renderExerciseList(rows: readonly ExerciseListRow[], style: Style): string {
  const done = rows.filter((r) => r.status === 'done').length;
  const width = 20;
  const filled = rows.length === 0 ? 0 : Math.round((done / rows.length) * width);
  const out = [style.bold(`DDIA chapter 6, Replication: ${done}/${rows.length} exercises done  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`), ''];
  for (const r of rows) {
    const mark = r.status === 'done' ? style.ok('✓') : r.status === 'failing' ? style.bad('✗') : '·';
    out.push(`${mark} ${r.section.padEnd(4)} ${r.id.padEnd(22)} ${statusText(r.status, style).padEnd(26)} ${style.dim(r.file)}`);
  }
  const next = rows.find((r) => r.status !== 'done');
  out.push('');
  out.push(next ? `Next: open ${next.file}, then run: ${WORKBOOK_COMMAND} check ${next.id}` : style.ok('Every exercise is done. Well done!'));
  out.push(style.dim(`Commands: ${WORKBOOK_COMMAND} check <exercise> | hint <exercise> | list   (an exercise is its name or section, e.g. 2.3; ${WORKBOOK_COMMAND} help for more)`));
  return out.join('\n') + '\n';
}

function statusText(status: ExerciseStatus, style: Style): string {
  return status === 'done' ? style.ok(status) : status === 'failing' ? style.bad(status) : status;
}
