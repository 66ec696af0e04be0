/**
 * The harness side of the request/answer protocol, whatever carries it. A `PortSession` sends
 * `load` and `call` requests over a `LearnerTransport` (a worker thread, a locked-down child
 * process), applies the time limits, and turns every way the learner side can fail — a hang, a
 * crash, an exit, a malformed answer — into a value. Calls are sequential.
 *
 * A call may call back (`CallOptions.handlers`): the session runs the handler and sends its outcome
 * back. Learner code is *running* from each message the session sends until the host answers it with
 * `waiting` or `answer`; the call's time limit counts running time only, and each running period is
 * reported to `CallOptions.busy`, so a simulation can stand still exactly while learner code runs.
 */
import { harnessError } from '../errors.ts';
import { answerBudgetOf, DEFAULT_ANSWER_BUDGET_BYTES, measureAnswer, type AnswerBudgets } from './answer-budget.ts';
import { boundError, boundHostAnswer, overBudgetReason } from './bounded-answer.ts';
import type { CallOptions, LearnerAnswer, LearnerCallContext, LearnerPort, LoadProblem } from './learner-port.ts';
import type { CallbackMessage, HarnessMessage, HostMessage } from './protocol.ts';
import { RunningTime } from './running-time.ts';

/** One running learner side. `kill` ends it for good; the session starts a new one when needed. */
export interface LearnerTransport {
  /**
   * Sends a message; throws if the message cannot be serialised. `mayCallBack` says that a call's
   * learner code may call back while it runs (a transport may carry other calls more cheaply).
   */
  send(message: HarnessMessage, options?: { readonly mayCallBack?: boolean }): void;
  kill(): Promise<void>;
}

/** What the transport reports back: messages, and its end (with a plain reason: "out of memory", …). */
export interface TransportEvents {
  onMessage(message: HostMessage): void;
  onExit(reason: string): void;
}

export interface PortSessionConfig {
  readonly code: string;
  readonly filename: string;
  readonly callTimeoutMs: number;
  readonly loadTimeoutMs: number;
  /**
   * Wall-clock limit of one call from the moment it is sent to its answer, whatever the learner side
   * says in between: `callTimeoutMs` pauses while the host reports itself idle, and a child can forge
   * that report, so a transport whose learner side is untrusted sets this backstop too.
   */
  readonly wallBackstopMs?: number;
  /** Answer budgets by export name (see answer-budget.ts); callbacks' arguments get the default. */
  readonly answerBudgets?: AnswerBudgets;
  /** Starts a fresh learner side and wires its events. */
  readonly startTransport: (events: TransportEvents) => LearnerTransport;
}

/** What came back for one request: a host message, or the session's own verdict about the learner side. */
type Outcome = { type: 'message'; message: HostMessage } | { type: 'timed-out' } | { type: 'crashed'; reason: string } | { type: 'aborted' };

interface Pending {
  transport: LearnerTransport;
  /** The call id awaited, or 'load'. */
  awaiting: number | 'load';
  settle(outcome: Outcome): void;
  /** For calls: learner code called back, or reported itself idle. */
  callback?(message: CallbackMessage): void;
  waiting?(): void;
}

export class PortSession implements LearnerPort {
  private transport: LearnerTransport | undefined;
  private pending: Pending | undefined;
  private required: readonly string[] | undefined;
  /** Why the last load failed, once one did: later calls answer with it (the student's load error). */
  private loadFailure: LoadProblem | undefined;
  private fresh = 0;
  private nextId = 1;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly terminations = new Set<Promise<unknown>>();

  constructor(private readonly config: PortSessionConfig) {}

  load(required: readonly string[]): Promise<{ ok: true } | { ok: false; problem: LoadProblem }> {
    return this.enqueue(() => this.loadNow([...required]));
  }

