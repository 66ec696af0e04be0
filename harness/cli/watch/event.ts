/**
 * Watch mode's one event union and the I/O it is given. Everything that can happen (a save, a quiet
 * moment after saves, a key, a finished check, the watcher giving up on file events) arrives as a
 * `WatchEvent` in one queue, and one loop (watch.ts) handles them in order. The outside world comes
 * in through `WatchIo`, so tests drive the loop with a fake clock, fake saves and fake keys.
 */
import type { ExerciseEntry } from '../../curriculum/index.ts';
import type { ExerciseResult } from '../../grading/index.ts';
import type { Style } from '../../render/index.ts';
import type { HintProgress } from '../hint-steps.ts';

export type WatchEvent =
  /** The watched file was written (a file event, or polling saw it change). */
  | { readonly kind: 'saved' }
  /** No save for the debounce interval after the last one: time to check. */
  | { readonly kind: 'settled' }
  /** A key pressed (one character; Ctrl-C is "\u0003"). */
  | { readonly kind: 'key'; readonly key: string }
  /** Check number `run` finished. */
  | { readonly kind: 'checked'; readonly run: number; readonly result: ExerciseResult }
  /** Check number `run` threw: a harness bug, reported as one. */
  | { readonly kind: 'check-crashed'; readonly run: number; readonly message: string }
  /** File events did not arrive; the watcher now polls (the message says so to the learner). */
  | { readonly kind: 'polling'; readonly message: string };

/** Something started that must be stopped: a watcher, a timer, a key listener. */
export interface Closer {
  close(): void;
}

export interface WatchIo {
  readonly root: string;
  readonly style: Style;
  readonly out: (text: string) => void;
  /** Clears the screen (or separates runs when there is no terminal). */
  readonly clear: () => void;
  /** Grades the learner's file for `exercise`. */
  readonly check: (exercise: ExerciseEntry, file: string) => Promise<ExerciseResult>;
  /** Reports saves of `file` (and a switch to polling) as events. */
  readonly watchFile: (file: string, emit: (e: WatchEvent) => void) => Closer;
  readonly listenKeys: (emit: (e: WatchEvent) => void) => Closer;
  readonly setTimer: (ms: number, fire: () => void) => Closer;
  /** A hash of the file's content, or undefined when it does not exist. */
  readonly fileHash: (file: string) => string | undefined;
  /** The progress file: checks recorded, hint levels counted (cli/hint-steps.ts). */
  readonly progress: HintProgress & {
    recordCheck(exercise: string, passed: boolean, hash: string): Promise<void>;
  };
  /** The exercise list with statuses, as text (the `l` key). */
  readonly listText: () => string;
  /** Whether an exercise counts as done now (passed, file unchanged since). */
  readonly isDone: (exercise: ExerciseEntry) => boolean;
  /** Stores a result's failing runs (for `check --replay last`); resolves to how a token is named then. */
  readonly storeFailures?: (exercise: ExerciseEntry, result: ExerciseResult) => (token: string) => string;
  /** The terminal's columns, to fit timelines and the summary (nothing is cut without). */
  readonly width?: number;
  /** Started from the interactive menu: b goes back to it (q quits the workbook, as everywhere). */
  readonly fromMenu?: boolean;
  /** Ends what was kept warm for the next save (a spare worker, the bundler); called when watching ends. */
  readonly dispose?: () => Promise<void>;
  /** Gets ready for the next save (starts a spare worker) once a result is on screen, so it does not compete with the check. */
  readonly prepareNext?: () => void;
}
