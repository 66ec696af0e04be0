/**
 * The two table-driven check groups, the ones that ask learner functions directly rather than run a
 * cluster: `caseCheckGroup` (hand-built cases, each asked once and judged against its acceptable
 * answers) and `lawCheckGroup` (algebraic laws over generated inputs, shrunk by fast-check: a vector
 * clock's merge today, a CRDT's merge or an OT transform next). Both ask through a learner session,
 * so seeds, console capture and the wording of a call without an answer are the session's.
 */
import fc from 'fast-check';
import { firstRunsRecorder } from './first-runs.ts';
import type { HookOutcome } from '../cluster/index.ts';
import { hashSeed } from '../sim/index.ts';
import { capConsole, type CheckContext, type CheckGroup, type CheckInfo, type CheckResult } from './check.ts';
import type { AcceptableSet, StatedExpectation } from './expectation.ts';
import type { CallbackHandler } from './learner-call.ts';
import { learnerSession, type AskAt, type LearnerProblem, type LearnerSession, type LearnerSessionOptions } from './learner-session.ts';

/** One question a case asks: a learner function, its arguments, and the callbacks it may make. */
export interface CaseQuestion<Seen = unknown> {
  readonly fn: string;
  readonly args: readonly unknown[];
  readonly handlers?: Readonly<Record<string, CallbackHandler>>;
  /** What the handlers record during the call (e.g. the hints removed), handed to `judge`. */
  readonly seen?: Seen;
  /** Deep-freeze the arguments on the learner side, so an answer cannot be built by changing them. */
  readonly freezeArgs?: boolean;
}

/**
 * A judge's finding: null when the answer is acceptable, else the message (and details) of the
 * failure, with what it states as acceptable when it names acceptable answers.
 */
export type CaseFinding = string | { readonly message: string; readonly details?: readonly string[]; readonly expected?: StatedExpectation } | null;

export interface CaseCheckGroupConfig<Case, Seen = unknown> {
  readonly checks: readonly CheckInfo[];
  /** The cases, in the order they are asked; a function when they are drawn from the check's seed. */
  readonly cases: readonly Case[] | ((ctx: CheckContext) => readonly Case[]);
  /** The id of the check a case belongs to; `case.check` when absent. */
  readonly checkOf?: (c: Case) => string;
  /**
   * The seed of the i-th case of a check; `hashSeed(seed, "<check>:<i>")` when absent. Undefined lets
   * the session derive one per call instead.
   */
  readonly seedOf?: (ctx: CheckContext, check: string, i: number) => number | undefined;
  /** The question a case asks. */
  readonly ask?: (c: Case) => CaseQuestion<Seen>;
  /** Instead of `ask`, for a case whose answer takes several calls (asked through the session). */
  readonly answer?: (c: Case, session: LearnerSession, at: AskAt) => Promise<HookOutcome<unknown>>;
  /** Whether the answer is acceptable for the case. */
  readonly judge: (c: Case, value: unknown, seen: Seen | undefined) => CaseFinding;
  /** The case in words, shown when a call had no usable answer. */
  readonly show: (c: Case) => readonly string[];
  /** The acceptable sets `judge` states its expectations from. */
  readonly acceptableSets?: readonly AcceptableSet[];
  /** Ask each case in a fresh module instance, so no verdict depends on what earlier cases left in module state. */
  readonly freshModule?: boolean;
  /**
   * A throw from writing into a frozen argument (`freezeArgs`) is a wrong answer, reported with its
   * line and `advice`, rather than a call without an answer: `noun` names what was changed.
   */
  readonly frozenInputs?: { readonly noun: string; readonly advice: string };
}

type Outcome = Omit<CheckResult, 'id' | 'title' | 'weight'>;

const STATE_NOTE = ' — and your code keeps state between calls (module-level variables): asked alone, in a fresh module, the same call answers acceptably';
// A case without a seed of its own is seeded by its place in the session, so asked alone it also draws other random numbers.
const UNSEEDED_STATE_NOTE = ' — and asked alone, in a fresh module, the same call answers acceptably: your answers depend on more than their arguments (state kept between calls in module-level variables, or random draws)';
// A law's calls are seeded by their place in the session, so a fresh one also draws other random numbers.
const LAW_STATE_NOTE = ' — and checked alone, in a fresh module, the same inputs keep the law: your answers depend on more than their arguments (state kept between calls in module-level variables, or random draws)';

const consoleField = (session: LearnerSession): { console?: string } => (session.console() === '' ? {} : { console: capConsole(session.console()) });

const learnerFailure = (p: LearnerProblem, details: readonly string[]): Outcome => ({
  status: p.status,
  cause: 'learner-problem',
  message: p.message,
  ...(p.location ? { location: p.location } : {}),
  details,
});

