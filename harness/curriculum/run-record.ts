/**
 * Runs recorded by the learner's answers. The simulator owns time and randomness and learner code sees
 * only its arguments, so a scenario run is a function of the answers it got: a schedule whose calls get
 * the same whole answers (console output included, and for a call that calls back, the same requests
 * at the same points of the exchange) as a recorded run is that run again, and its outcome can be reused
 * instead of simulated. This file is the record: what one run asked and got, and what the scenario
 * check group needs of it. Answers are kept as hashes of their canonical form, never as answers.
 */
import { createHash } from 'node:crypto';
import type { ActedUpon } from './exercise-entry.ts';
import type { CallOptions, LearnerAnswer, LearnerCallContext, LearnerCaller } from './learner-call.ts';
import type { LearnerProblem } from './learner-session.ts';

/** Changes whenever the shape of a record does: every stored record names it. */
export const RUN_RECORD_FORMAT = 1;

/**
 * One event of a call that calls back: a request of the learner's, a result fed back (`idle` when it
 * came while learner code was not running, so the simulation had waited for it), the call aborted.
 */
export type Exchange =
  | { readonly t: 'req'; readonly target: string; readonly args: string }
  | ({ readonly t: 'res'; readonly req: number; readonly now?: number; readonly idle?: true } & ({ readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: { readonly name: string; readonly message: string } }))
  | { readonly t: 'abort' };

/** One learner call of a run: what was asked (and `key`, its hash), and the hash of the answer it got. */
export interface RecordedCall {
  readonly fn: string;
  readonly args: readonly unknown[];
  readonly ctx: LearnerCallContext;
  readonly key: string;
  /** The callback targets offered, sorted; absent for a call without callbacks. */
  readonly callbacks?: readonly string[];
  readonly exchange?: readonly Exchange[];
  /** The call's results carried the simulated time they came at. */
  readonly timed?: true;
  readonly answer: string;
  /** In the reference solution's grading runs: the hash of what the exercise acts on in the answer (`actedKey`), where it declares that. */
  readonly acted?: string;
}

/** What the scenario check group uses of one first-pass run, by check id. */
export interface RunOutcome {
  readonly console: string;
  readonly skipped: readonly string[];
  readonly problem?: LearnerProblem;
  readonly learnersFault: boolean;
  readonly broken: readonly string[];
  readonly unjudged: Readonly<Record<string, string>>;
  /** What of the judged run the group's passed-notes observed (run-replay.ts `observing`); absent when it could not be kept. */
  observed?: unknown;
}

export interface RecordedRun {
  readonly calls: readonly RecordedCall[];
  readonly outcome: RunOutcome;
}

/** The recorded runs one scenario check group may reuse, by schedule index, and where it puts new ones. */
export interface ScheduleRecords {
  /** Runs of schedule `index` recorded before (the reference solution's, the learner's previous check). */
  runs(index: number): readonly RecordedRun[];
  /** The run schedule `index` had in this check, reused or simulated. */
  add(index: number, run: RecordedRun, reused: boolean): void;
  /**
   * Grading, for an exercise that declares what it acts on: the reference solution's runs `record`
   * that part of each answer too, and a student's `match` by it where the whole answer differs.
   */
  readonly actedUpon?: { readonly exports: ActedUpon; readonly as: 'record' | 'match' };
}

/**
 * Asks recorded calls in order in one batch, stopping after the first answer whose hash is not the
 * call's `expect`: the answers of a prefix (at least one), each as asking it alone would have given
 * it, or undefined when no batch could be sent (then the next call is asked the ordinary way).
 */
export type RecordedCallBatch = (calls: readonly { readonly fn: string; readonly args: readonly unknown[]; readonly ctx: LearnerCallContext; readonly expect: string }[]) => Promise<readonly LearnerAnswer[] | undefined>;

