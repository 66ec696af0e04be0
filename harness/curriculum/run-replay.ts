/**
 * Reusing recorded runs in a scenario check group's first pass. A schedule's recorded calls are asked
 * again, in order, and each answer is compared here, on the harness side, with the hashes of the runs
 * recorded for it (several runs share a prefix: they are a trie walked by answer). Where every answer
 * matches a recorded run, its outcome stands for the run and nothing is simulated. Where one differs,
 * the schedule is simulated from the start with the answers already obtained fed back, so the learner
 * sees exactly the calls of a run without reuse. The learner side never sees a recorded answer.
 */
import type { CheckContext } from './check.ts';
import type { CallbackHandler, LearnerAnswer, LearnerCaller } from './learner-call.ts';
import type { ActedUpon } from './exercise-entry.ts';
import { actedKey, answerKey, feedingCaller, hashOf, recordingCaller, storable, type Exchange, type RecordedCall, type RecordedCallBatch, type RecordedRun, type RunOutcome } from './run-record.ts';

/** An answer obtained while replaying, with the key of the call it answered. */
interface Obtained {
  readonly key: string;
  readonly answer: LearnerAnswer;
}

/** `byActed`: some answer of the hit matched only by what the exercise acts on (`match`), not whole. */
type Replayed = { readonly hit: RecordedRun; readonly obtained: readonly Obtained[]; readonly byActed: boolean } | { readonly hit?: undefined; readonly obtained: readonly Obtained[] };

/**
 * Asks a schedule's recorded calls until an answer matches no recorded run, or one run matches whole.
 * With `batch`, runs of plain calls go in one batch each (the learner's own check): the learner side
 * stops after the first answer that differs from the run it was sent, and every answer is compared
 * here again, so the calls asked and the answers used are those of asking one call at a time. With
 * `match` (grading), a plain answer that matches no run whole may match a run recorded with what the
 * exercise acts on (the reference solution's) by that part alone.
 */
export async function replaySchedule(call: LearnerCaller, runs: readonly RecordedRun[], hostYield: () => Promise<void>, batch?: RecordedCallBatch, match?: ActedUpon): Promise<Replayed> {
  let candidates = runs;
  const obtained: Obtained[] = [];
  let byActed = false;
  for (let i = 0; candidates.length > 0; ) {
    // The same answers make the same run: a run whose calls all matched has ended here.
    const ended = candidates.find((r) => r.calls.length === i);
    if (ended !== undefined) return { hit: ended, obtained, byActed };
    const step = candidates[0]!.calls[i]!;
    candidates = candidates.filter((r) => r.calls[i]!.key === step.key);
    if (step.exchange === undefined) {
      const path = batch === undefined ? [] : plainCalls(candidates, i);
      const answers = (path.length > 1 ? await batch!(path.map((c) => ({ fn: c.fn, args: c.args, ctx: c.ctx, expect: c.answer }))) : undefined) ?? [await call(step.fn, step.args, step.ctx)];
      const asked = path.length > 1 ? path : [step];
      for (const [j, answer] of answers.entries()) {
        if (j > 0) candidates = candidates.filter((r) => r.calls[i]!.key === asked[j]!.key);
        obtained.push({ key: asked[j]!.key, answer });
        const got = answerKey(answer);
        const whole = candidates.filter((r) => r.calls[i]!.answer === got);
        const acted = whole.length === 0 && match !== undefined ? actedKey(asked[j]!.fn, answer, match) : undefined;
        candidates = acted === undefined ? whole : candidates.filter((r) => r.calls[i]!.acted === acted);
        if (acted !== undefined && candidates.length > 0) byActed = true;
        i++;
        if (candidates.length === 0) break;
      }
      continue;
    }
    const asked = await askWithExchange(call, step, candidates.map((r) => r.calls[i]!), hostYield);
    if (asked === undefined) {
      return { obtained };
    }
    candidates = candidates.filter((r) => asked.matches(r.calls[i]!));
    i++;
  }
  return { obtained };
}

