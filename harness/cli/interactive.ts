/**
 * The interactive workbook (`npm start` in a terminal): progress with a bar, the suggested next
 * exercise, a searchable exercise list with statuses, and for the chosen exercise: watch, check, open
 * it in the learner's editor, its README, the next hint, the chapter section, reset to the stub
 * (after a confirm; the file is backed up), the reference solution (once the exercise passes), back
 * and quit. q quits on every screen without a text field; the searchable list quits on Esc or Ctrl-C. The questions go through `MenuPrompts` and the actions through
 * `MenuActions`, so tests drive the whole menu with a script.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXERCISES, HINT_LEVELS, type ExerciseEntry } from '../curriculum/index.ts';
import { checkExercise } from '../grading/index.ts';
import type { ExerciseListRow } from '../render/index.ts';
import { checkCommand } from './commands/check.ts';
import { hintCommand } from './commands/hint.ts';
import { exerciseRows } from './commands/list.ts';
import { readCommand, readmeCommand } from './commands/read.ts';
import { isPristine, resetCommand } from './commands/reset.ts';
import { inquirerPrompts, type MenuChoice, type MenuPrompts } from './interactive/menu-prompts.ts';
import { peekNextHint } from './hint-steps.ts';
import { styleFor, type CliIo } from './io.ts';
import { moveFormerFilesAndSay } from './former-paths.ts';
import { editorOf, openInEditor } from './pager.ts';
import { fileHash, ProgressStore } from './progress-store.ts';
import { MENU } from './text.ts';
import { runWatch } from './watch.ts';
import { terminalWatchIo } from './watch/terminal-io.ts';

export type { MenuPrompts, MenuChoice } from './interactive/menu-prompts.ts';

export type MenuAction = 'watch' | 'check' | 'edit' | 'readme' | 'hint' | 'read' | 'reset' | 'solution' | 'back' | 'quit';

/** What the menu's actions do; the defaults run the real commands. */
export interface MenuActions {
  /** Resolves to 'quit' when the learner quit the workbook from watch (q), 'back' for the menu (b). */
  watch(exercise: ExerciseEntry, io: CliIo): Promise<'quit' | 'back' | void>;
  check(exercise: ExerciseEntry, io: CliIo): Promise<void>;
  /** Opens the exercise file in `editor` and waits; resolves to why it failed, if it did. */
  edit?(editor: string, file: string): Promise<string | undefined>;
}

const realActions: MenuActions = {
  watch: (exercise, io) => runWatch(exercise, terminalWatchIo(io, { fromMenu: true })),
  check: async (exercise, io) => void (await checkCommand({ exercise: exercise.id, solution: false, json: false, timings: false }, io)),
  edit: async (editor, file) => openInEditor(editor, file),
};

const QUIT = '__quit__';

/** Runs the menu until the learner quits; resolves to the exit code. */
export async function runInteractive(io: CliIo, prompts: MenuPrompts = inquirerPrompts, actions: MenuActions = realActions): Promise<number> {
  moveFormerFilesAndSay(io);
  await rebuildProgressIfLost(io);
  for (;;) {
    const { rows, warning } = exerciseRows(io);
    if (warning) io.err(`${warning}\n`);
    io.out(header(rows, io));
    const choices: MenuChoice<string>[] = [
      ...rows.map((r) => ({ value: r.id, name: `${mark(r)} ${r.section.padEnd(4)} ${r.id}  (${r.status})`, description: `${r.title}\n${r.file}` })),
      { value: QUIT, name: `   ${MENU.actions.quit}`, description: MENU.quitExercise },
    ];
    const picked = await prompts.search(MENU.pickExercise, choices);
    if (picked === undefined || picked === QUIT) return bye(io);
    const exercise = EXERCISES.find((e) => e.id === picked)!;
    if ((await exerciseMenu(exercise, io, prompts, actions)) === 'quit') return bye(io);
  }
}

