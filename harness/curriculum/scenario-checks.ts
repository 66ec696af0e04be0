/**
 * The one flow of every scenario-based check: run the reference cluster (or store) with the learner's
 * code under `ctx.schedules` generated scenarios, judge each run by its properties, then shrink the
 * first failing run of each check, replay it in a fresh module and report it with its scenario,
 * replay token and timeline. A property broken in a run where every learner answer was acceptable is
 * reported as a harness bug, not as the learner's fault. An exercise supplies only a config.
 */
import fc from 'fast-check';
import type { Verdict } from '../checkers/index.ts';
import { capConsole, type CheckContext, type CheckGroup, type CheckInfo, type CheckTier, type FailingScenario, type GroupResult } from './check.ts';
import type { AcceptableSet, StatedExpectation } from './expectation.ts';
import type { LearnerProblem } from './learner-session.ts';
import { presentRun, type Presenter } from './presenter.ts';
import type { RunOutcome } from './run-record.ts';
import { firstPassRun, observing, runOutcome } from './run-replay.ts';
import { notReplayedMessage } from './scenario-check-helpers.ts';
import { firstRunsRecorder } from './first-runs.ts';
import { specParser, type SpecParser } from './spec-parser.ts';
import type { Timeline } from './timeline.ts';
import type { TraceEvent } from '../sim/index.ts';

export type { LearnerProblem } from './learner-session.ts';
export { checkPerProperty, notReplayedMessage, verdictFocus } from './scenario-check-helpers.ts';

