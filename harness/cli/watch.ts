/**
 * Watch mode: check the exercise at once, then again every time its file is saved, and show the
 * result with what to do next. One event union (watch/event.ts), one loop (`runWatch`), one key table
 * (watch/keys.ts); all I/O is passed in, so tests drive it with fake saves, keys and timers.
 *
 * Saves are debounced (editors write a file in several steps); a save while a check runs queues one
 * more run, and keys pressed during a run are ignored (except q and b). A save that leaves the content as
 * it was does not re-run.
 */
import { EXERCISES, WORKBOOK_COMMAND, type ExerciseEntry } from '../curriculum/index.ts';
import type { ExerciseResult } from '../grading/index.ts';
import { renderResultText } from '../render/index.ts';
import type { Closer, WatchEvent, WatchIo } from './watch/event.ts';
import { actionOf, KEYS_DURING_A_RUN, type WatchAction } from './watch/keys.ts';
import { hintOption } from './commands/check.ts';
import { afterCheck, hintLines, nextHint } from './hint-steps.ts';
import { WATCH } from './text.ts';

export type { WatchEvent, WatchIo, Closer } from './watch/event.ts';
export { WATCH_KEYS, actionOf, type WatchAction } from './watch/keys.ts';

/** How long after the last save the check starts. */
export const DEBOUNCE_MS = 40;

/** A queue the loop awaits: events pushed from callbacks come out one at a time, in order. */
class EventQueue {
  private readonly items: WatchEvent[] = [];
  private waiting: ((e: WatchEvent) => void) | undefined;

  readonly push = (e: WatchEvent): void => {
    const w = this.waiting;
    if (w !== undefined) {
      this.waiting = undefined;
      w(e);
    } else this.items.push(e);
  };

  next(): Promise<WatchEvent> {
    const e = this.items.shift();
    return e !== undefined ? Promise.resolve(e) : new Promise((resolve) => (this.waiting = resolve));
  }
}

interface WatchState {
  exercise: ExerciseEntry;
  file: string;
  watcher: Closer;
  /** The number of the check running now, if any. */
  running: number | undefined;
  /** The content hash the running check started from. */
  runningHash: string | undefined;
  /** A save arrived during the run: check again when it ends. */
  again: boolean;
  lastResult: ExerciseResult | undefined;
  /** The content hash of the last finished check. */
  checkedHash: string | undefined;
  debounce: Closer | undefined;
  runs: number;
}

