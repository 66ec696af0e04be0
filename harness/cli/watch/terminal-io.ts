/**
 * The real `WatchIo`: the terminal (raw keys, clearing the screen), the file system, timers, the
 * grading runner and the progress file. Tests use their own `WatchIo` instead.
 */
import { join } from 'node:path';
import { dropSpareWorker, keepSpareLearnerWorker, RunRecordStore, stopBundler } from '../../grading/index.ts';
import { renderExerciseList } from '../../render/index.ts';
import { exerciseRows } from '../commands/list.ts';
import { styleFor, type CliIo } from '../io.ts';
import { failedRuns, terminalWidth } from '../commands/check.ts';
import { LastFailuresStore, replayReference } from '../last-failures.ts';
import { fileHash, ProgressStore } from '../progress-store.ts';
import { ResultStore } from '../result-store.ts';
import { checkReusingRuns } from '../run-reuse.ts';
import type { Closer, WatchEvent, WatchIo } from './event.ts';
import { DEFAULT_POLL_MS, watchFileForSaves } from './file-watcher.ts';

export interface TerminalWatchOptions {
  /** Where keys come from; process.stdin by default. */
  readonly stdin?: NodeJS.ReadStream;
  /** Started from the interactive menu (b goes back to it). */
  readonly fromMenu?: boolean;
  /** Simulate every schedule on each save, reusing no recorded run (the bench's comparison). */
  readonly noReuse?: boolean;
}

export function terminalWatchIo(io: CliIo, options: TerminalWatchOptions = {}): WatchIo {
  const store = new ProgressStore(io.root);
  const runs = options.noReuse === true ? undefined : RunRecordStore.of(io.root);
  const width = terminalWidth(io);
  return {
    ...(width !== undefined ? { width } : {}),
    ...(options.fromMenu === true ? { fromMenu: true } : {}),
    storeFailures: (exercise, result) => {
      const failures = new LastFailuresStore(io.root);
      failures.record(exercise.id, result.file, failedRuns(result));
      const stored = failures.get(exercise.id)!;
      return (token) => replayReference(stored, token);
    },
    root: io.root,
    style: styleFor(io),
    out: io.out,
    clear: () => io.out(io.isTty ? '\u001b[2J\u001b[3J\u001b[H' : '\n----------------------------------------\n'),
    // A spare worker waits for each save (a fresh realm, never a reused one), and an unchanged file
    // (an undo, a re-run) answers from the stored result.
    // Each save reuses the runs of the previous one whose answers it repeats (kept in memory too).
    check: async (exercise, file) => (await checkReusingRuns({ root: io.root, exercise, file, cache: new ResultStore(io.root) }, runs, false)).result,
    prepareNext: keepSpareLearnerWorker,
    watchFile: (file, emit) =>
      watchFileForSaves(file, emit, { pollMs: DEFAULT_POLL_MS, verifyMs: 1000, graceMs: 300, hash: fileHash }),
    listenKeys: (emit) => listenToKeys(options.stdin ?? process.stdin, emit),
    setTimer: (ms, fire) => {
      const t = setTimeout(fire, ms);
      return { close: () => clearTimeout(t) };
    },
    fileHash,
    progress: {
      recordCheck: (exercise, passed, hash) => store.recordCheck(exercise, passed, hash),
      update: (exercise, change) => store.update(exercise, change),
    },
    // Watch mode kept a spare worker and the bundler warm for the next save; nothing outlives it.
    dispose: async () => void (await Promise.all([dropSpareWorker(), stopBundler()])),
    listText: () => renderExerciseList(exerciseRows(io).rows, styleFor(io)),
    isDone: (exercise) => {
      const last = new ProgressStore(io.root).read().exercises[exercise.id]?.lastCheck;
      return last?.passed === true && last.fileHash === fileHash(join(io.root, exercise.file));
    },
  };
}

/** Reads single keys from a terminal (raw mode), or characters from a pipe. */
export function listenToKeys(stdin: NodeJS.ReadStream, emit: (e: WatchEvent) => void): Closer {
  const raw = stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  if (raw) stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  const onData = (chunk: string): void => {
    for (const key of chunk) if (key !== '\n' && key !== '\r') emit({ kind: 'key', key });
  };
  stdin.on('data', onData);
  stdin.resume();
  return {
    close() {
      stdin.off('data', onData);
      if (raw) stdin.setRawMode(false);
      stdin.pause();
    },
  };
}
