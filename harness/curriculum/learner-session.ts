/**
 * The one seam between a check and learner code: a session asks the learner's functions, one call at
 * a time, and owns what every check needs around a call. It derives each call's seed, keeps what the
 * code printed, maps an answer without a usable value (a throw, a timeout, a missing optional
 * export, an untouched stub) to one wording, and remembers the first such problem. Adapters around
 * it only map hook arguments to learner arguments.
 */
import type { HookOutcome } from '../cluster/index.ts';
import { hashSeed } from '../sim/index.ts';
import type { CheckStatus } from './check.ts';
import { MISSING_EXPORT_ERROR, type CallOptions, type LearnerAnswer, type LearnerCaller } from './learner-call.ts';

/** A learner call that had no usable answer (the first one of a session is kept). */
export interface LearnerProblem {
  readonly status: Exclude<CheckStatus, 'passed' | 'harness-bug'>;
  readonly message: string;
  readonly location?: string;
}

/** When and how one call is made. */
export interface AskAt {
  /** Simulated time the call runs at. */
  readonly now: number;
  /** Names the call in its seed (a round, a request number); the session's call count when absent. */
  readonly key?: string | number;
  /** An explicit seed for this call, instead of one derived from the session's. */
  readonly seed?: number;
  /** Deep-freeze the arguments on the learner side (see `LearnerCallContext.freezeArgs`). */
  readonly freezeArgs?: boolean;
}

export interface LearnerSessionOptions {
  /**
   * Ask each distinct question (function and arguments) once: for pure functions whose answer depends
   * only on their arguments (vector clocks), so a run does not pay a round trip per repeat.
   */
  readonly memo?: boolean;
  /** The seed tag of a call from its function and key; `${fn}:${key}` when absent. */
  readonly seedTag?: (fn: string, key: string | number) => string;
}

export interface LearnerSession {
  /** Asks `fn`; an answer without a usable value is a problem (remembered if it is the first). */
  ask(fn: string, args: readonly unknown[], at: AskAt, options?: CallOptions): Promise<HookOutcome<unknown>>;
  /** Asks `fn` and hands back its raw answer, for hooks where a throw is itself an answer (a rejected read). */
  answer(fn: string, args: readonly unknown[], at: AskAt, options?: CallOptions): Promise<LearnerAnswer>;
  /**
   * The problem a raw answer amounts to (remembered if it is the first), or undefined when it
   * returned; a refused timer (`learnerFault`) is one even in an answer that returned.
   */
  failure(fn: string, answer: LearnerAnswer): LearnerProblem | undefined;
  /** The first call without a usable answer. */
  problem(): LearnerProblem | undefined;
  /** Everything the learner's code printed during the session. */
  console(): string;
  /** Whether some call asked for a function the module does not export (an optional export not attempted). */
  missingExport(): boolean;
}

/** What the learner host throws at exercise code that asks for a real timer: time belongs to the simulator. */
export const REAL_TIMER_ERROR = 'RealTimerError';
/** What it throws at a reading of the real machine (process.hrtime, os.loadavg, Atomics.wait…): answers depend on the simulator alone. */
export const MACHINE_READING_ERROR = 'MachineReadingError';
const REFUSED_BY_HOST = [REAL_TIMER_ERROR, MACHINE_READING_ERROR];

/**
 * Errors that are bugs wherever they are thrown (a refused timer, a typo, `undefined.x`, writing to
 * a frozen argument): never part of an acceptable answer. Other rejections left uncaught (a replica
 * timeout a fire-and-forget repair ignores) can belong to a correct answer, so they are not faults.
 */
const PROGRAMMING_ERRORS = [...REFUSED_BY_HOST, 'TypeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError'];

/**
 * A learner error thrown during a call that no answer can excuse, even a rejection or a returned
 * value: a refused timer thrown by the call itself, or a programming error (`PROGRAMMING_ERRORS`)
 * thrown inside one of its callbacks and never caught, which the learner host reports as an
 * unhandled rejection with its line. Checks report it first, with its line, before any consequence
 * of it (a read that never asked, a promise that never settled, a reply never counted).
 */