/** Watches `start` until the learner quits (q) or goes back to the menu (b, from the menu only). */
export async function runWatch(start: ExerciseEntry, io: WatchIo): Promise<'quit' | 'back'> {
  const queue = new EventQueue();
  const path = (e: ExerciseEntry): string => `${io.root}/${e.file}`;
  const state: WatchState = {
    exercise: start,
    file: path(start),
    watcher: io.watchFile(path(start), queue.push),
    running: undefined,
    runningHash: undefined,
    again: false,
    lastResult: undefined,
    checkedHash: undefined,
    debounce: undefined,
    runs: 0,
  };
  const keys = io.listenKeys(queue.push);
  const s = io.style;
  const keysLine = io.fromMenu === true ? WATCH.keysFromMenu : WATCH.keys;

  const startCheck = (): void => {
    state.again = false;
    const run = ++state.runs;
    state.running = run;
    state.runningHash = io.fileHash(state.file);
    io.clear();
    io.out(`${s.bold(WATCH.checking(state.exercise.id, state.exercise.file))}\n`);
    io.check(state.exercise, state.file).then(
      (result) => queue.push({ kind: 'checked', run, result }),
      (error: unknown) => queue.push({ kind: 'check-crashed', run, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  };

  const showResult = async (result: ExerciseResult): Promise<void> => {
    const e = state.exercise;
    const next = await afterCheck(io.progress, e, result);
    const replayRef = io.storeFailures?.(e, result);
    // The summary and the keys are the screen's last lines.
    const text = renderResultText(result, {
      style: s,
      replayCommand: `${WORKBOOK_COMMAND} check ${e.id} --replay`,
      next: WATCH.nextFailing,
      ...(next.hint !== undefined ? { nextHint: hintOption(e, next.hint) } : {}),
      ...(next.advice !== undefined ? { advice: next.advice } : {}),
      ...(replayRef !== undefined ? { replayRef } : {}),
      ...(io.width !== undefined ? { width: io.width } : {}),
    });
    const lines = [text.trimEnd()];
    if (result.passed) {
      lines.push(s.ok(WATCH.passed(e.id)));
      const next = nextExercise();
      lines.push(next !== undefined ? WATCH.nextPassing(next.id) : WATCH.allDone);
    }
    lines.push(s.dim(keysLine));
    io.clear();
    io.out(lines.join('\n') + '\n');
  };

  const nextExercise = (): ExerciseEntry | undefined => {
    const i = EXERCISES.indexOf(state.exercise);
    return [...EXERCISES.slice(i + 1), ...EXERCISES.slice(0, Math.max(i, 0))].find((e) => !io.isDone(e));
  };

  const act = async (action: WatchAction): Promise<'quit' | 'back' | undefined> => {
    switch (action) {
      case 'quit':
        return 'quit';
      case 'back':
        return io.fromMenu === true ? 'back' : undefined;
      case 'rerun':
        startCheck();
        return undefined;
      case 'hint': {
        const e = state.exercise;
        io.out(`\n${hintLines(e, await nextHint(io.progress, e), s)}${s.dim(keysLine)}\n`);
        return undefined;
      }
      case 'list':
        io.out(`\n${io.listText()}${s.dim(keysLine)}\n`);
        return undefined;
      case 'next': {
        if (state.lastResult?.passed !== true) {
          io.out(`${WATCH.notPassingYet}\n`);
          return undefined;
        }
        const next = nextExercise();
        if (next === undefined) {
          io.out(`${WATCH.allDone}\n`);
          return undefined;
        }
        state.watcher.close();
        state.exercise = next;
        state.file = path(next);
        state.watcher = io.watchFile(state.file, queue.push);
        state.lastResult = undefined;
        state.checkedHash = undefined;
        startCheck();
        return undefined;
      }
    }
  };

  startCheck();
  try {
    for (;;) {
      const event = await queue.next();
      switch (event.kind) {
        case 'saved':
          state.debounce?.close();
          state.debounce = io.setTimer(DEBOUNCE_MS, () => queue.push({ kind: 'settled' }));
          break;
        case 'settled': {
          state.debounce = undefined;
          const hash = io.fileHash(state.file);
          if (state.running !== undefined) {
            if (hash !== state.runningHash) state.again = true;
          } else if (hash !== state.checkedHash) startCheck();
          break;
        }
        case 'key': {
          const action = actionOf(event.key);
          if (action === undefined) break;
          if (state.running !== undefined && !KEYS_DURING_A_RUN.has(action)) break;
          const ended = await act(action);
          if (ended !== undefined) return ended;
          break;
        }
        case 'checked': {
          if (event.run !== state.running) break;
          state.running = undefined;
          if (state.again || io.fileHash(state.file) !== state.runningHash) {
            startCheck();
            break;
          }
          state.lastResult = event.result;
          state.checkedHash = state.runningHash;
          if (state.runningHash === undefined) {
            io.clear();
            io.out(`${s.bad(WATCH.missingFile(state.exercise.file))}\n${s.dim(keysLine)}\n`);
            break;
          }
          await io.progress.recordCheck(state.exercise.id, event.result.passed, state.runningHash);
          await showResult(event.result);
          io.prepareNext?.();
          break;
        }
        case 'check-crashed':
          if (event.run !== state.running) break;
          state.running = undefined;
          io.out(`${s.warn(WATCH.checkCrashed(event.message))}\n${s.dim(keysLine)}\n`);
          break;
        case 'polling':
          io.out(`${s.warn(event.message)}\n`);
          break;
      }
    }
  } finally {
    state.debounce?.close();
    state.watcher.close();
    keys.close();
    await io.dispose?.();
  }
}
