import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { harnessError } from '../errors.ts';
import type { AnswerBudgets } from './answer-budget.ts';
import type { LearnerPort } from './learner-port.ts';
import { packageRoot } from './package-root.ts';
import { PortSession, type LearnerTransport, type TransportEvents } from './port-session.ts';
import type { HostMessage } from './protocol.ts';

/** Options of `createWorkerPort`. */
export interface WorkerPortOptions {
  /** The learner module as produced by `transpileLearnerFile`. */
  code: string;
  /** The learner file as errors should name it (e.g. relative to the package root). */
  filename: string;
  /** Wall-clock limit for one call before the worker is killed. Default 2000. */
  callTimeoutMs?: number;
  /** Wall-clock limit for starting a worker and evaluating the module. Default 5000. */
  loadTimeoutMs?: number;
  /** V8 old-generation heap limit of the worker. Default 256. */
  memoryLimitMb?: number;
  /** Answer budgets by export name, as the child port takes them (so `check` and `grade` agree). */
  answerBudgets?: AnswerBudgets;
}

/**
 * A `LearnerPort` that runs learner code in a worker thread (dist/learner-host.js). A call that runs too
 * long or kills its worker is answered `timed-out`/`crashed`; the next call starts a new worker and loads
 * the module again with the same required exports, so one bad call never poisons the ones after it.
 * Workers are not unref'd: call `close()` when done, or the process stays alive.
 */
export function createWorkerPort(options: WorkerPortOptions): LearnerPort {
  const config = {
    code: options.code,
    filename: options.filename,
    callTimeoutMs: positive(options.callTimeoutMs, 2000, 'callTimeoutMs'),
    loadTimeoutMs: positive(options.loadTimeoutMs, 5000, 'loadTimeoutMs'),
    memoryLimitMb: positive(options.memoryLimitMb, 256, 'memoryLimitMb'),
    hostFile: join(packageRoot(), 'dist', 'learner-host.js'),
    ...(options.answerBudgets !== undefined ? { answerBudgets: options.answerBudgets } : {}),
  };
  if (!existsSync(config.hostFile)) {
    throw harnessError('ERR_LEARNER_HOST_MISSING', `${config.hostFile} is missing: run \`npm run build\` first`);
  }
  return new PortSession({ ...config, startTransport: (events) => startWorker(config, events) });
}

/** Starts dist/learner-host.js in a worker thread with its own heap limit and no access to our stdio. */
function startWorker(config: { hostFile: string; memoryLimitMb: number }, events: TransportEvents): LearnerTransport {
  const worker = new Worker(config.hostFile, {
    env: {},
    argv: [],
    // Not the parent's flags: a test runner's loaders would slow the worker and change what it can do.
    execArgv: [],
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: config.memoryLimitMb },
  });
  // The host captures console output itself; whatever still reaches the streams is dropped.
  worker.stdout.resume();
  worker.stderr.resume();
  let failure: unknown;
  worker.on('error', (error) => (failure ??= error));
  worker.on('messageerror', (error) => (failure ??= error));
  worker.on('message', (message: HostMessage) => events.onMessage(message));
  worker.on('exit', (code) => events.onExit(crashReason(code, failure)));
  return {
    send: (message) => worker.postMessage(message),
    kill: async () => void (await worker.terminate()),
  };
}

function crashReason(exitCode: number, failure: unknown): string {
  if (failure === undefined) return `exited with code ${exitCode}`;
  const error = failure as { code?: unknown; name?: unknown; message?: unknown };
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'out of memory';
  return `uncaught ${String(error.name ?? 'Error')}: ${String(error.message ?? failure)}`;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw harnessError('ERR_INVALID_OPTION', `createWorkerPort: ${name} must be a positive number of ${name.endsWith('Mb') ? 'MB' : 'ms'}, got ${value}`);
  }
  return value;
}