async function exerciseMenu(exercise: ExerciseEntry, io: CliIo, prompts: MenuPrompts, actions: MenuActions): Promise<'back' | 'quit'> {
  let last: MenuAction | undefined;
  for (;;) {
    const progress = new ProgressStore(io.root).read().exercises[exercise.id];
    const hint = peekNextHint(exercise, progress);
    const passed = progress?.lastCheck?.passed === true;
    const choices: MenuChoice<MenuAction>[] = [
      { value: 'watch', name: MENU.actions.watch, description: exercise.file },
      { value: 'check', name: MENU.actions.check },
      { value: 'edit', name: MENU.actions.edit(editorOf(io)), description: exercise.file },
      { value: 'readme', name: MENU.actions.readme, description: exercise.readme },
      { value: 'hint', name: MENU.actions.hint(hint.level, HINT_LEVELS, hint.check.title, hint.again) },
      { value: 'read', name: MENU.actions.read, description: `${exercise.section.file} — ${exercise.section.heading}` },
      { value: 'reset', name: MENU.actions.reset, ...(isPristine(io.root, exercise) ? { disabled: '(it is the stub already)' } : {}) },
      { value: 'solution', name: MENU.actions.solution, ...(passed ? {} : { disabled: '(once your exercise passes)' }) },
      { value: 'back', name: MENU.actions.back },
      { value: 'quit', name: MENU.actions.quit },
    ];
    const action = await prompts.select(MENU.pickAction(exercise.id), choices, last);
    if (action === undefined || action === 'quit') return 'quit';
    last = action;
    switch (action) {
      case 'back':
        return 'back';
      case 'watch':
        if ((await actions.watch(exercise, io)) === 'quit') return 'quit';
        break;
      case 'check':
        await actions.check(exercise, io);
        break;
      case 'edit': {
        const editor = editorOf(io);
        if (editor === undefined) {
          io.out(`${MENU.noEditor(exercise.file)}\n`);
          break;
        }
        const failed = await (actions.edit ?? realActions.edit!)(editor, join(io.root, exercise.file));
        if (failed !== undefined) io.out(`${MENU.editorFailed(editor, failed, exercise.file)}\n`);
        break;
      }
      case 'readme':
        readmeCommand(exercise, io);
        break;
      case 'hint':
        await hintCommand(exercise.id, io);
        break;
      case 'read':
        readCommand(exercise.id, io);
        break;
      case 'reset':
        await resetCommand(exercise.id, false, { ...io, isTty: true }, (m) => prompts.confirm(m));
        break;
      case 'solution':
        // Read again: the menu may be stale if another command checked meanwhile.
        if (new ProgressStore(io.root).read().exercises[exercise.id]?.lastCheck?.passed !== true) io.out(`${MENU.solutionLocked}\n`);
        else io.out(`${styleFor(io).dim(`${exercise.solution}:`)}\n\n${readFileSync(join(io.root, exercise.solution), 'utf8')}\n`);
        break;
    }
  }
}

/**
 * A missing or unreadable progress file is rebuilt by re-checking every exercise that was worked on
 * (its file differs from the stub), so the list shows the truth again.
 */
export async function rebuildProgressIfLost(io: CliIo, check = (exercise: ExerciseEntry, file: string) => checkExercise({ root: io.root, exercise, file })): Promise<string[]> {
  const store = new ProgressStore(io.root);
  if (!store.needsRebuild) return [];
  if (store.warning) io.err(`${store.warning}\n`);
  const rechecked: string[] = [];
  for (const exercise of EXERCISES) {
    const file = join(io.root, exercise.file);
    if (!existsSync(file) || isPristine(io.root, exercise)) continue;
    io.out(`${MENU.rebuilding(exercise.id)}\n`);
    const hash = fileHash(file)!;
    const result = await check(exercise, file);
    await store.recordCheck(exercise.id, result.passed, hash);
    rechecked.push(exercise.id);
  }
  return rechecked;
}

function header(rows: readonly ExerciseListRow[], io: CliIo): string {
  const s = styleFor(io);
  const done = rows.filter((r) => r.status === 'done').length;
  const width = 24;
  const filled = rows.length === 0 ? 0 : Math.round((done / rows.length) * width);
  const next = rows.find((r) => r.status !== 'done');
  return [
    '',
    s.bold(`DDIA chapter 6, Replication — ${done}/${rows.length} exercises done`),
    `[${s.ok('█'.repeat(filled))}${s.dim('░'.repeat(width - filled))}] ${rows.length === 0 ? 0 : Math.round((done / rows.length) * 100)} %`,
    next !== undefined ? s.bold(MENU.suggested(next.id)) + s.dim(`  (${next.file})`) : s.ok(MENU.allDone),
    '',
  ].join('\n') + '\n';
}

function mark(r: ExerciseListRow): string {
  return r.status === 'done' ? '✓' : r.status === 'failing' ? '✗' : '·';
}

function bye(io: CliIo): number {
  io.out(`${MENU.bye}\n`);
  return 0;
}