/** Hash (hex, 128 bits) of a value's canonical form. */
export function hashOf(value: unknown): string {
  let text: string;
  try {
    text = canonical(value);
  } catch {
    return UNSTABLE;
  }
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** The hash of what cannot be recorded (a time-out, a crash, a value with no canonical form): a run with one is never stored. */
export const UNSTABLE = 'unstable';

/**
 * The hash of what the exercise acts on in a returned answer, console output included, or undefined
 * where it declares nothing for `fn` or does not take the value as it is (then only the whole answer matches).
 */
export function actedKey(fn: string, answer: LearnerAnswer, exports: ActedUpon): string | undefined {
  const part = exports[fn];
  if (answer.kind !== 'returned' || part === undefined) return undefined;
  let acted: unknown;
  try {
    acted = part(answer.value);
  } catch {
    return undefined;
  }
  if (acted === undefined) return undefined;
  const key = hashOf({ acted, console: answer.console });
  return key === UNSTABLE ? undefined : key;
}

/** The hash a call is matched by: its function, arguments, context and callback targets. */
export function callKey(fn: string, args: readonly unknown[], ctx: LearnerCallContext, callbacks: readonly string[] | undefined): string {
  return hashOf([fn, args, ctx, callbacks ?? null]);
}

/** Whether a run can be stored: every call and answer of it has a hash. */
export function storable(calls: readonly RecordedCall[]): boolean {
  return calls.every((c) => c.key !== UNSTABLE && c.answer !== UNSTABLE && (c.exchange ?? []).every((e) => e.t !== 'req' || e.args !== UNSTABLE));
}

/** Whether an answer says something about the code, not the machine: a time-out or crash is never reused. */
export function reusable(answer: LearnerAnswer): boolean {
  return answer.kind !== 'timed-out' && answer.kind !== 'crashed';
}

/**
 * A value as text that two values share exactly when learner-visible use cannot tell them apart after
 * a structured clone: key order kept, -0 and NaN told apart, Map/Set/Date and friends tagged.
 */
export function canonical(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'u';
    case 'boolean':
      return value ? 'T' : 'F';
    case 'number':
      return Object.is(value, -0) ? 'n-0' : `n${String(value)}`;
    case 'bigint':
      return `b${value}`;
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      // Functions and symbols do not cross a structured clone: nothing can match them.
      throw new TypeError(`cannot record a ${typeof value}`);
  }
  if (value === null) return 'N';
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) items.push(i in value ? canonical(value[i]) : '_');
    return `[${items.join(',')}]`;
  }
  if (value instanceof Map) return `M{${[...value].map(([k, v]) => `${canonical(k)}:${canonical(v)}`).join(',')}}`;
  if (value instanceof Set) return `S{${[...value].map(canonical).join(',')}}`;
  if (value instanceof Date) return `D${value.getTime()}`;
  if (value instanceof RegExp) return `R${String(value)}`;
  if (ArrayBuffer.isView(value)) return `V${value.constructor.name}${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (value instanceof Error) return `E${canonical(value.name)}${canonical(value.message)}`;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new TypeError('cannot record a class instance');
  return `{${Object.keys(value)
    .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

/**
 * A caller that records every call it passes on into `into`, callback exchanges included, without
 * changing when anything reaches the learner or the simulation: the handlers' own promises go back,
 * and a result's simulated time is read when the port reads it. With `acted`, a plain call's record
 * also keeps the hash of what the exercise acts on in its answer.
 */
export function recordingCaller(call: LearnerCaller, into: RecordedCall[], acted?: ActedUpon): LearnerCaller {
  return async (fn, args, ctx, options) => {
    const targets = options?.handlers === undefined ? [] : Object.keys(options.handlers).sort();
    if (targets.length === 0) {
      const answer = await call(fn, args, ctx, options);
      const part = acted === undefined ? undefined : actedKey(fn, answer, acted);
      into.push({ fn, args: structuredClone(args), ctx: { ...ctx }, key: callKey(fn, args, ctx, undefined), answer: answerKey(answer), ...(part !== undefined ? { acted: part } : {}) });
      return answer;
    }
    const exchange: Exchange[] = [];
    const unstamped: { now?: number }[] = [];
    let requests = 0;
    let stable = true;
    const copy = (value: unknown): unknown => {
      try {
        return structuredClone(value);
      } catch {
        stable = false;
        return undefined;
      }
    };
    const handlers = Object.fromEntries(
      targets.map((target) => [
        target,
        (...a: unknown[]): Promise<unknown> => {
          const req = requests++;
          exchange.push({ t: 'req', target, args: hashOf(a) });
          const settled = (event: Exchange & { t: 'res' }): void => {
            const e: { now?: number } = { ...event, ...(running ? {} : { idle: true }) };
            exchange.push(e as Exchange);
            if (options!.now !== undefined) unstamped.push(e);
          };
          let result: Promise<unknown>;
          try {
            result = options!.handlers![target]!(...a);
          } catch (error) {
            settled({ t: 'res', req, ok: false, error: flatten(error) });
            throw error;
          }
          if (result instanceof Promise) result.then((value) => settled({ t: 'res', req, ok: true, value: copy(value) }), (error: unknown) => settled({ t: 'res', req, ok: false, error: flatten(error) }));
          else settled({ t: 'res', req, ok: true, value: copy(result) });
          return result;
        },
      ]),
    );
    const now = options!.now;
    // The port reads the time once per result it sends, in the order the results settled.
    const stamped: CallOptions['now'] = now === undefined ? undefined : () => {
      const t = now();
      const e = unstamped.shift();
      if (e !== undefined) e.now = t;
      return t;
    };
    options!.signal?.addEventListener('abort', () => exchange.push({ t: 'abort' }), { once: true });
    // Whether learner code runs now; told first, before the simulation that waits on the same period.
    let running = false;
    const busy = (period: Promise<void>): void => {
      running = true;
      void period.then(() => (running = false));
      options!.busy?.(period);
    };
    const answer = await call(fn, args, ctx, { ...options, handlers, busy, ...(stamped !== undefined ? { now: stamped } : {}) });
    // Results that settle after the answer never reach the learner: the port drops them.
    into.push({ fn, args: structuredClone(args), ctx: { ...ctx }, key: stable ? callKey(fn, args, ctx, targets) : UNSTABLE, callbacks: targets, exchange: exchange.slice(), ...(now !== undefined ? { timed: true as const } : {}), answer: answerKey(answer) });
    return answer;
  };
}

/** An answer's hash; a time-out or crash gets one no record is stored with. */
export function answerKey(answer: LearnerAnswer): string {
  return reusable(answer) ? hashOf(answer) : UNSTABLE;
}

/**
 * A caller that hands back the answers a replay already obtained, in order, instead of asking the
 * learner again, so a schedule simulated after it diverged shows the learner each call once. It stops
 * at the first call that is not the next one obtained, or that calls back, and asks from there: a call
 * that called back cannot be answered without the simulation it called into, so from there on the
 * learner is asked again (the same answers, for code that keeps no state between calls).
 */
export function feedingCaller(call: LearnerCaller, obtained: readonly { readonly key: string; readonly answer: LearnerAnswer }[]): LearnerCaller {
  let next = 0;
  return async (fn, args, ctx, options) => {
    const fed = obtained[next];
    if (fed !== undefined && Object.keys(options?.handlers ?? {}).length === 0 && fed.key !== UNSTABLE && fed.key === callKey(fn, args, ctx, undefined)) {
      next++;
      // As the port does: the learner "runs" until the answer is there.
      options?.busy?.(Promise.resolve());
      return fed.answer;
    }
    next = obtained.length;
    return call(fn, args, ctx, options);
  };
}

function flatten(error: unknown): { name: string; message: string } {
  const e = error as { name?: unknown; message?: unknown } | null;
  return { name: typeof e?.name === 'string' ? e.name : 'Error', message: typeof e?.message === 'string' ? e.message : String(error) };
}