/** A check group of hand-built cases: each check asks its cases in order and stops at the first wrong answer. */
export function caseCheckGroup<Case, Seen = unknown>(config: CaseCheckGroupConfig<Case, Seen>): CheckGroup {
  const checkOf = config.checkOf ?? ((c: Case) => (c as { check: string }).check);
  const seedOf = config.seedOf ?? ((ctx: CheckContext, check: string, i: number) => hashSeed(ctx.seed, `${check}:${i}`));

  const askCase = async (c: Case, session: LearnerSession, at: AskAt): Promise<{ outcome: HookOutcome<unknown>; seen?: Seen }> => {
    if (config.answer) return { outcome: await config.answer(c, session, at) };
    const q = config.ask!(c);
    const outcome = await session.ask(q.fn, q.args, q.freezeArgs ? { ...at, freezeArgs: true } : at, q.handlers ? { handlers: q.handlers } : undefined);
    return { outcome, ...(q.seen !== undefined ? { seen: q.seen } : {}) };
  };

  /**
   * Whether the case, asked alone of a fresh copy of the module, gets an acceptable answer: then the
   * wrong one came from what earlier cases left in module state, and the message must say so, since
   * the call it quotes answers otherwise when the learner runs it. The module stays fresh afterwards,
   * as after a scenario replayed in a fresh module.
   */
  const acceptableAlone = async (ctx: CheckContext, c: Case, seed: number | undefined): Promise<boolean> => {
    if (!(await ctx.reload())) return false;
    const fresh = learnerSession(ctx.call, ctx.seed);
    const { outcome, seen } = await askCase(c, fresh, { now: 0, ...(seed !== undefined ? { seed } : {}) });
    return outcome.ok && config.judge(c, outcome.value, seen) === null;
  };

  return {
    checks: config.checks,
    ...(config.acceptableSets ? { acceptableSets: config.acceptableSets } : {}),
    replayable: false,
    async run(ctx: CheckContext): Promise<CheckResult[]> {
      const all = typeof config.cases === 'function' ? config.cases(ctx) : config.cases;
      const results: CheckResult[] = [];
      for (const check of config.checks) {
        const session = learnerSession(ctx.call, ctx.seed);
        let failure: Outcome | undefined;
        for (const [i, c] of all.filter((x) => checkOf(x) === check.id).entries()) {
          const seed = seedOf(ctx, check.id, i);
          // A reload that failed shows in the call: it answers with the load problem.
          if (config.freshModule) await ctx.reload();
          const { outcome, seen } = await askCase(c, session, { now: 0, ...(seed !== undefined ? { seed } : {}) });
          if (!outcome.ok) {
            // No answer at all is the session's problem; an answer of the wrong shape is a wrong answer.
            const p = session.problem();
            const frozen = config.frozenInputs;
            if (p && frozen && changedFrozenInput(p)) {
              failure = { status: 'failed', cause: 'property', message: `your function changed a ${frozen.noun} it was given: ${p.message}`, ...(p.location ? { location: p.location } : {}), details: [...config.show(c), frozen.advice] };
            } else failure = p ? learnerFailure(p, config.show(c)) : { status: 'failed', cause: 'property', message: outcome.problem, details: config.show(c) };
            break;
          }
          const found = config.judge(c, outcome.value, seen);
          if (found !== null) {
            const { message, details = [], expected } = typeof found === 'string' ? { message: found } : found;
            const alone = config.freshModule ? false : await acceptableAlone(ctx, c, seed);
            const note = seed === undefined ? UNSEEDED_STATE_NOTE : STATE_NOTE;
            failure = { status: 'failed', cause: 'property', message: alone ? `${message}${note}` : message, details, ...(expected ? { expected } : {}) };
            break;
          }
        }
        results.push({ ...check, ...(failure ?? { status: 'passed', message: '', details: [] }), ...consoleField(session) });
      }
      return results;
    },
  };
}

/**
 * A law did not hold, or (with `problem`) a call made while checking it had no usable answer.
 * Laws throw it; `lawCheckGroup` reports it.
 */