/** The plain calls of the first candidate from `i` on, as far as every candidate has calls (none ends inside a batch). */
function plainCalls(candidates: readonly RecordedRun[], i: number): RecordedCall[] {
  const end = Math.min(...candidates.map((r) => r.calls.length));
  const path: RecordedCall[] = [];
  for (let k = i; k < end; k++) {
    const c = candidates[0]!.calls[k]!;
    // A call that may call back is asked on its own; so is one with a callback object and no handlers.
    if (c.exchange !== undefined || c.callbacks !== undefined || c.args.some(hasCallbacks)) break;
    path.push(c);
  }
  return path;
}

function hasCallbacks(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && '$callbacks' in arg;
}

/**
 * Asks a call that calls back, feeding back each recorded result at the point it came: one that came
 * while learner code ran as soon as the learner has made every request the recorded run saw before it,
 * one that came while it was idle (and an abort) once it is idle again, as a simulation waits for it. Undefined when the learner's requests left every recorded exchange; the call is then aborted.
 */
async function askWithExchange(call: LearnerCaller, step: RecordedCall, steps: readonly RecordedCall[], hostYield: () => Promise<void>): Promise<{ matches(s: RecordedCall): boolean } | undefined> {
  let live = steps;
  let diverged = false;
  const log: Exchange[] = [];
  const waiting: { resolve(v: unknown): void; reject(e: unknown): void }[] = [];
  // The port reads the time once per result it sends, in the order the results settle.
  const nows: number[] = [];
  let now = step.ctx.now;
  let periods = 0;
  let current: Promise<void> = Promise.resolve();
  let answer: LearnerAnswer | undefined;
  const stop = new AbortController();
  // All live exchanges agree up to here (the same requests got the same results): any that goes on says what comes next.
  const next = (): Exchange | undefined => live.find((s) => s.exchange!.length > log.length)?.exchange![log.length];
  const deliver = (event: Exchange): void => {
    log.push(event);
    if (event.t === 'abort') return stop.abort();
    if (event.t !== 'res') return;
    if (event.now !== undefined) nows.push(event.now);
    const w = waiting[event.req]!;
    if (event.ok) w.resolve(event.value);
    else w.reject(Object.assign(new Error(event.error.message), { name: event.error.name }));
  };
  // Results that came while learner code still ran go at once; the others wait for it to be idle.
  const pump = (): void => {
    for (let e = next(); !diverged && e?.t === 'res' && e.idle !== true; e = next()) deliver(e);
  };
  const handlers: Record<string, CallbackHandler> = {};
  for (const target of step.callbacks!)
    handlers[target] = (...args) => {
      const req: Exchange = { t: 'req', target, args: hashOf(args) };
      const at = log.length;
      log.push(req);
      live = live.filter((s) => {
        const r = s.exchange![at];
        return r?.t === 'req' && r.target === req.target && r.args === req.args;
      });
      if (live.length === 0) diverged = true;
      const asked = new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      pump();
      return asked;
    };
  const answering = call(step.fn, step.args, step.ctx, {
    handlers,
    busy: (period) => {
      periods++;
      current = period;
    },
    signal: stop.signal,
    ...(step.timed === true ? { now: () => (now = nows.shift() ?? now) } : {}),
  }).then((a) => (answer = a));
  const idle = async (): Promise<void> => {
    for (;;) {
      const seen = periods;
      await current;
      await hostYield();
      if (periods === seen || answer !== undefined) return;
    }
  };
  for (;;) {
    await idle();
    if (diverged || live.length === 0) break;
    if (answer !== undefined) {
      const got = answerKey(answer);
      const ended = live.filter((s) => s.exchange!.length === log.length && s.answer === got);
      if (ended.length === 0) break;
      return { matches: (s) => ended.includes(s) };
    }
    const e = next();
    if (e === undefined) break;
    // The recorded learner asked for more before anything else came: this one did not.
    if (e.t === 'req') break;
    deliver(e);
    pump();
  }
  if (answer === undefined) stop.abort();
  await answering;
  return undefined;
}

/** What one first-pass schedule produced: its outcome, and the judged run when it was simulated. */
export interface FirstPassRun<Judged> {
  readonly outcome: RunOutcome;
  readonly judged?: Judged;
}

/**
 * One first-pass schedule, reused when `ctx.reuse` holds a run its answers match and `usable` accepts
 * that run's outcome, else simulated by `simulate` (with the answers obtained fed back) and recorded.
 */
