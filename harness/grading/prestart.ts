/**
 * Bundled to dist/prestart.js, which bin/workbook.js imports before the CLI for commands that run
 * learner code: the learner worker and the bundler's service start on the other core while the CLI
 * bundle is still loading. Both are handed over, never duplicated (spare-worker.ts, bundler.ts).
 */
import { stopBundler, warmBundler } from './bundler.ts';
import { dropSpareWorker, keepSpareLearnerWorker } from './spare-worker.ts';

/** Starts a spare learner worker and the bundler; a failure here only means the command starts them later. */
export function prestart(): void {
  try {
    keepSpareLearnerWorker();
    warmBundler();
  } catch {
    // Not built yet, or no worker threads: the command starts what it needs itself.
  }
}

/**
 * Ends what `prestart` started and the command did not use (a check answered from the stored result
 * never takes the worker), so the process exits at once and leaves nothing running.
 */
export async function finishPrestart(): Promise<void> {
  await Promise.all([dropSpareWorker(), stopBundler()]);
}
