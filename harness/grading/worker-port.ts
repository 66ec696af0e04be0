import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LearnerAnswer, LearnerCallContext, LearnerPort, LoadProblem } from './learner-port.ts';
import { packageRoot } from './package-root.ts';
import type { HarnessMessage, HostMessage } from './protocol.ts';

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
  };
  if (!existsSync(config.hostFile)) {
    throw misuse('ERR_LEARNER_HOST_MISSING', `${config.hostFile} is missing: run \`npm run build\` first`);
  }
  return new WorkerPort(Object.freeze(config));
}

type WorkerPortConfig = Readonly<Required<WorkerPortOptions> & { hostFile: string }>;

/** What came back for one request: a host message, or the port's own verdict about the worker. */
type Outcome = { type: 'message'; message: HostMessage } | { type: 'timed-out' } | { type: 'crashed'; reason: string };

interface Pending {
  worker: Worker;
  /** The call id awaited, or 'load'. */
  awaiting: number | 'load';
  settle(outcome: Outcome): void;
}

class WorkerPort implements LearnerPort {
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private required: readonly string[] | undefined;
  private fresh = 0;
  private nextId = 1;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly terminations = new Set<Promise<unknown>>();

  constructor(private readonly config: WorkerPortConfig) {}

  load(required: readonly string[]): Promise<{ ok: true } | { ok: false; problem: LoadProblem }> {
    return this.enqueue(() => this.loadNow([...required]));
  }

  call(fn: string, args: readonly unknown[], ctx: LearnerCallContext): Promise<LearnerAnswer> {
    return this.enqueue(() => this.callNow(fn, args, ctx));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending?.settle({ type: 'crashed', reason: 'the learner port was closed' });
    this.kill();
    await Promise.all(this.terminations);
  }