export async function firstPassRun<Judged>(
  ctx: CheckContext,
  index: number,
  simulate: (ctx: CheckContext) => Promise<Judged>,
  outcomeOf: (judged: Judged) => RunOutcome,
  usable: (outcome: RunOutcome) => boolean,
): Promise<FirstPassRun<Judged>> {
  const records = ctx.reuse;
  if (records === undefined) {
    const judged = await simulate(ctx);
    return { outcome: outcomeOf(judged), judged };
  }
  const acted = records.actedUpon;
  const replayed = await replaySchedule(ctx.call, records.runs(index), ctx.hostYield, ctx.replayCalls, acted?.as === 'match' ? acted.exports : undefined);
  // A run matched by what the exercise acts on stands for this one only if it passed cleanly: its
  // outcome is then one no free text of the answers could have changed.
  if (replayed.hit !== undefined && usable(replayed.hit.outcome) && (!replayed.byActed || passedCleanly(replayed.hit.outcome))) {
    records.add(index, replayed.hit, true);
    return { outcome: replayed.hit.outcome };
  }
  const calls: RecordedCall[] = [];
  const judged = await simulate({ ...ctx, call: recordingCaller(feedingCaller(ctx.call, replayed.obtained), calls, acted?.as === 'record' ? acted.exports : undefined) });
  const outcome = outcomeOf(judged);
  if (storable(calls)) records.add(index, { calls, outcome }, false);
  return { outcome, judged };
}


function passedCleanly(outcome: RunOutcome): boolean {
  return outcome.problem === undefined && !outcome.learnersFault && outcome.broken.length === 0 && outcome.skipped.length === 0 && Object.keys(outcome.unjudged).length === 0;
}

/** How a scenario check group judges a run, for `runOutcome`. */
export interface OutcomeJudges<C, Judged> {
  skipped(c: C, judged: Judged): boolean;
  learnersFault(judged: Judged): boolean;
  broken(judged: Judged, c: C): unknown;
  unjudged(judged: Judged, c: C): string | undefined;
}

/** What the first pass uses of a judged run, worked out the way the first pass would. */
export function runOutcome<C extends { readonly id: string }, Judged extends { readonly console: string; readonly learnerProblem?: RunOutcome['problem']; readonly run: object }>(
  checks: readonly C[],
  judged: Judged,
  judges: OutcomeJudges<C, Judged>,
): RunOutcome {
  const skipped = checks.filter((c) => judges.skipped(c, judged)).map((c) => c.id);
  const base = { console: judged.console, skipped, learnersFault: false, broken: [], unjudged: {} };
  if (skipped.length === checks.length) return base;
  if (judged.learnerProblem !== undefined) return { ...base, problem: judged.learnerProblem };
  const unjudged: Record<string, string> = {};
  for (const c of checks) {
    const why = judges.unjudged(judged, c);
    if (why !== undefined) unjudged[c.id] = why;
  }
  return {
    ...base,
    learnersFault: judges.learnersFault(judged),
    broken: checks.filter((c) => judges.broken(judged, c) !== undefined).map((c) => c.id),
    unjudged,
  };
}

/**
 * A judged run as notes' `observe` will see it, and a keeper: after `observe` ran on the returned view,
 * `keep()` gives a copy of just the fields it read (the run's fields one level down; the trace is never
 * kept), or undefined when those do not survive a structured clone.
 */
export function observing<Judged extends { readonly run: object }>(judged: Judged): { view: Judged; keep(): unknown } {
  const top = new Set<string | symbol>();
  const inRun = new Set<string | symbol>();
  const run = new Proxy(judged.run, { get: (t, k, r) => (inRun.add(k), Reflect.get(t, k, r)) });
  const view = new Proxy(judged, { get: (t, k, r) => (top.add(k), k === 'run' ? run : Reflect.get(t, k, r)) });
  return {
    view,
    keep() {
      if (inRun.has('trace') || [...top, ...inRun].some((k) => typeof k === 'symbol')) return undefined;
      const pick = (o: object, keys: Set<string | symbol>): Record<string, unknown> => Object.fromEntries([...keys].filter((k) => k in o).map((k) => [k, (o as Record<string, unknown>)[k as string]]));
      try {
        return structuredClone({ ...pick(judged, top), ...(top.has('run') ? { run: pick(judged.run, inRun) } : {}) });
      } catch {
        return undefined;
      }
    },
  };
}
