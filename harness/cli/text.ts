/**
 * What the workbook says to the learner in the interactive menu, watch mode, reset, read and report:
 * every sentence in one module, so the voice stays plain and consistent and a wording change is one
 * edit. Functions take the facts and return the sentence; nothing here prints.
 */
import { typableKeys, type WatchAction } from './watch/keys.ts';
import { WORKBOOK_COMMAND } from '../curriculum/index.ts';

/** What each watch key does, in the help line's words. */
const WATCH_ACTION_WORDS: Readonly<Record<WatchAction, string>> = { hint: 'hint', next: 'next exercise', list: 'list', rerun: 're-run', back: 'back to the menu', quit: 'quit' };

/** Watch mode. */
export const WATCH = {
  checking: (id: string, file: string) => `Checking ${id} (${file}) …`,
  passed: (id: string) => `✓ ${id} passes every check.`,
  /** The summary's last line in watch mode (the keys line follows it). */
  nextFailing: `save a fix: the checks run again by themselves · h hint · \`${WORKBOOK_COMMAND} report\` draws the run`,
  nextPassing: (nextId: string) => `Press n for the next exercise (${nextId}).`,
  allDone: `That was the last exercise: every one passes. Press q to quit, or run \`${WORKBOOK_COMMAND} report\` for the report.`,
  unchanged: 'Saved, but the content did not change: nothing to re-run (press r to re-run anyway).',
  polling: (ms: number) => `File events did not arrive, so the workbook now looks at the file every ${ms} ms instead (polling).`,
  pollingFromStart: (reason: string, ms: number) => `File events are not available here (${reason}); looking at the file every ${ms} ms instead (polling).`,
  notPassingYet: 'n moves on once this exercise passes. Fix it first (h gives a hint).',
  missingFile: (file: string) => `${file} does not exist. Run \`${WORKBOOK_COMMAND} reset <exercise> --yes\` to restore it.`,
  checkCrashed: (message: string) => `The check itself failed (a harness bug, not your fault): ${message}`,
  /** The help line, from the key table, so a key added there shows up here. */
  keys: `keys: ${typableKeys().map(([key, action]) => `${key} ${WATCH_ACTION_WORDS[action]}`).join(' · ')}`,
  /** The help line when watch was started from the menu: b goes back to it, q quits, as everywhere. */
  keysFromMenu: `keys: ${typableKeys(true).map(([key, action]) => `${key} ${WATCH_ACTION_WORDS[action]}`).join(' · ')}`,
  listHeader: 'Exercises (press any of the keys below to go on):',
} as const;

/** What `check` says instead of a hint when the code gave no answer to judge (cli/hint-steps.ts). */
export const ADVICE = {
  compile: (line: number | undefined) => `Your file does not compile: fix ${line !== undefined ? `line ${line}` : 'the error above'} first, then check again.`,
  load: 'Your file could not be loaded (see above): fix that first; hints start once its functions run.',
  types: (where: string) => `Your file has type errors: fix ${where} first (the first ten are listed above); a hint helps once it type-checks.`,
  notImplemented: (file: string) => `Not implemented yet: replace the TODO(human) parts of ${file}; a function that throws NotImplementedError gives nothing to judge.`,
  noAnswer: (location: string | undefined) => `Your code gave no answer to judge (it threw, or a function is missing)${location !== undefined ? ` at ${location}` : ''}: fix that first; hints are about wrong answers.`,
  timedOut: 'Your code did not answer in time (a loop that never ends, or a promise that never settles?): make every call finish first; hints are about wrong answers.',
  crashed: 'Your code stopped the process it runs in (see above): fix that first; hints are about wrong answers.',
  harnessBug: 'This failure is the harness\'s, not your code\'s: no hint applies. Please report it.',
} as const;

/** Hints, wherever they are shown (`check`, `hint`, watch mode). */
export const HINT = {
  /** The heading of a hint level; `check` names the failing check it is for. */
  heading: (level: number, total: number, id: string, checkTitle: string) => `Hint ${level}/${total} for ${id} · ${checkTitle}:`,
  more: (command: string) => `(the next level: ${command})`,
  fixShapeSeen: (command: string) => `(the shape of the fix, which you saw: ${command})`,
  last: (file: string) => `That was the last level: the shape of the fix. The chapter guide explains the idea: ${file}`,
} as const;

