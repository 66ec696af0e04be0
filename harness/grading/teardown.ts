/**
 * What a grading process must undo however it ends: kill the process groups it started (grading
 * processes, compilers) and remove the folders holding students' code. Node runs no 'exit' listener
 * when a signal ends the process, so a hook on 'exit' alone would leave a Ctrl-C'd or SIGTERM'd run's
 * compilers and grading processes running, writing into folders nobody removes any more.
 *
 * Steps run once, newest first (as nested `finally` blocks would): whatever writes into a folder was
 * started after the folder was made, so it is killed before the folder goes.
 */

import { rmSync } from 'node:fs';

type Step = () => void;

const steps = new Set<{ run: Step }>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let hooked = false;

/** Runs `step` when this process exits or is interrupted; the returned function drops it (call it once the step is done anyway). */
export function atTeardown(step: Step): () => void {
  hook();
  const entry = { run: step };
  steps.add(entry);
  return () => void steps.delete(entry);
}

/** Removes `folder` should the process exit or be interrupted before the caller removes it (then call the returned function). */
export function removeAtTeardown(folder: string): () => void {
  // Retried: a process killed a moment ago may still finish a write into it.
  return atTeardown(() => rmSync(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 }));
}

function runAll(): void {
  for (const entry of [...steps].reverse()) {
    steps.delete(entry);
    try {
      entry.run();
    } catch {
      // One step failing (a folder already gone, a group already dead) must not keep the rest from running.
    }
  }
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', runAll);
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      runAll();
      process.off(signal, onSignal);
      // Nobody else handles it (a grading process does, and exits itself): the signal's own default
      // action, so the exit status still says how the run ended.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