  call(fn: string, args: readonly unknown[], ctx: LearnerCallContext, options: CallOptions = {}): Promise<LearnerAnswer> {
    return this.enqueue(() => this.callNow(fn, args, ctx, options));
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
      if (this.closed) throw harnessError('ERR_PORT_CLOSED', 'this learner port was closed');
      return operation();
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async loadNow(required: readonly string[]): Promise<{ ok: true } | { ok: false; problem: LoadProblem }> {
    this.required = undefined;
    const problem = await this.loadAttempt(required);
    this.loadFailure = problem;
    if (problem !== undefined) return { ok: false, problem };
    this.required = required;
    return { ok: true };
  }

  private async loadAttempt(required: readonly string[]): Promise<LoadProblem | undefined> {
    const { code, filename, loadTimeoutMs } = this.config;
    const message: HarnessMessage = { type: 'load', code, filename, fresh: ++this.fresh };
    const outcome = await this.request(message, 'load', loadTimeoutMs);
    switch (outcome.type) {
      case 'timed-out':
        return { kind: 'timed-out', limitMs: loadTimeoutMs };
      case 'crashed':
        return { kind: 'crashed', reason: outcome.reason };
      case 'aborted':
        return { kind: 'crashed', reason: 'the load was aborted' };
      case 'message':
        break;
    }
    const reply = outcome.message;
    if (reply.type === 'load-failed') return { kind: 'threw-at-import', error: boundError(reply.problem.error) };
    if (reply.type !== 'loaded') return { kind: 'crashed', reason: unexpected(reply) };
    const missing = required.find((name) => !reply.functions.includes(name));
    if (missing !== undefined) return { kind: 'missing-export', name: missing, exports: reply.exports };
    return undefined;
  }

  private async callNow(fn: string, args: readonly unknown[], ctx: LearnerCallContext, options: CallOptions): Promise<LearnerAnswer> {
    const required = this.required;
    const failure = this.loadFailure;
    // A reload that failed is the learner's outcome: every call until the next load answers with it.
    if (required === undefined && failure !== undefined) return failedLoadAnswer(failure);
    if (required === undefined) throw harnessError('ERR_NOT_LOADED', `call("${fn}") before a successful load()`);
    const { callTimeoutMs } = this.config;
    const running = new RunningTime(callTimeoutMs, options.busy);
    // Reported before anything else, synchronously after the queue let this call through: a simulation
    // must not move on while the learner side restarts either.
    running.open();
    try {
      if (options.signal?.aborted === true) return { kind: 'never-settled', console: '' };
      if (this.transport === undefined) {
        // The previous learner side timed out or crashed: start over transparently with a fresh module.
        const reloaded = await this.loadNow(required);
        if (!reloaded.ok) return { kind: 'crashed', reason: `restarting the learner side failed: ${describe(reloaded.problem)}` };
      }
      const id = this.nextId++;
      const outcome = await this.callRequest({ type: 'call', id, fn, args, ctx }, running, options);
      switch (outcome.type) {
        case 'timed-out':
          return { kind: 'timed-out', limitMs: callTimeoutMs };
        case 'crashed':
          return { kind: 'crashed', reason: outcome.reason };
        case 'aborted':
          return { kind: 'never-settled', console: '' };
        case 'message': {
          if (outcome.message.type !== 'answer') return { kind: 'crashed', reason: unexpected(outcome.message) };
          const bounded = boundHostAnswer(outcome.message.answer, fn, answerBudgetOf(this.config.answerBudgets, fn));
          if (bounded.overBudget) this.kill();
          return bounded.answer;
        }
      }
    } finally {
      running.close();
    }
  }

  /** Sends a call and serves its callbacks until the host answers it (or the call times out, crashes, is aborted). */
  private callRequest(message: Extract<HarnessMessage, { type: 'call' }>, running: RunningTime, options: CallOptions): Promise<Outcome> {
    const transport = this.transport ?? this.start();
    const { id } = message;
    return new Promise<Outcome>((resolve, reject) => {
      const { signal, handlers = {}, now } = options;
      const onAbort = (): void => {
        if (this.pending !== pending) return;
        this.kill();
        pending.settle({ type: 'aborted' });
      };
      const pending: Pending = {
        transport,
        awaiting: id,
        settle: (outcome) => {
          running.close();
          clearTimeout(backstop);
          signal?.removeEventListener('abort', onAbort);
          if (this.pending === pending) this.pending = undefined;
          resolve(outcome);
        },
        waiting: () => running.answered(),
        callback: (request) => {
          if (!measureAnswer(request.args, DEFAULT_ANSWER_BUDGET_BYTES, 'args').ok) {
            this.kill();
            pending.settle({ type: 'crashed', reason: overBudgetReason(request.target, DEFAULT_ANSWER_BUDGET_BYTES).replace('returned', 'was called with') });
            return;
          }
          const handler = Object.hasOwn(handlers, request.target) ? handlers[request.target] : undefined;
          const result =
            handler === undefined
              ? Promise.reject(Object.assign(new TypeError(`${request.target} is not a callback of this call`), { name: 'TypeError' }))
              : new Promise<unknown>((res) => res(handler(...request.args)));
          result.then(
            (value) => reply({ ok: true, value }),
            (error: unknown) => reply({ ok: false, error: flatten(error) }),
          );
          const reply = (r: { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } }): void => {
            // Only the call still waiting can use it; after its answer, a late result has no audience.
            if (this.pending !== pending || this.transport !== transport) return;
            const stamp = now === undefined ? {} : { now: now() };
            running.sent();
            try {
              transport.send({ type: 'callback-result', id, seq: request.seq, ...stamp, ...r });
            } catch (error) {
              transport.send({ type: 'callback-result', id, seq: request.seq, ...stamp, ok: false, error: { name: 'UnserializableValueError', message: (error as Error).message } });
            }
          };
        },
      };
      const timeOut = (): void => {
        if (this.pending !== pending) return;
        this.kill();
        pending.settle({ type: 'timed-out' });
      };
      running.arm(timeOut);
      const { wallBackstopMs } = this.config;
      const backstop = wallBackstopMs === undefined ? undefined : setTimeout(timeOut, wallBackstopMs);
      this.pending = pending;
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        running.sent();
        transport.send(message, { mayCallBack: Object.keys(handlers).length > 0 });
      } catch (error) {
        // Uncloneable args are a harness bug, not a learner outcome: surface it as a rejection.
        running.close();
        clearTimeout(backstop);
        signal?.removeEventListener('abort', onAbort);
        this.pending = undefined;
        reject(harnessError('ERR_ARGS_NOT_CLONEABLE', `cannot send call to learner code: ${(error as Error).message}`));
      }
    });
  }

  private request(message: HarnessMessage, awaiting: number | 'load', timeoutMs: number): Promise<Outcome> {
    const transport = this.transport ?? this.start();
    return new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill();
        pending.settle({ type: 'timed-out' });
      }, timeoutMs);
      const pending: Pending = {
        transport,
        awaiting,
        settle: (outcome) => {
          clearTimeout(timer);
          if (this.pending === pending) this.pending = undefined;
          resolve(outcome);
        },
      };
      this.pending = pending;
      try {
        transport.send(message);
      } catch (error) {
        clearTimeout(timer);
        this.pending = undefined;
        reject(harnessError('ERR_ARGS_NOT_CLONEABLE', `cannot send ${message.type} to learner code: ${(error as Error).message}`));
      }
    });
  }

  private start(): LearnerTransport {
    const transport = this.config.startTransport({
      onMessage: (message) => this.receive(transport, message),
      onExit: (reason) => {
        if (this.transport === transport) this.transport = undefined;
        const pending = this.pending;
        if (pending?.transport === transport) pending.settle({ type: 'crashed', reason });
      },
    });
    this.transport = transport;
    return transport;
  }

  private receive(transport: LearnerTransport, message: HostMessage): void {
    const pending = this.pending;
    if (pending === undefined || pending.transport !== transport) return;
    switch (message.type) {
      case 'loaded':
      case 'load-failed':
        if (pending.awaiting === 'load') pending.settle({ type: 'message', message });
        return;
      case 'answer':
        if (pending.awaiting === message.id) pending.settle({ type: 'message', message });
        return;
      case 'callback':
        if (pending.awaiting === message.id) pending.callback?.(message);
        return;
      case 'waiting':
        if (pending.awaiting === message.id) pending.waiting?.();
        return;
    }
  }

  private kill(): void {
    const transport = this.transport;
    if (transport === undefined) return;
    this.transport = undefined;
    const termination = transport.kill().finally(() => this.terminations.delete(termination));
    this.terminations.add(termination);
  }
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

/** What a call answers while the module's last load failed: the learner's own load error. */
function failedLoadAnswer(problem: LoadProblem): LearnerAnswer {
  if (problem.kind === 'threw-at-import') return { kind: 'threw', error: problem.error, console: '' };
  if (problem.kind === 'timed-out') return { kind: 'timed-out', limitMs: problem.limitMs };
  return { kind: 'crashed', reason: `loading your file again failed: ${describe(problem)}` };
}

/** A handler's rejection as the learner side will see it: an Error with this name and message. */
function flatten(error: unknown): { name: string; message: string } {
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return { name: typeof name === 'string' ? name : 'Error', message: typeof message === 'string' ? message : String(error) };
  }
  return { name: 'Error', message: String(error) };
}

function unexpected(message: HostMessage): string {
  return `learner host sent an unexpected "${message.type}" message`;
}
