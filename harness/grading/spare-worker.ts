/**
 * Learner-host workers started before they are needed: by bin/workbook.js while the CLI is still
 * loading (dist/prestart.js), and by watch mode for its next save. A spare has evaluated only the
 * host, never a learner module, so taking it is the same as starting a worker then; a used worker is
 * never handed out again (a module's top-level `Object.prototype.x = …` would outlive a reload).
 *
 * The spare lives on `globalThis` under a registered symbol because the prestart bundle and the CLI
 * bundle each have their own copy of this module. It is unref'd until taken, so a command that never
 * runs learner code exits as if it had not been started.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from './package-root.ts';

/** Everything a learner worker is started with; a spare is used only for an identical spec. */
export interface LearnerWorkerSpec {
  readonly hostFile: string;
  readonly memoryLimitMb: number;
}

/** The V8 old-generation heap limit of a learner worker unless the caller sets one. */
export const DEFAULT_WORKER_MEMORY_MB = 256;

/** The learner host bundle (made by `npm run build`). */
export function learnerHostFile(): string {
  return join(packageRoot(), 'dist', 'learner-host.js');
}

interface Spare {
  readonly spec: LearnerWorkerSpec;
  readonly worker: Worker;
  /** Set when the spare failed or exited before it was taken. */
  dead: boolean;
}

const SPARE = Symbol.for('ddia-workbook.spare-learner-worker');
const slot = globalThis as { [SPARE]?: Spare };

/** A new learner worker: its own heap limit, no environment, no flags, no access to our stdio. */
export function startLearnerWorker(spec: LearnerWorkerSpec): Worker {
  return drainOutput(createWorker(spec));
}

function createWorker(spec: LearnerWorkerSpec): Worker {
  return new Worker(spec.hostFile, {
    env: {},
    argv: [],
    // Not the parent's flags: a test runner's loaders would slow the worker and change what it can do.
    execArgv: [],
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: spec.memoryLimitMb },
  });
}

/**
 * The host captures console output itself; whatever still reaches the streams is dropped. A flowing
 * stream keeps the process alive even when the worker is unref'd, so a spare's flow only once taken.
 */
function drainOutput(worker: Worker): Worker {
  worker.stdout.resume();
  worker.stderr.resume();
  return worker;
}

/** Starts a spare for `spec` unless one is ready. */
export function keepSpareWorker(spec: LearnerWorkerSpec): void {
  const current = slot[SPARE];
  if (current !== undefined && !current.dead && sameSpec(current.spec, spec)) return;
  if (current !== undefined) void current.worker.terminate();
  const worker = createWorker(spec);
  const spare: Spare = { spec, worker, dead: false };
  const die = (): void => {
    spare.dead = true;
  };
  worker.on('error', die);
  worker.on('exit', die);
  worker.unref();
  slot[SPARE] = spare;
}

/** Starts a spare for the default learner worker (the one every check uses) unless one is ready. */
export function keepSpareLearnerWorker(): void {
  keepSpareWorker({ hostFile: learnerHostFile(), memoryLimitMb: DEFAULT_WORKER_MEMORY_MB });
}

/** The spare for `spec` if one is ready (then it is no longer a spare), else a new worker. */
export function takeLearnerWorker(spec: LearnerWorkerSpec): Worker {
  const spare = slot[SPARE];
  if (spare === undefined || spare.dead || !sameSpec(spare.spec, spec)) return startLearnerWorker(spec);
  slot[SPARE] = undefined;
  spare.worker.removeAllListeners('error');
  spare.worker.removeAllListeners('exit');
  spare.worker.ref();
  return drainOutput(spare.worker);
}

/** Ends the spare, if any (watch mode on quit). */
export async function dropSpareWorker(): Promise<void> {
  const spare = slot[SPARE];
  slot[SPARE] = undefined;
  if (spare !== undefined) await spare.worker.terminate();
}

function sameSpec(a: LearnerWorkerSpec, b: LearnerWorkerSpec): boolean {
  return a.hostFile === b.hostFile && a.memoryLimitMb === b.memoryLimitMb;
}
