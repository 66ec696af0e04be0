/**
 * The flow shared by the cluster checks of the failover, quorum-reader and sloppy-quorum exercises:
 * run the reference cluster with the learner's code under `ctx.schedules` generated scenarios, judge
 * each run per property, then shrink the first failing run of each property, replay it in a fresh
 * module and report it with its scenario, replay token and timeline. A property broken in a run
 * where every learner answer was acceptable is reported as a harness bug, not as the learner's fault.
 */
import fc from 'fast-check';
import type { EventRef } from '../checkers/index.ts';
import type { TraceEvent } from '../sim/index.ts';
import { capConsole, type CheckContext, type CheckGroup, type CheckInfo, type CheckResult, type CheckStatus, type CheckTier, type FailingScenario } from './check.ts';
import { presentRun, type Presenter } from './presenter.ts';
import { encodeReplayToken } from './replay-token.ts';
import type { Timeline } from './timeline.ts';

/** What a learner call went wrong with during a run (the first one). */
export interface LearnerProblem {
  readonly status: CheckStatus;
  readonly message: string;
  readonly location?: string;
}

/** One property judged on one run. */
export interface ClusterVerdict<Property extends string> {
  readonly property: Property;
  readonly ok: boolean;
  readonly explanation: string;
  readonly events: readonly EventRef[];
  readonly info: readonly string[];
}

