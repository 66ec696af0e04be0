import { existsSync } from 'node:fs';
import { harnessError } from '../errors.ts';
import type { AnswerBudgets } from './answer-budget.ts';
import type { LearnerPort } from './learner-port.ts';
import { PortSession, type LearnerTransport, type TransportEvents } from './port-session.ts';
import type { HostMessage } from './protocol.ts';
import type { ReplayedMessage } from './replay-log.ts';
import { slotTransport } from './slot-transport.ts';
import { workerReplayer, type ReplayBatcher, type WorkerReplayer } from './worker-replay.ts';
import { DEFAULT_WORKER_MEMORY_MB, keepSpareWorker, learnerHostFile, takeLearnerWorker, type LearnerWorkerSpec } from './spare-worker.ts';

/** How a worker port carries calls (see `WorkerPortOptions.port`). */
export type LearnerPortKind = 'shared' | 'message';

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
  /**
   * How calls cross: `message` (the default) by `postMessage` each way, or `shared` through a
   * shared-memory slot (slot-transport.ts). The slot gives the same `--json` for every fixture (a
   * test), but on this 2-core machine under load it cost more per call than the messages (bench:
   * 42 vs 32 µs CPU), so it is not the default until a quiet machine shows it cheaper.
   */
  port?: LearnerPortKind;
  /** Start a spare worker when this port closes, so the next port (watch mode's next save) starts at once. */
  keepSpare?: boolean;
}

/**
 * A `LearnerPort` that runs learner code in a worker thread (dist/learner-host.js). A call that runs too
 * long or kills its worker is answered `timed-out`/`crashed`; the next call starts a new worker and loads
 * the module again with the same required exports, so one bad call never poisons the ones after it.
 * Workers are not unref'd: call `close()` when done, or the process stays alive.
 */
export function createWorkerPort(options: WorkerPortOptions): WorkerPort {
  const config = {
    code: options.code,
    filename: options.filename,
    callTimeoutMs: positive(options.callTimeoutMs, 2000, 'callTimeoutMs'),
    loadTimeoutMs: positive(options.loadTimeoutMs, 5000, 'loadTimeoutMs'),
    memoryLimitMb: positive(options.memoryLimitMb, DEFAULT_WORKER_MEMORY_MB, 'memoryLimitMb'),
    hostFile: learnerHostFile(),
    ...(options.answerBudgets !== undefined ? { answerBudgets: options.answerBudgets } : {}),
  };
  if (!existsSync(config.hostFile)) {
    throw harnessError('ERR_LEARNER_HOST_MISSING', `${config.hostFile} is missing: run \`npm run build\` first`);
  }
  const spec: LearnerWorkerSpec = { hostFile: config.hostFile, memoryLimitMb: config.memoryLimitMb };
  const kind = options.port ?? 'message';
  const replayer = workerReplayer(config);
  const loading = { required: [] as readonly string[] };
  const session = new PortSession({ ...config, startTransport: (events) => startWorker(spec, events, kind, replayer, loading) });
  return {
    load: (required) => {
      loading.required = required;
      return session.load(required);
    },
    call: (...a) => session.call(...a),
    // Batches go by message only: the shared slot counts every message the host reads.
    replay: kind === 'message' ? replayer.replay : async () => undefined,
    // A spare is started once this port is done, so it does not compete with the check for the other core.
    close: () => (options.keepSpare === true ? session.close().finally(() => keepSpareWorker(spec)) : session.close()),
  };
}

/** A worker port; `replay` asks a schedule's recorded calls in one message (the learner's own check only, worker-replay.ts). */
export interface WorkerPort extends LearnerPort {
  readonly replay: ReplayBatcher;
}

/** Runs dist/learner-host.js in a worker thread (a spare when one is ready) with its own heap limit and no access to our stdio. */
function startWorker(spec: LearnerWorkerSpec, events: TransportEvents, kind: LearnerPortKind, replayer: WorkerReplayer, loading: { readonly required: readonly string[] }): LearnerTransport {
  const worker = takeLearnerWorker(spec);
  let failure: unknown;
  const kill = async (): Promise<void> => {
    replayer.ready(undefined);
    await worker.terminate();
  };
  worker.on('error', (error) => (failure ??= error));
  worker.on('messageerror', (error) => (failure ??= error));
  worker.on('message', (reply: HostMessage | ReplayedMessage) => {
    if (replayer.onMessage(worker, reply)) return;
    const message = reply as HostMessage;
    // Ready for batches once it loaded the module with every export the session requires (as the session decides).
    if (message.type === 'loaded') replayer.ready(loading.required.every((f) => message.functions.includes(f)) ? { worker, kill } : undefined);
    else if (message.type === 'load-failed') replayer.ready(undefined);
    events.onMessage(message);
  });
  worker.on('exit', (code) => {
    const reason = crashReason(code, failure);
    replayer.onExit(worker, reason);
    events.onExit(reason);
  });
  if (kind === 'shared') return slotTransport(worker, events, kill);
  return {
    send: (message) => {
      // A new load: not ready until it answers.
      if (message.type === 'load') replayer.ready(undefined);
      worker.postMessage(message);
    },
    kill,
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
