/**
 * The parts of `process` (and `os`) that reach other processes, closed before learner code runs. The permission
 * model leaves signals alone: `process.kill`, its binding `process._kill` and `_debugProcess` (which
 * sends SIGUSR1 to any pid) would let learner code stop or kill the grader. `process.binding` is
 * refused by the permission model already; `_linkedBinding` is closed too, for good measure. The ESM
 * exports of `node:process` are synced afterwards, or `import { kill } from 'node:process'` would keep
 * the real function. This is defence in depth: a grader running as root also starts learner
 * processes as another user, whom the kernel lets signal nothing of the grader's.
 */
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import { patch } from './patch.ts';

const CLOSED = ['kill', '_kill', '_debugProcess', '_debugEnd', '_linkedBinding', 'binding', 'dlopen'] as const;

/** Thrown by the closed functions; the harness matches errors by name. */
class ProcessAccessError extends Error {
  override readonly name = 'ProcessAccessError';
}

/** Replaces every function of `process` that can reach another process with one that throws. */
export function closeProcessSurface(): void {
  for (const name of CLOSED) {
    patch(process, name, () => {
      throw new ProcessAccessError(`process.${name} is not available in exercise code: it reaches outside your own code`);
    });
  }
  // Every learner process of a class runs as one user, so setPriority could slow another student's.
  for (const name of ['setPriority', 'getPriority']) {
    patch(os, name, () => {
      throw new ProcessAccessError(`os.${name} is not available in exercise code: it reaches outside your own code`);
    });
  }
  syncBuiltinESMExports();
}