  /** Calls are sequential by design; queueing makes an accidental concurrent call wait instead of interleave. */
  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(() => {
      if (this.closed) throw misuse('ERR_PORT_CLOSED', 'this learner port was closed');
      return operation();
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async loadNow(required: readonly string[]): Promise<{ ok: true } | { ok: false; problem: LoadProblem }> {
    this.required = undefined;
    const { code, filename, loadTimeoutMs } = this.config;
    const message: HarnessMessage = { type: 'load', code, filename, fresh: ++this.fresh };
    const outcome = await this.request(message, 'load', loadTimeoutMs);
    switch (outcome.type) {
      case 'timed-out':
        return { ok: false, problem: { kind: 'timed-out', limitMs: loadTimeoutMs } };
      case 'crashed':
        return { ok: false, problem: { kind: 'crashed', reason: outcome.reason } };
      case 'message':
        break;
    }
    const reply = outcome.message;
    if (reply.type === 'load-failed') return { ok: false, problem: reply.problem };
    if (reply.type !== 'loaded') return { ok: false, problem: { kind: 'crashed', reason: unexpected(reply) } };
    const missing = required.find((name) => !reply.functions.includes(name));
    if (missing !== undefined) return { ok: false, problem: { kind: 'missing-export', name: missing, exports: reply.exports } };
    this.required = required;
    return { ok: true };
  }

  private async callNow(fn: string, args: readonly unknown[], ctx: LearnerCallContext): Promise<LearnerAnswer> {
    const required = this.required;
    if (required === undefined) throw misuse('ERR_NOT_LOADED', `call("${fn}") before a successful load()`);
    if (this.worker === undefined) {
      // The previous worker timed out or crashed: start over transparently with a fresh module.
      const reloaded = await this.loadNow(required);
      if (!reloaded.ok) return { kind: 'crashed', reason: `restarting the learner side failed: ${describe(reloaded.problem)}` };
    }
    const id = this.nextId++;
    const { callTimeoutMs } = this.config;
    const outcome = await this.request({ type: 'call', id, fn, args, ctx }, id, callTimeoutMs);
    switch (outcome.type) {
      case 'timed-out':
        return { kind: 'timed-out', limitMs: callTimeoutMs };
      case 'crashed':
        return { kind: 'crashed', reason: outcome.reason };
      case 'message':
        return outcome.message.type === 'answer' ? outcome.message.answer : { kind: 'crashed', reason: unexpected(outcome.message) };
    }
  }

  private request(message: HarnessMessage, awaiting: number | 'load', timeoutMs: number): Promise<Outcome> {
    const worker = this.worker ?? this.start();
    return new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill();
        pending.settle({ type: 'timed-out' });
      }, timeoutMs);
      const pending: Pending = {
        worker,
        awaiting,
        settle: (outcome) => {
          clearTimeout(timer);
          if (this.pending === pending) this.pending = undefined;
          resolve(outcome);
        },
      };
      this.pending = pending;
      try {
        worker.postMessage(message);
      } catch (error) {
        // Uncloneable args are a harness bug, not a learner outcome: surface it as a rejection.
        clearTimeout(timer);
        this.pending = undefined;
        reject(misuse('ERR_ARGS_NOT_CLONEABLE', `cannot send ${message.type} to learner code: ${(error as Error).message}`));
      }
    });
  }

  private start(): Worker {
    const worker = new Worker(this.config.hostFile, {
      env: {},
      argv: [],
      // Not the parent's flags: a test runner's loaders would slow the worker and change what it can do.
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: this.config.memoryLimitMb },
    });
    // The host captures console output itself; whatever still reaches the streams is dropped.
    worker.stdout.resume();
    worker.stderr.resume();
    let failure: unknown;
    worker.on('error', (error) => (failure ??= error));
    worker.on('messageerror', (error) => (failure ??= error));
    worker.on('message', (message: HostMessage) => this.receive(worker, message));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      const pending = this.pending;
      if (pending?.worker === worker) pending.settle({ type: 'crashed', reason: crashReason(code, failure) });
    });
    this.worker = worker;
    return worker;
  }

  private receive(worker: Worker, message: HostMessage): void {
    const pending = this.pending;
    if (pending === undefined || pending.worker !== worker) return;
    switch (message.type) {
      case 'loaded':
      case 'load-failed':
        if (pending.awaiting === 'load') pending.settle({ type: 'message', message });
        return;
      case 'answer':
        if (pending.awaiting === message.id) pending.settle({ type: 'message', message });
        return;
      case 'callback':
        // Reserved for simulator callbacks; until they exist this is a protocol violation.
        this.kill();
        pending.settle({ type: 'crashed', reason: 'learner host sent a callback, which this harness does not support yet' });
        return;
    }
  }

  private kill(): void {
    const worker = this.worker;
    if (worker === undefined) return;
    this.worker = undefined;
    const termination = worker.terminate().finally(() => this.terminations.delete(termination));
    this.terminations.add(termination);
  }
}

function crashReason(exitCode: number, failure: unknown): string {
  if (failure === undefined) return `exited with code ${exitCode}`;
  const error = failure as { code?: unknown; name?: unknown; message?: unknown };
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'out of memory';
  return `uncaught ${String(error.name ?? 'Error')}: ${String(error.message ?? failure)}`;
}

function describe(problem: LoadProblem): string {
  switch (problem.kind) {
    case 'syntax-error':
      return problem.message;
    case 'threw-at-import':
      return `${problem.error.name}: ${problem.error.message}`;
    case 'missing-export':
      return `missing export ${problem.name}`;
    case 'timed-out':
      return `timed out after ${problem.limitMs} ms`;
    case 'crashed':
      return problem.reason;
  }
}

function unexpected(message: HostMessage): string {
  return `learner host sent an unexpected "${message.type}" message`;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw misuse('ERR_INVALID_OPTION', `createWorkerPort: ${name} must be a positive number of ${name.endsWith('Mb') ? 'MB' : 'ms'}, got ${value}`);
  }
  return value;
}

function misuse(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}