/** One cluster run judged: what every exercise's `runJudged` returns, at least. */
export interface JudgedClusterRun<Property extends string, Scenario> {
  readonly run: { readonly scenario: Scenario; readonly trace: Iterable<TraceEvent> };
  readonly verdicts: readonly ClusterVerdict<Property>[];
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

/** One check: it reports exactly one property. */
export interface ClusterCheck<Property extends string> extends CheckInfo {
  readonly property: Property;
}

/** Watches the first pass and says what each passed check shows as details (lessons, notes). */
export interface PassedNotes<Property extends string, Judged> {
  /** Sees every first-pass run whose learner calls all answered. */
  observe(judged: Judged): void;
  /** After the first pass; `allPassed` when no property failed and no harness bug was found. */
  finish(allPassed: boolean): Promise<(property: Property) => readonly string[]>;
}

/** What one exercise says about its cluster checks; `clusterCheckGroup` does the rest. */
export interface ClusterCheckGroupConfig<Spec extends { readonly family: string }, Scenario, Property extends string, Judged extends JudgedClusterRun<Property, Scenario>> {
  readonly exerciseId: string;
  readonly checks: readonly ClusterCheck<Property>[];
  readonly tiers?: readonly CheckTier[];
  readonly specs: (ctx: CheckContext) => fc.Arbitrary<Spec>;
  readonly build: (spec: Spec) => Scenario;
  /** `trace` false is a hint: the run may leave out what only a timeline needs. */
  readonly runJudged: (ctx: CheckContext, scenario: Scenario, trace: boolean) => Promise<Judged>;
  /** True when an untraced run lacks what a timeline needs, so a harness-bug run is run again traced. */
  readonly untracedLacksTimeline?: boolean;
  /** The first learner answer outside the acceptable set; a violation without one is a harness bug. */
  readonly firstBad: (judged: Judged) => { readonly t: number; readonly text: string } | undefined;
  /** What a failed check adds to the verdict: its details (the verdict's info first) and its timeline. */
  readonly failureOf: (judged: Judged, verdict: ClusterVerdict<Property>) => { readonly details: readonly string[]; readonly timeline: Timeline };
  /** The scenario described for the learner, without the shrink statistics. */
  readonly describe: (spec: Spec, scenario: Scenario) => { readonly parameters: string; readonly schedule: readonly string[] };
  /** Details of every check when a learner call had no usable answer. */
  readonly couldNotJudge: string;
  /** What the learner answers: "decision", "read". */
  readonly answerNoun: string;
  /** Advice when the same scenario failed and then passed ("make quorumRead depend only on …"). */
  readonly statelessAdvice: string;
  readonly passedNotes?: (ctx: CheckContext) => PassedNotes<Property, Judged>;
  /** How a run is shown in a diagram of its whole trace (the report). */
  readonly present: Presenter<Judged['run']>;
}

/** The events of a verdict as timeline focus points; a failure's timeline highlights them. */
export function verdictFocus(verdict: { readonly events: readonly EventRef[] }): { t: number; node?: string }[] {
  return verdict.events.map((e) => ({ t: e.t, ...(e.node ? { node: e.node } : {}) }));
}

/**
 * The message of a shrunk failure that did not fail again when replayed in a fresh module: either the
 * code keeps state between calls, or (`reloaded` false) the module could not be loaded again at all.
 */
export function notReplayedMessage(message: string, reloaded: boolean): string {
  if (!reloaded) return `${message} — and your module could not be loaded again, so this scenario was not replayed in a fresh module`;
  return `${message} — and your code keeps state between calls (module-level variables): run again in a fresh module, this scenario did not fail`;
}

/** Builds the check group of one exercise's cluster checks from its config. */
export function clusterCheckGroup<Spec extends { readonly family: string }, Scenario, Property extends string, Judged extends JudgedClusterRun<Property, Scenario>>(
  config: ClusterCheckGroupConfig<Spec, Scenario, Property, Judged>,
): CheckGroup {
  const { checks, exerciseId } = config;
  type Verdict = ClusterVerdict<Property>;
  const infoOf = (c: ClusterCheck<Property>): CheckInfo => ({ id: c.id, title: c.title, weight: c.weight });

  const scenarioOf = (spec: Spec, scenario: Scenario, shrinkRuns: number, shrinkCapped: boolean): FailingScenario => ({
    family: spec.family,
    ...config.describe(spec, scenario),
    shrinkRuns,
    shrinkCapped,
  });

  const failureResult = (info: CheckInfo, verdict: Verdict, spec: Spec, judged: Judged, shrinkRuns: number, capped: boolean): CheckResult => {
    const scenario = judged.run.scenario;
    const { details, timeline } = config.failureOf(judged, verdict);
    const bad = config.firstBad(judged);
    return {
      ...info,
      status: 'failed',
      message: verdict.explanation,
      details,
      scenario: scenarioOf(spec, scenario, shrinkRuns, capped),
      replay: encodeReplayToken({ exercise: exerciseId, scenario: { spec, scenario } }),
      ...(bad ? { firstBadDecision: bad.text } : {}),
      timeline,
    };
  };

  // The check's own property when it broke, else the first broken one (the run is wrong either way).
  const harnessBugResult = (info: CheckInfo, spec: Spec, judged: Judged, property?: Property): CheckResult => {
    const verdict = judged.verdicts.find((v) => v.property === property && !v.ok) ?? judged.verdicts.find((v) => !v.ok)!;
    return {
      ...failureResult(info, verdict, spec, judged, 0, false),
      status: 'harness-bug',
      message: `internal error (harness bug): "${verdict.explanation}" although every ${config.answerNoun} of yours was acceptable. This is not your fault; please report it with the replay token.`,
    };
  };

  /** The scenario a replay token's payload holds. */
  const replayed = (payload: unknown): { spec: Spec; scenario: Scenario } => payload as { spec: Spec; scenario: Scenario };

  /** Runs exactly one scenario from a replay token and reports every property on it. */
  async function replay(ctx: CheckContext, replayed: { spec: Spec; scenario: Scenario }): Promise<CheckResult[]> {
    const judged = await config.runJudged(ctx, replayed.scenario, true);
    return checks.map((c) => {
      const info = infoOf(c);
      const p = judged.learnerProblem;
      if (p) return { ...info, status: p.status, message: p.message, details: [], ...(p.location ? { location: p.location } : {}) };
      const verdict = judged.verdicts.find((v) => v.property === c.property)!;
      if (verdict.ok) return { ...info, status: 'passed' as const, message: '', details: [...verdict.info] };
      if (config.firstBad(judged) === undefined) return harnessBugResult(info, replayed.spec, judged, c.property);
      return failureResult(info, verdict, replayed.spec, judged, 0, false);
    });
  }

  /** Shrinks the failing scenario found at run `index`, replays it in a fresh module, and reports it. */
  async function shrinkAndReport(ctx: CheckContext, property: Property, index: number, info: CheckInfo): Promise<CheckResult> {
    let best: { spec: Spec; judged: Judged } | undefined;
    let runs = 0;
    let capped = false;
    const started = ctx.wallClockMs();
    await fc.check(
      fc.asyncProperty(config.specs(ctx), async (spec) => {
        if (runs >= ctx.shrink.maxRuns || ctx.wallClockMs() - started > ctx.shrink.maxMs) {
          capped = true;
          return true;
        }
        runs++;
        const judged = await config.runJudged(ctx, config.build(spec), false);
        const broken = judged.learnerProblem === undefined && config.firstBad(judged) !== undefined && judged.verdicts.some((v) => v.property === property && !v.ok);
        if (broken) best = { spec, judged };
        return !broken;
      }),
      { seed: ctx.seed, path: String(index), numRuns: ctx.schedules },
    );
    if (best === undefined) {
      // The run at `index` failed in the first pass but not when replayed: only state kept between calls does that.
      return {
        ...info,
        status: 'failed',
        message: 'your code keeps state between calls (module-level variables): the same scenario failed once and passed when run again',
        details: [config.statelessAdvice],
      };
    }
    // Replay in a fresh module: what the learner replays with the token starts from a fresh module too.
    const reloaded = await ctx.reload();
    const fresh = reloaded ? await config.runJudged(ctx, config.build(best.spec), true) : undefined;
    const freshVerdict = fresh?.verdicts.find((v) => v.property === property);
    const stateful = fresh === undefined || freshVerdict === undefined || freshVerdict.ok || config.firstBad(fresh) === undefined;
    const shown = stateful ? best.judged : fresh;
    const result = failureResult(info, shown.verdicts.find((v) => v.property === property)!, best.spec, shown, runs, capped);
    if (!stateful) return result;
    return { ...result, message: notReplayedMessage(result.message, reloaded) };
  }

  return {
    checks: checks.map(infoOf),
    ...(config.tiers ? { tiers: config.tiers } : {}),
    async run(ctx: CheckContext): Promise<CheckResult[]> {
      if (ctx.replay !== undefined) return replay(ctx, replayed(ctx.replay));
      // First pass: every generated scenario, remembering the first run that breaks each property.
      const firstFailure = new Map<Property, number>();
      let learnerFailure: { spec: Spec; judged: Judged } | undefined;
      let harnessBug: { property: Property; spec: Spec; judged: Judged } | undefined;
      const notes = config.passedNotes?.(ctx);
      let index = -1;
      let output = '';
      await fc.check(
        fc.asyncProperty(config.specs(ctx), async (spec) => {
          index++;
          if (learnerFailure !== undefined) return true;
          const judged = await config.runJudged(ctx, config.build(spec), false);
          output += judged.console;
          if (judged.learnerProblem !== undefined) {
            learnerFailure = { spec, judged };
            return true;
          }
          notes?.observe(judged);
          const learnersFault = config.firstBad(judged) !== undefined;
          for (const v of judged.verdicts) {
            if (v.ok || firstFailure.has(v.property)) continue;
            if (!learnersFault) harnessBug ??= { property: v.property, spec, judged };
            else firstFailure.set(v.property, index);
          }
          return true;
        }),
        { seed: ctx.seed, numRuns: ctx.schedules },
      );
      const consoleField = output === '' ? {} : { console: capConsole(output) };

      if (learnerFailure !== undefined) {
        const { spec, judged } = learnerFailure;
        const p = judged.learnerProblem!;
        const scenario = judged.run.scenario;
        return checks.map((c) => ({
          ...infoOf(c),
          status: p.status,
          message: p.status === 'not-implemented' ? p.message : `in a cluster run, ${p.message}`,
          details: [config.couldNotJudge],
          ...(p.location ? { location: p.location } : {}),
          scenario: scenarioOf(spec, scenario, 0, false),
          replay: encodeReplayToken({ exercise: exerciseId, scenario: { spec, scenario } }),
          ...consoleField,
        }));
      }

      const passedDetails = notes ? await notes.finish(firstFailure.size === 0 && harnessBug === undefined) : () => [];
      const results: CheckResult[] = [];
      for (const c of checks) {
        const info = infoOf(c);
        if (harnessBug?.property === c.property) {
          const { spec, judged } = harnessBug;
          // Run it again with every message recorded when the timeline of the report needs them.
          results.push(harnessBugResult(info, spec, config.untracedLacksTimeline ? await config.runJudged(ctx, config.build(spec), true) : judged));
          continue;
        }
        const at = firstFailure.get(c.property);
        if (at === undefined) {
          results.push({ ...info, status: 'passed', message: '', details: passedDetails(c.property), ...consoleField });
          continue;
        }
        results.push({ ...(await shrinkAndReport(ctx, c.property, at, info)), ...consoleField });
      }
      return results;
    },
    async trace(ctx: CheckContext, payload: unknown) {
      return presentRun(config.present, (await config.runJudged(ctx, replayed(payload).scenario, true)).run);
    },
  };
}