export class LawBroken extends Error {
  constructor(
    message: string,
    readonly problem?: LearnerProblem,
    /** What the message states as acceptable (the call it blames and the reference's answer). */
    readonly expected?: StatedExpectation,
    /** Lines under the message: the counterexample drawn small (two states and their merge), not as raw JSON. */
    readonly picture: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A law over a session: a fast-check property, or a hand-picked sequence of calls that throws `LawBroken`. */
export type Law = (session: LearnerSession) => fc.IAsyncProperty<never> | Promise<void>;

export interface LawCheckGroupConfig<Id extends string> {
  readonly checks: readonly (CheckInfo & { readonly id: Id })[];
  readonly laws: Readonly<Record<Id, Law>>;
  /** Generated inputs per property law. */
  readonly numRuns: number;
  /**
   * Whether the group runs the instructor's hidden tier: the same laws and fixed cases on inputs drawn
   * from the tier's own seed, `numRuns` plus the tier's schedule count of them.
   */
  readonly hiddenTier?: boolean;
  /**
   * Hand-picked inputs a property law checks before the generated ones (fast-check's `examples`):
   * the fixed cases that catch each known bug deterministically, whatever the seed draws.
   */
  readonly examples?: Partial<Readonly<Record<Id, readonly (readonly unknown[])[]>>>;
  /** What the shrunk inputs are called: "clocks", "counters". */
  readonly inputsNoun: string;
  /**
   * A broken law in the exercise's words, when it can say more: a throw that is really a broken law
   * (changing a frozen input throws) says so, and is a wrong answer rather than a missing one.
   */
  readonly explain?: (check: Id, broken: LawBroken) => { readonly message: string; readonly details: readonly string[]; readonly cause: 'property' } | undefined;
  /**
   * Lessons, information only: run on a check's session once it has passed, their lines become the
   * passed result's details. A lesson never fails a check; one that throws says nothing.
   */
  readonly lessons?: Partial<Readonly<Record<Id, (session: LearnerSession) => Promise<readonly string[]>>>>;
  /**
   * Laws across fresh copies of the learner's module, checked once a check's law held: `fresh()` loads
   * the module again (module-level state reset) and gives a new session over it, or undefined when it
   * could not be loaded again (the law then says nothing). Every node of a real cluster runs its own
   * copy, so an answer drawn from what one copy saw before agrees with itself in one process but not
   * across nodes; asking the same questions of two copies shows it.
   */
  readonly freshModuleLaws?: Partial<Readonly<Record<Id, (fresh: () => Promise<LearnerSession | undefined>) => Promise<void>>>>;
  /** Options of each check's session; its seeds are tagged with the check's id by default. */
  readonly session?: (check: Id) => LearnerSessionOptions;
  /** The acceptable sets the laws state their expectations from. */
  readonly acceptableSets?: readonly AcceptableSet[];
}

/** A check group of laws: each check is one law, checked on generated (and shrunk) or hand-picked inputs. */
export function lawCheckGroup<Id extends string>(config: LawCheckGroupConfig<Id>): CheckGroup {
  return {
    checks: config.checks,
    ...(config.acceptableSets ? { acceptableSets: config.acceptableSets } : {}),
    ...(config.hiddenTier ? { tiers: ['public', 'hidden'] as const } : {}),
    replayable: false,
    async run(ctx: CheckContext): Promise<CheckResult[]> {
      const results: CheckResult[] = [];
      const runsAt = (schedules: number): number => (ctx.tier === 'hidden' ? config.numRuns + schedules : config.numRuns);
      const numRuns = runsAt(ctx.schedules);
      const firsts = firstRunsRecorder(ctx, runsAt);
      /**
       * Whether the law, checked again on a fresh copy of the module and on the inputs it broke on
       * alone, holds: then what broke it was left in module state by earlier calls, and the message
       * must say so, since the calls it quotes answer otherwise when the learner runs them.
       */
      const holdsAlone = async (id: Id, options: LearnerSessionOptions, counterexample: unknown): Promise<boolean> => {
        if (!(await ctx.reload())) return false;
        try {
          const law = config.laws[id](learnerSession(ctx.call, ctx.seed, options));
          if (law instanceof Promise) return await law.then(() => true);
          if (counterexample === undefined) return false;
          const again = await fc.check(law, { seed: hashSeed(ctx.seed, id), numRuns: 1, endOnFailure: true, examples: [counterexample as never] });
          return !again.failed;
        } catch {
          return false;
        }
      };
      // Whether an earlier law broke on a generated input: at fewer schedules it held instead, and the
      // module this law starts from was reloaded (or not) otherwise, so below its failure its verdict
      // is not known from this run (only code that keeps state between calls can tell the difference).
      let startDependsOnCount = false;
      for (const check of config.checks) {
        const options: LearnerSessionOptions = config.session?.(check.id) ?? { seedTag: (_fn, n) => `${check.id}:${n}` };
        const session = learnerSession(ctx.call, ctx.seed, options);
        let broken: LawBroken | undefined;
        let shrunk = '';
        // The run the law broke in, when fast-check found it (else it broke on a fixed case, at every count).
        let brokeAt = 0;
        // What fast-check's property broke on; and whether the law itself broke, not its fresh-module law.
        let counterexample: unknown;
        let byLaw = true;
        try {
          const law = config.laws[check.id](session);
          if (law instanceof Promise) await law;
          else {
            const examples = (config.examples?.[check.id] ?? []) as never[];
            const details = await fc.check(law, { seed: hashSeed(ctx.seed, check.id), numRuns, endOnFailure: false, ...(examples.length > 0 ? { examples } : {}) });
            if (details.failed) {
              brokeAt = details.numRuns - 1 + details.numSkips;
              const e = details.errorInstance;
              broken = e instanceof LawBroken ? e : new LawBroken(String(e));
              counterexample = details.counterexample ?? undefined;
              // fast-check runs the examples first: a failure among them is a fixed case, not a shrunk draw.
              const fixed = details.numShrinks === 0 && details.numRuns <= examples.length;
              shrunk = fixed
                ? `one of the fixed ${config.inputsNoun} every answer is checked on first`
                : `the smallest ${config.inputsNoun} found (fast-check shrank the counterexample in ${details.numShrinks} step${details.numShrinks === 1 ? '' : 's'}; seed ${details.seed})`;
            }
          }
          const freshLaw = config.freshModuleLaws?.[check.id];
          if (broken === undefined && freshLaw !== undefined) {
            byLaw = false;
            await freshLaw(async () => ((await ctx.reload()) ? learnerSession(ctx.call, ctx.seed, options) : undefined));
          }
        } catch (e) {
          broken = e instanceof LawBroken ? e : new LawBroken(String(e));
        }
        if (broken === undefined) {
          const lesson = config.lessons?.[check.id];
          const details = lesson === undefined ? [] : await lesson(session).catch((): readonly string[] => []);
          results.push({ ...check, status: 'passed', message: '', details, ...consoleField(session) });
          continue;
        }
        const explained = config.explain?.(check.id, broken);
        const p = broken.problem;
        const alone = byLaw && p === undefined && explained === undefined && (await holdsAlone(check.id, options, counterexample));
        if (p !== undefined) firsts.problem(brokeAt, p.status, [check.id]);
        else firsts.failed(check.id, brokeAt);
        // Below the run it broke in, the law held and its fresh-module law would have run: not known here.
        if ((brokeAt > 0 && config.freshModuleLaws?.[check.id] !== undefined) || startDependsOnCount) firsts.unknownBelow(check.id);
        if (brokeAt > 0) startDependsOnCount = true;
        results.push({
          ...check,
          status: p?.status ?? 'failed',
          cause: explained?.cause ?? (p ? 'learner-problem' : 'property'),
          message: explained?.message ?? (alone ? `${broken.message}${LAW_STATE_NOTE}` : broken.message),
          details: [...(explained?.details ?? []), ...(explained === undefined ? broken.picture : []), ...(shrunk ? [shrunk] : [])],
          ...(explained === undefined && broken.expected ? { expected: broken.expected } : {}),
          ...(p?.location ? { location: p.location } : {}),
          ...consoleField(session),
          ...firsts.of(check.id),
        });
      }
      return results;
    },
  };
}

/**
 * The `explain` of a law group whose `check` calls with frozen arguments: a throw from writing into
 * one is that law broken (a wrong answer, with `advice`), not a call without an answer.
 */
export function frozenInputsExplained(check: string, noun: string, advice: string): NonNullable<LawCheckGroupConfig<string>['explain']> {
  return (id, broken) => {
    const mutation = id === check && broken.problem !== undefined && changedFrozenInput({ ...broken.problem, message: broken.message });
    if (!mutation) return undefined;
    return { message: `your function changed a ${noun} it was given: ${broken.message}`, details: [advice], cause: 'property' };
  };
}

/** Whether a call's problem is a throw from writing into a frozen argument. */
function changedFrozenInput(p: LearnerProblem): boolean {
  return p.status === 'failed' && /read[- ]only|not extensible|frozen|Cannot (assign|add|delete|define)/i.test(p.message);
}

/**
 * How a law asks one learner function: the answer's value, or `LawBroken` when the call had none
 * (the session's wording, then the call in the exercise's words).
 */
export function lawAsker(session: LearnerSession, callText: (fn: string, args: readonly unknown[]) => string, freezeArgs = false): (fn: string, args: unknown[]) => Promise<unknown> {
  return async (fn, args) => {
    const answer = await session.answer(fn, args, { now: 0, ...(freezeArgs ? { freezeArgs: true } : {}) });
    const failure = session.failure(fn, answer);
    if (failure !== undefined) throw new LawBroken(`${failure.message} (called as ${callText(fn, args)})`, failure);
    return (answer as { value: unknown }).value;
  };
}