/** The interactive menu (`npm start` in a terminal). */
export const MENU = {
  pickExercise: 'Pick an exercise (type to search; Esc or Ctrl-C quits)',
  pickAction: (id: string) => `${id}: what next? (q quits)`,
  suggested: (id: string) => `Suggested next: ${id}`,
  allDone: `Every exercise passes. Well done! \`${WORKBOOK_COMMAND} report\` writes an HTML report of your work.`,
  actions: {
    watch: 'Watch: re-check every time you save the file',
    check: 'Check once',
    edit: (editor: string | undefined) => (editor !== undefined ? `Open it in your editor (${editor.split(/\s+/)[0]})` : 'Open it in your editor (set $EDITOR first)'),
    readme: "Read the exercise's README (what to build, what is checked)",
    hint: (level: number, total: number, checkTitle: string, again: boolean) => (again ? `Hint ${level}/${total} again · ${checkTitle}` : `Next hint (${level}/${total}) · ${checkTitle}`),
    read: 'Read the chapter section',
    reset: 'Reset the file to the original stub',
    solution: 'Show the reference solution',
    back: 'Back to the exercise list',
    quit: 'Quit',
  },
  solutionLocked: 'The reference solution opens once your exercise passes.',
  noEditor: (file: string) => `No editor is set: set $VISUAL or $EDITOR (e.g. export EDITOR=nano, or EDITOR="code -w"), or open ${file} in your editor yourself.`,
  editorFailed: (editor: string, why: string, file: string) => `Could not open the file with "${editor}" (${why}); open ${file} in your editor yourself.`,
  resetConfirm: (file: string) => `Replace ${file} with the original stub? Your version is kept in .workbook/backups/.`,
  resetKept: 'Nothing changed.',
  rebuilding: (id: string) => `Your progress file was missing or unreadable: re-checking ${id} to rebuild it …`,
  quitExercise: 'quit the workbook',
  bye: 'See you next time. `npm start` brings you back here.',
  pressEnter: 'Press Enter to go on',
} as const;

/** `workbook reset`. */
export const RESET = {
  done: (file: string) => `Restored ${file} to the original stub.`,
  backedUp: (backup: string) => `Your version is kept in ${backup} (copy it back to carry on with it).`,
  needsYes: (id: string) => `workbook reset replaces your file with the original stub. Without a terminal to confirm in, run: ${WORKBOOK_COMMAND} reset ${id} --yes`,
  damaged: (copy: string) => `the shipped copy of the stub (${copy}) does not match its recorded hash; reinstall the workbook (npm ci) and try again`,
  noCopy: (id: string) => `no original stub is shipped for "${id}"; reinstall the workbook (npm ci)`,
  alreadyPristine: (file: string) => `${file} is already the original stub; nothing to do.`,
} as const;

/** `workbook read`. */
export const READ = {
  exercisesHeader: 'Exercises for this section:',
  noExercises: 'No exercise for this section yet.',
  sections: `Sections (read one with: ${WORKBOOK_COMMAND} read <number>):`,
  unknown: (name: string, known: string) => `there is no chapter section "${name}". Sections: ${known}`,
  exerciseLine: (id: string, title: string, file: string) => `  ${id}: ${title}\n    open ${file}, then run: ${WORKBOOK_COMMAND} watch ${id}`,
} as const;

/** `workbook report`. */
export const REPORT = {
  written: (file: string, bytes: number) => `Wrote the report to ${file} (${(bytes / 1024).toFixed(0)} KB). Open it in a browser; it needs no network.`,
  checking: (id: string) => `Checking ${id} …`,
  replaying: (id: string) => `Replaying the failing run of ${id} for its diagram …`,
  notReplayed: (check: string, problem: string) => `  ${check}: the run could not be replayed (${problem}); its diagram shows the check's timeline only`,
} as const;

/** A learner's file found at its path from before exercise folders were named by chapter section. */
export const FORMER = {
  moved: (from: string, to: string) => `Moved ${from} to ${to}: exercise folders are now named by chapter section. Your progress is kept.`,
  'duplicate-removed': (from: string, to: string) => `Removed ${from}: the same file is at ${to}, where exercise folders are now (named by chapter section).`,
  'both-kept': (from: string, to: string) =>
    `${from} is from before exercise folders were named by chapter section, and ${to} exists too. They differ, so both are kept, and ${to} is the one checked. To carry on with the old one, move it over the new one: mv ${from} ${to}`,
  notMoved: (from: string, to: string, reason: string) => `${from} is from before exercise folders were named by chapter section and belongs at ${to}, but it could not be moved (${reason}); move it yourself.`,
} as const;
