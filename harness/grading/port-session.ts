/**
 * The harness side of the request/answer protocol, whatever carries it. A `PortSession` sends
 * `load` and `call` requests over a `LearnerTransport` (a worker thread, a locked-down child
 * process), applies the time limits, and turns every way the learner side can fail — a hang, a
 * crash, an exit, a malformed answer — into a value. Calls are sequential.
 */
import type { LearnerAnswer, LearnerCallContext, LearnerPort, LoadProblem } from './learner-port.ts';
import type { HarnessMessage, HostMessage } from './protocol.ts';

/** One running learner side. `kill` ends it for good; the session starts a new one when needed. */
export interface LearnerTransport {
  /** Sends a message; throws if the message cannot be serialised. */
  send(message: HarnessMessage): void;
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
  /** Starts a fresh learner side and wires its events. */
  readonly startTransport: (events: TransportEvents) => LearnerTransport;
}

/** What came back for one request: a host message, or the session's own verdict about the learner side. */
type Outcome = { type: 'message'; message: HostMessage } | { type: 'timed-out' } | { type: 'crashed'; reason: string };

interface Pending {
  transport: LearnerTransport;
  /** The call id awaited, or 'load'. */
  awaiting: number | 'load';
  settle(outcome: Outcome): void;
}

export class PortSession implements LearnerPort {
  private transport: LearnerTransport | undefined;
  private pending: Pending | undefined;
  private required: readonly string[] | undefined;
  private fresh = 0;
  private nextId = 1;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly terminations = new Set<Promise<unknown>>();

  constructor(private readonly config: PortSessionConfig) {}

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
    if (this.transport === undefined) {
      // The previous learner side timed out or crashed: start over transparently with a fresh module.
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
        // Uncloneable args are a harness bug, not a learner outcome: surface it as a rejection.
        clearTimeout(timer);
        this.pending = undefined;
        reject(misuse('ERR_ARGS_NOT_CLONEABLE', `cannot send ${message.type} to learner code: ${(error as Error).message}`));
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
        // Reserved for simulator callbacks; until they exist this is a protocol violation.
        this.kill();
        pending.settle({ type: 'crashed', reason: 'learner host sent a callback, which this harness does not support yet' });
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

function unexpected(message: HostMessage): string {
  return `learner host sent an unexpected "${message.type}" message`;
}

function misuse(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}