/** One scenario run judged: what every exercise's run-and-judge function returns, at least. */
export interface JudgedScenarioRun<P extends string, Scenario> {
  readonly run: { readonly scenario: Scenario; readonly trace: Iterable<TraceEvent> };
  readonly verdicts: readonly Verdict<P>[];
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

/**
 * One check: the properties it reports (the first broken one is shown). `optional` makes it a check of
 * an optional export: when `skip` says so (the export is missing), it passes with `skipped` as details.
 */
export interface ScenarioCheck<P extends string, Judged = unknown> extends CheckInfo {
  readonly properties: readonly P[];
  readonly optional?: { readonly skip: (judged: Judged) => boolean; readonly skipped: string };
}

/** Watches the first pass and says what each passed check shows as details (lessons, notes). */
export interface PassedNotes<P extends string, Judged> {
  /** Sees every first-pass run whose learner calls all answered. */
  observe(judged: Judged): void;
  /** After the first pass; `allPassed` when no check failed and no harness bug was found. */
  finish(allPassed: boolean): Promise<(check: ScenarioCheck<P, Judged>) => readonly string[]>;
}

/** A replayed scenario: the spec of a token and the scenario built from it. */
export interface ReplayedScenario<Spec, Scenario> {
  readonly spec: Spec;
  readonly scenario: Scenario;
}

/** What one exercise says about its scenario checks; `scenarioCheckGroup` does the rest. */
export interface ScenarioCheckGroupConfig<Spec extends { readonly family: string }, Scenario, P extends string, Judged extends JudgedScenarioRun<P, Scenario>> {
  /** The exercise's replay format: its tokens carry it, and it changes when its scenarios change. */
  readonly format: number;
  readonly checks: readonly ScenarioCheck<P, Judged>[];
  readonly tiers?: readonly CheckTier[];
  readonly specs: (ctx: CheckContext) => fc.Arbitrary<Spec>;
  /** How many scenarios the first pass generates; `ctx.schedules` when absent. */
  readonly schedules?: (ctx: CheckContext) => number;
  /** Specs run first, within those schedules (so that a handful of runs meets each family once). */
  readonly examples?: (ctx: CheckContext) => readonly Spec[];
  readonly build: (spec: Spec) => Scenario;
  /** Validates a token's spec; by default against the specs every tier draws from (`spec-parser.ts`). */
  readonly parseSpec?: SpecParser<Spec>;
  /** `trace` false is a hint: the run may leave out what only a timeline needs. */
  readonly runJudged: (ctx: CheckContext, scenario: Scenario, trace: boolean) => Promise<Judged>;
  /** True when an untraced run lacks what a timeline needs, so a harness-bug run is run again traced. */
  readonly untracedLacksTimeline?: boolean;
  /** The first learner answer outside the acceptable set, shown beside a failure, with what it states as acceptable. */
  /**
   * With `property`, the first answer outside its set among the calls that property depends on,
   * else the first of any (design §0.2); without, the first of any.
   */
  readonly firstBad: (judged: Judged, property?: P) => { readonly t: number; readonly text: string; readonly expected?: StatedExpectation } | undefined;
  /** The acceptable sets `firstBad` states its expectations from. */
  readonly acceptableSets?: readonly AcceptableSet[];
  /**
   * Whether a broken property in this run is the learner's doing; by default, when some answer was
   * outside the acceptable set (`firstBad`). Otherwise the run is reported as a harness bug.
   */
  readonly learnersFault?: (judged: Judged) => boolean;
  /** What a failed check adds to the verdict: its details (the verdict's info first) and its timeline. */
  readonly failureOf: (judged: Judged, verdict: Verdict<P>) => { readonly details: readonly string[]; readonly timeline?: Timeline };
  /** The scenario described for the learner, without the shrink statistics. */
  readonly describe: (spec: Spec, scenario: Scenario) => { readonly parameters: string; readonly schedule: readonly string[] };
  /** Details of every check when a learner call had no usable answer. */
  readonly couldNotJudge: string;
  /** What a run is called in a learner-problem message: "cluster" (the default), "store". */
  readonly runNoun?: string;
  /** What the learner answers: "decision", "read". */
  readonly answerNoun: string;
  /** Advice when the same scenario failed and then passed ("make quorumRead depend only on …"). */
  readonly statelessAdvice: string;
  readonly passedNotes?: (ctx: CheckContext) => PassedNotes<P, Judged>;
  /** How a run is shown in a diagram of its whole trace (the report). */
  readonly present: Presenter<Judged['run']>;
}

/** The scenario check group of one exercise: its checks, and `run` that generates, judges, shrinks and replays. */
export interface ScenarioCheckGroup<Spec, Scenario> extends CheckGroup {
  /** The scenario a parsed replay spec stands for; the one way from a token's spec to a scenario. */
  replayedScenario(spec: Spec): ReplayedScenario<Spec, Scenario>;
  soundness: NonNullable<CheckGroup['soundness']>;
}

/** Builds the check group of one exercise's scenario checks from its config. */
export function scenarioCheckGroup<Spec extends { readonly family: string }, Scenario, P extends string, Judged extends JudgedScenarioRun<P, Scenario>>(
  config: ScenarioCheckGroupConfig<Spec, Scenario, P, Judged>,
): ScenarioCheckGroup<Spec, Scenario> {
  const { checks } = config;
  type Check = ScenarioCheck<P, Judged>;
  const infoOf = (c: Check): CheckInfo => ({ id: c.id, title: c.title, weight: c.weight });
  const broken = (judged: Judged, c: Check): Verdict<P> | undefined => judged.verdicts.find((v) => !v.ok && c.properties.includes(v.property));
  const learnersFault = (judged: Judged): boolean => (config.learnersFault ? config.learnersFault(judged) : config.firstBad(judged) !== undefined);
  const skipped = (c: Check, judged: Judged): boolean => c.optional?.skip(judged) === true;
  const skippedResult = (c: Check): GroupResult => ({ ...infoOf(c), status: 'passed', skipped: true, message: '', details: [c.optional!.skipped] });
  // Why this run could not judge the check (every property of it unjudged, e.g. the run stopped early), or undefined.
  const unjudged = (judged: Judged, c: Check): string | undefined => {
    const own = judged.verdicts.filter((v) => c.properties.includes(v.property));
    return own.length > 0 && own.every((v) => v.notJudged !== undefined) ? own[0]!.notJudged : undefined;
  };
  const replayOf = (spec: Spec): unknown => spec;
  const parseSpec = config.parseSpec ?? specParser(fc.oneof(...(config.tiers ?? ['public']).map((tier) => config.specs({ tier } as CheckContext))));

  const scenarioOf = (spec: Spec, scenario: Scenario, shrinkRuns: number, shrinkCapped: boolean): FailingScenario => ({
    family: spec.family,
    ...config.describe(spec, scenario),
    shrinkRuns,
    shrinkCapped,
  });

  const failureResult = (info: CheckInfo, verdict: Verdict<P>, spec: Spec, judged: Judged, shrinkRuns: number, capped: boolean): GroupResult => {
    const scenario = judged.run.scenario;
    const { details, timeline } = config.failureOf(judged, verdict);
    const bad = config.firstBad(judged, verdict.property);
    const notes = verdict.info.filter((line) => details.includes(line));
    return {
      ...info,
      status: 'failed',
      cause: 'property',
      message: verdict.explanation,
      details,
      ...(notes.length > 0 ? { info: notes } : {}),
      scenario: scenarioOf(spec, scenario, shrinkRuns, capped),
      replay: replayOf(spec),
      ...(bad ? { firstBadDecision: bad.text } : {}),
      ...(bad?.expected ? { expected: bad.expected } : {}),
      ...(timeline ? { timeline } : {}),
    };
  };

  // The check's own property when it broke, else the first broken one (the run is wrong either way).
  const harnessBugResult = (c: Check, spec: Spec, judged: Judged): GroupResult => {
    const verdict = broken(judged, c) ?? judged.verdicts.find((v) => !v.ok)!;
    return {
      ...failureResult(infoOf(c), verdict, spec, judged, 0, false),
      status: 'harness-bug',
      cause: 'harness-bug',
      message: `internal error (harness bug): "${verdict.explanation}" although every ${config.answerNoun} of yours was acceptable. This is not your fault; please report it with the replay token.`,
    };
  };

  const problemResults = (p: LearnerProblem, spec: Spec, scenario: Scenario, consoleField: object): GroupResult[] =>
    checks.map((c) => ({
      ...infoOf(c),
      status: p.status,
      cause: 'learner-problem',
      message: p.status === 'not-implemented' ? p.message : `in a ${config.runNoun ?? 'cluster'} run, ${p.message}`,
      details: [config.couldNotJudge],
      ...(p.location ? { location: p.location } : {}),
      scenario: scenarioOf(spec, scenario, 0, false),
      replay: replayOf(spec),
      ...consoleField,
    }));

  // A passed check says in how many runs it could not be judged; judged in none, it was skipped.
  const passedResult = (c: Check, details: readonly string[], unjudgedRuns: { count: number; why: string } | undefined, of: number): GroupResult => {
    if (unjudgedRuns === undefined) return { ...infoOf(c), status: 'passed', message: '', details };
    const line = `not judged in ${unjudgedRuns.count} of ${of} runs${unjudgedRuns.count > 1 ? '; in the first,' : ':'} ${unjudgedRuns.why}`;
    return {
      ...infoOf(c),
      status: 'passed',
      ...(unjudgedRuns.count === of ? { skipped: true } : {}),
      message: '',
      details: [...details, line],
      notJudgedRuns: { count: unjudgedRuns.count, of, why: unjudgedRuns.why },
    };
  };

  const replayedScenario = (spec: Spec): ReplayedScenario<Spec, Scenario> => ({ spec, scenario: config.build(spec) });

  const parseReplay = (raw: unknown): { ok: true; replay: Spec } | { ok: false; problem: string } => {
    const spec = parseSpec(raw);
    if (typeof spec === 'string') return { ok: false, problem: spec };
    try {
      config.build(spec);
    } catch (error) {
      return { ok: false, problem: `its scenario cannot be built (${(error as Error).message})` };
    }
    return { ok: true, replay: spec };
  };

  /** Runs exactly one scenario from a replay token and reports every check on it. */
  async function replay(ctx: CheckContext, replayed: ReplayedScenario<Spec, Scenario>): Promise<GroupResult[]> {
    const judged = await config.runJudged(ctx, replayed.scenario, true);
    return checks.map((c) => {
      const info = infoOf(c);
      if (skipped(c, judged)) return skippedResult(c);
      const p = judged.learnerProblem;
      if (p) return { ...info, status: p.status, cause: 'learner-problem', message: p.message, details: [], ...(p.location ? { location: p.location } : {}) };
      const verdict = broken(judged, c);
      const why = unjudged(judged, c);
      if (verdict === undefined && why !== undefined) return { ...info, status: 'passed' as const, skipped: true, message: '', details: [`not judged in this run: ${why}`] };
      if (verdict === undefined) {
        const details = judged.verdicts.filter((v) => c.properties.includes(v.property)).flatMap((v) => v.info);
        return { ...info, status: 'passed' as const, message: '', details };
      }
      if (!learnersFault(judged)) return harnessBugResult(c, replayed.spec, judged);
      return failureResult(info, verdict, replayed.spec, judged, 0, false);
    });
  }

  /** Shrinks the failing scenario found at run `index`, replays it in a fresh module, and reports it. */
  async function shrinkAndReport(ctx: CheckContext, c: Check, index: number): Promise<GroupResult> {
    const info = infoOf(c);
    let best: { spec: Spec; judged: Judged } | undefined;
    let runs = 0;
    let capped = false;
    const started = ctx.wallClockMs();
    const fails = (judged: Judged): boolean => judged.learnerProblem === undefined && !skipped(c, judged) && learnersFault(judged) && broken(judged, c) !== undefined;
    await fc.check(
      fc.asyncProperty(config.specs(ctx), async (spec) => {
        if (runs >= ctx.shrink.maxRuns || ctx.wallClockMs() - started > ctx.shrink.maxMs) {
          capped = true;
          return true;
        }
        runs++;
        const judged = await config.runJudged(ctx, config.build(spec), false);
        if (fails(judged)) best = { spec, judged };
        return !fails(judged);
      }),
      { seed: ctx.seed, path: String(index), numRuns: schedulesOf(ctx), examples: examplesOf(ctx) },
    );
    if (best === undefined) {
      // The run at `index` failed in the first pass but not when replayed: only state kept between calls does that.
      return {
        ...info,
        status: 'failed',
        cause: 'stateful',
        message: 'your code keeps state between calls (module-level variables): the same scenario failed once and passed when run again',
        details: [config.statelessAdvice],
      };
    }
    // Replay in a fresh module: what the learner replays with the token starts from a fresh module too.
    const reloaded = await ctx.reload();
    const fresh = reloaded ? await config.runJudged(ctx, config.build(best.spec), true) : undefined;
    const stateful = fresh === undefined || !fails(fresh);
    const shown = stateful ? best.judged : fresh;
    const result = failureResult(info, broken(shown, c)!, best.spec, shown, runs, capped);
    if (!stateful) return result;
    return { ...result, cause: 'stateful', message: notReplayedMessage(result.message, reloaded) };
  }

  const schedulesOf = (ctx: CheckContext): number => (config.schedules ? config.schedules(ctx) : ctx.schedules);
  const examplesOf = (ctx: CheckContext): [Spec][] => (config.examples?.(ctx) ?? []).map((spec) => [spec]);

  return {
    checks: checks.map(infoOf),
    ...(config.tiers ? { tiers: config.tiers } : {}),
    ...(config.acceptableSets ? { acceptableSets: config.acceptableSets } : {}),
    replayable: true,
    replayFormat: config.format,
    parseReplay,
    replayedScenario,
    async run(ctx: CheckContext): Promise<GroupResult[]> {
      if (ctx.replay !== undefined) return replay(ctx, replayedScenario(ctx.replay as Spec));
      // First pass: every generated scenario, remembering the first run that breaks each check.
      const firstFailure = new Map<string, number>();
      const skippedChecks = new Set<string>();
      let learnerFailure: { spec: Spec; problem: LearnerProblem } | undefined;
      let harnessBug: { check: string; spec: Spec; judged: Judged } | undefined;
      const notes = config.passedNotes?.(ctx);
      const firsts = firstRunsRecorder(ctx, (n) => schedulesOf({ ...ctx, schedules: n }));
      // What the first pass uses of a run, so a reused run can stand in for a simulated one; a reused
      // run must have kept what its notes observe, and a harness bug is reported from a real run.
      const outcomeOf = (judged: Judged): RunOutcome => runOutcome(checks, judged, { skipped, learnersFault, broken, unjudged });
      const usable = (o: RunOutcome): boolean =>
        o.skipped.length === checks.length || ((notes === undefined || o.problem !== undefined || o.observed !== undefined) && (o.learnersFault || o.broken.length === 0));
      // Runs judged (every learner call answered), and per check those that could not show its properties.
      let observed = 0;
      const notJudged = new Map<string, { count: number; why: string }>();
      let index = -1;
      let output = '';
      await fc.check(
        fc.asyncProperty(config.specs(ctx), async (spec) => {
          index++;
          if (learnerFailure !== undefined || skippedChecks.size === checks.length) return true;
          const { outcome, judged } = await firstPassRun(ctx, index, (c) => config.runJudged(c, config.build(spec), false), outcomeOf, usable);
          output += outcome.console;
          for (const id of outcome.skipped) {
            skippedChecks.add(id);
            firsts.skipped(id, index);
          }
          if (skippedChecks.size === checks.length) return true;
          if (outcome.problem !== undefined) {
            learnerFailure = { spec, problem: outcome.problem };
            firsts.problem(index, outcome.problem.status, checks.filter((c) => !skippedChecks.has(c.id)).map((c) => c.id));
            return true;
          }
          if (notes !== undefined && judged === undefined) notes.observe(outcome.observed as Judged);
          else if (notes !== undefined) {
            const seen = observing(judged!);
            notes.observe(seen.view);
            // The outcome is the recorded run's: a reuse of it observes what this run was seen to have.
            const kept = seen.keep();
            if (kept !== undefined) outcome.observed = kept;
          }
          observed++;
          for (const c of checks) {
            const why = outcome.unjudged[c.id];
            if (why !== undefined) notJudged.set(c.id, { count: (notJudged.get(c.id)?.count ?? 0) + 1, why: notJudged.get(c.id)?.why ?? why });
          }
          for (const c of checks) {
            if (skippedChecks.has(c.id) || firstFailure.has(c.id) || !outcome.broken.includes(c.id)) continue;
            if (outcome.learnersFault) {
              firstFailure.set(c.id, index);
              firsts.failed(c.id, index);
            } else if (harnessBug === undefined) {
              harnessBug = { check: c.id, spec, judged: judged! };
              firsts.harnessBug(c.id, index);
            }
          }
          return true;
        }),
        { seed: ctx.seed, numRuns: schedulesOf(ctx), examples: examplesOf(ctx) },
      );
      const consoleField = output === '' ? {} : { console: capConsole(output) };
      const open = checks.filter((c) => !skippedChecks.has(c.id));

      if (learnerFailure !== undefined) {
        const { spec, problem } = learnerFailure;
        const problems = problemResults(problem, spec, config.build(spec), consoleField);
        return checks.map((c, i) => ({ ...(skippedChecks.has(c.id) ? { ...skippedResult(c), ...consoleField } : problems[i]!), ...firsts.of(c.id) }));
      }

      const passedDetails = notes ? await notes.finish(firstFailure.size === 0 && harnessBug === undefined) : () => [];
      const results: GroupResult[] = [];
      for (const c of checks) {
        if (!open.includes(c)) {
          results.push({ ...skippedResult(c), ...consoleField });
          continue;
        }
        if (harnessBug?.check === c.id) {
          const { spec, judged } = harnessBug;
          // Run it again with every message recorded when the timeline of the report needs them.
          results.push(harnessBugResult(c, spec, config.untracedLacksTimeline ? await config.runJudged(ctx, config.build(spec), true) : judged));
          continue;
        }
        const at = firstFailure.get(c.id);
        if (at === undefined) {
          results.push({ ...passedResult(c, passedDetails(c), notJudged.get(c.id), observed), ...consoleField });
          continue;
        }
        results.push({ ...(await shrinkAndReport(ctx, c, at)), ...consoleField });
      }
      return results.map((r, i) => ({ ...r, ...firsts.of(checks[i]!.id) }));
    },
    async soundness(ctx: CheckContext, runs: number) {
      const problems: string[] = [];
      let judgedRuns = 0;
      for (const spec of fc.sample(config.specs(ctx), { seed: ctx.seed, numRuns: runs, examples: [...(config.examples?.(ctx) ?? [])] })) {
        const judged = await config.runJudged(ctx, config.build(spec), false);
        if (checks.every((c) => skipped(c, judged))) continue;
        judgedRuns++;
        const where = JSON.stringify(spec);
        if (judged.learnerProblem) problems.push(`${where}\n  ${judged.learnerProblem.message}`);
        const bad = config.firstBad(judged);
        if (bad) problems.push(`${where}\n  ${bad.text}`);
        for (const v of judged.verdicts) if (!v.ok) problems.push(`${where}\n  ${v.property}: ${v.explanation}`);
      }
      return { judged: judgedRuns, problems };
    },
    async trace(ctx: CheckContext, payload: unknown) {
      const judged = await config.runJudged(ctx, replayedScenario(payload as Spec).scenario, true);
      // A run every check of this group skips (its optional export is missing) shows nothing of the
      // learner's: say so, so the report draws another group's run of the same scenario.
      if (checks.every((c) => skipped(c, judged))) return undefined;
      return presentRun(config.present, judged.run);
    },
  };
}