export function learnerFault(fn: string, answer: LearnerAnswer): LearnerProblem | undefined {
  if (answer.kind === 'threw' && REFUSED_BY_HOST.includes(answer.error.name)) {
    return { status: 'failed', message: `${fn} threw ${answer.error.name}: ${answer.error.message}`, ...(answer.error.location ? { location: answer.error.location } : {}) };
  }
  if (!('console' in answer)) return undefined;
  const m = new RegExp(`^\\[unhandled promise rejection\\] ((?:${PROGRAMMING_ERRORS.join('|')}): .*?)(?: \\(at ([^()]+)\\))?$`, 'm').exec(answer.console);
  if (m === null) return undefined;
  return { status: 'failed', message: `${fn}: a callback inside it threw ${m[1]!} (nothing caught it, so ${fn} could not go on)`, ...(m[2] !== undefined ? { location: m[2] } : {}) };
}

/** The failure a learner answer amounts to, or undefined when it returned normally: the one wording. */
export function answerFailure(fn: string, answer: LearnerAnswer): LearnerProblem | undefined {
  switch (answer.kind) {
    case 'returned':
      return undefined;
    case 'threw':
      if (answer.error.name === MISSING_EXPORT_ERROR) return { status: 'failed', message: `your file does not export ${fn}` };
      if (answer.error.name === 'NotImplementedError') return { status: 'not-implemented', message: `${fn}: ${answer.error.message}` };
      return {
        status: 'failed',
        message: `${fn} threw ${answer.error.name}: ${answer.error.message}`,
        ...(answer.error.location ? { location: answer.error.location } : {}),
      };
    case 'never-settled':
      return { status: 'failed', message: `${fn} returned a promise that never settled (in simulated time, nothing can resolve it)` };
    case 'timed-out':
      return { status: 'timed-out', message: `timed out: infinite loop or livelock? ${fn} did not answer within ${answer.limitMs} ms` };
    case 'crashed':
      return { status: 'crashed', message: `the learner process stopped while running ${fn}: ${answer.reason}` };
  }
}

/** A session over `call`, its per-call seeds derived from `seed`. */
export function learnerSession(call: LearnerCaller, seed: number, options: LearnerSessionOptions = {}): LearnerSession {
  let problem: LearnerProblem | undefined;
  let missing = false;
  let output = '';
  let calls = 0;
  const memo = options.memo ? new Map<string, LearnerAnswer>() : undefined;
  const tag = options.seedTag ?? ((fn: string, key: string | number) => `${fn}:${key}`);

  const answer = async (fn: string, args: readonly unknown[], at: AskAt, callOptions?: CallOptions): Promise<LearnerAnswer> => {
    const memoKey = memo ? `${fn}:${JSON.stringify(args)}` : '';
    const known = memo?.get(memoKey);
    if (known !== undefined) return known;
    const n = calls++;
    const callSeed = at.seed ?? hashSeed(seed, tag(fn, at.key ?? n));
    const answer = await call(fn, args, { seed: callSeed, now: at.now, ...(at.freezeArgs ? { freezeArgs: true } : {}) }, callOptions);
    if ('console' in answer) output += answer.console;
    memo?.set(memoKey, answer);
    return answer;
  };
  const failure = (fn: string, got: LearnerAnswer): LearnerProblem | undefined => {
    const f = learnerFault(fn, got) ?? answerFailure(fn, got);
    if (f === undefined) return undefined;
    if (got.kind === 'threw' && got.error.name === MISSING_EXPORT_ERROR) missing = true;
    problem ??= f;
    return f;
  };
  return {
    answer,
    failure,
    async ask(fn, args, at, callOptions) {
      const got = await answer(fn, args, at, callOptions);
      const f = failure(fn, got);
      return f === undefined ? { ok: true, value: (got as { value: unknown }).value } : { ok: false, problem: f.message };
    },
    problem: () => problem,
    console: () => output,
    missingExport: () => missing,
  };
}
