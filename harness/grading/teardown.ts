/**
 * What a grading process must undo however it ends: kill the process groups it started (grading
 * processes, compilers) and remove the folders holding students' code. Node runs no 'exit' listener
 * when a signal ends the process, so a hook on 'exit' alone would leave a Ctrl-C'd or SIGTERM'd run's
 * compilers and grading processes running, writing into folders nobody removes any more.
 *
 * Every kill runs before any removal (whatever writes into a folder is stopped before the folder
 * goes, whenever either was registered), each phase newest first. Signals are taken over only where
 * `teardownOnSignals` asks for it (`workbook grade`): a learner's check or watch keeps Node's own
 * handling, which also puts a raw terminal back.
 */
import { rmSync } from 'node:fs';

type Step = () => void;
type Phase = 'kill' | 'remove';

const steps: Record<Phase, Set<{ run: Step }>> = { kill: new Set(), remove: new Set() };
let exitHooked = false;
let signalsHooked = false;

/** Runs `step` when this process exits (or, under `teardownOnSignals`, is interrupted); the returned function drops it (call it once the step is done anyway). */
export function atTeardown(step: Step, phase: Phase = 'kill'): () => void {
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', runAll);
  }
  const entry = { run: step };
  steps[phase].add(entry);
  return () => void steps[phase].delete(entry);
}

/** Removes `folder` should the process exit or be interrupted before the caller removes it (then call the returned function). */
export function removeAtTeardown(folder: string): () => void {
  // Retried: a process killed a moment ago may still finish a write into it.
  return atTeardown(() => rmSync(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 }), 'remove');
}

/**
 * From now on SIGINT, SIGTERM (and SIGHUP where there is one) run the teardown and then end the
 * process by that signal, so its exit status still says how it ended. A signal some other listener
 * handles is left to it: it ends the process itself, and 'exit' runs the teardown then.
 */
export function teardownOnSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  const signals: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return;
      runAll();
      process.off(signal, onSignal);
      try {
        process.kill(process.pid, signal);
      } catch {
        process.exit(1);
      }
    };
    process.on(signal, onSignal);
  }
}

function runAll(): void {
  for (const phase of ['kill', 'remove'] as const) {
    for (const entry of [...steps[phase]].reverse()) {
      steps[phase].delete(entry);
      try {
        entry.run();
      } catch {
        // One step failing (a folder already gone, a group already dead) must not keep the rest from running.
      }
    }
  }
}
