/**
 * Cluster checks over the siblings store: the store runs under many generated fault schedules with
 * concurrent clients, the properties judge each run, and a failure shows the shrunk schedule, a
 * replay token, a timeline and the first call outside the acceptable set. A property broken while
 * every call was acceptable is reported as a harness bug. Shared by the concurrent-writes exercise
 * and the vector-clock exercise's integration check; each says how one run is made and judged.
 */
import fc from 'fast-check';
import { describeSchedule, hashSeed } from '../../sim/index.ts';
import type { SiblingRun, SiblingScenario } from '../../cluster/index.ts';
import { answerFailure, capConsole, type CheckContext, type CheckGroup, type CheckInfo, type CheckResult, type CheckStatus } from '../check.ts';
import type { LearnerCaller } from '../learner-call.ts';
import { notReplayedMessage } from '../cluster-check-group.ts';
import { presentRun, type Presenter } from '../presenter.ts';
import { encodeReplayToken } from '../replay-token.ts';
import { buildSiblingScenario, describeSiblingSpec, siblingScenarioSpecArbitrary, type SiblingScenarioSpec } from './scenarios.ts';
import type { SiblingPropertyName, SiblingVerdict } from './sibling-properties.ts';
import { siblingTimeline } from './sibling-timeline.ts';

/** A learner call that went wrong during a run (the first one). */
export interface LearnerProblem {
  readonly status: CheckStatus;
  readonly message: string;
  readonly location?: string;
}

/** One run judged. */
export interface JudgedSiblingRun {
  readonly run: SiblingRun;
  readonly verdicts: readonly SiblingVerdict[];
  readonly firstBadCall?: { readonly t: number; readonly node: string; readonly text: string };
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

/** One check: which properties it reports (the first broken one is shown). */
export interface SiblingCheck extends CheckInfo {
  readonly properties: readonly SiblingPropertyName[];
}

export interface SiblingClusterGroupConfig {
  readonly exercise: string;
  readonly checks: readonly SiblingCheck[];
  readonly runJudged: (ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: SiblingScenario) => Promise<JudgedSiblingRun>;
  /** Names the functions whose state would make a replay differ ("applyWrite, mergeReplicas and readContext"). */
  readonly functions: string;
  /** How a run is shown, in its failure's timeline and in a diagram of its whole trace. */
  readonly present: Presenter<SiblingRun>;
}

/** A caller that remembers the first failed call and the console output. */
export function recordingCaller(call: LearnerCaller, seed: number) {
  let problem: LearnerProblem | undefined;
  let output = '';
  let n = 0;
  return {
    async ask(fn: string, args: readonly unknown[], now: number): Promise<{ ok: true; value: unknown } | { ok: false; problem: string }> {
      const answer = await call(fn, args, { seed: hashSeed(seed, `${fn}:${n++}`), now });
      if ('console' in answer) output += answer.console;
      const failure = answerFailure(fn, answer);
      if (failure === undefined) return { ok: true, value: (answer as { value: unknown }).value };
      problem ??= failure;
      return { ok: false, problem: failure.message };
    },
    problem: (): LearnerProblem | undefined => problem,
    console: (): string => output,
  };
}

export function siblingClusterGroup(config: SiblingClusterGroupConfig): CheckGroup {
  const { checks, exercise } = config;
  const broken = (judged: JudgedSiblingRun, c: SiblingCheck): SiblingVerdict | undefined =>
    judged.verdicts.find((v) => !v.ok && c.properties.includes(v.property));

  const failureResult = (info: CheckInfo, verdict: SiblingVerdict, spec: SiblingScenarioSpec, judged: JudgedSiblingRun, shrinkRuns: number, capped: boolean): CheckResult => ({
    ...info,
    status: 'failed',
    message: verdict.explanation,
    details: [...verdict.info],
    scenario: scenarioOf(spec, judged.run.scenario, shrinkRuns, capped),
    replay: encodeReplayToken({ exercise, scenario: { spec, scenario: judged.run.scenario } }),
    ...(judged.firstBadCall ? { firstBadDecision: judged.firstBadCall.text } : {}),
    timeline: siblingTimeline(judged.run, [...verdict.events.map((e) => ({ t: e.t, ...(e.node ? { node: e.node } : {}) })), ...(judged.firstBadCall ? [{ t: judged.firstBadCall.t, node: judged.firstBadCall.node }] : [])], config.present),
  });
  const harnessBugResult = (info: CheckInfo, verdict: SiblingVerdict, spec: SiblingScenarioSpec, judged: JudgedSiblingRun): CheckResult => ({
    ...failureResult(info, verdict, spec, judged, 0, false),
    status: 'harness-bug',
    message: `internal error (harness bug): "${verdict.explanation}" although every answer of yours was acceptable. This is not your fault; please report it with the replay token.`,
  });
  const problemResults = (p: LearnerProblem, spec: SiblingScenarioSpec, scenario: SiblingScenario, consoleField: object): CheckResult[] =>
    checks.map((c) => ({
      id: c.id,
      title: c.title,
      weight: c.weight,
      status: p.status,
      message: p.status === 'not-implemented' ? p.message : `in a store run, ${p.message}`,
      details: ['the store could not be judged: a replica had no usable answer.'],
      ...(p.location ? { location: p.location } : {}),
      scenario: scenarioOf(spec, scenario, 0, false),
      replay: encodeReplayToken({ exercise, scenario: { spec, scenario } }),
      ...consoleField,
    }));

  async function shrinkAndReport(ctx: CheckContext, c: SiblingCheck, index: number): Promise<CheckResult> {
    const info = { id: c.id, title: c.title, weight: c.weight };
    let best: { spec: SiblingScenarioSpec; judged: JudgedSiblingRun } | undefined;
    let runs = 0;
    let capped = false;
    const started = ctx.wallClockMs();
    await fc.check(
      fc.asyncProperty(siblingScenarioSpecArbitrary, async (spec) => {
        if (runs >= ctx.shrink.maxRuns || ctx.wallClockMs() - started > ctx.shrink.maxMs) {
          capped = true;
          return true;
        }
        runs++;
        const judged = await config.runJudged(ctx, buildSiblingScenario(spec));
        const fails = judged.learnerProblem === undefined && judged.firstBadCall !== undefined && broken(judged, c) !== undefined;
        if (fails) best = { spec, judged };
        return !fails;
      }),
      { seed: ctx.seed, path: String(index), numRuns: ctx.schedules },
    );
    if (best === undefined)
      return {
        ...info,
        status: 'failed',
        message: 'your code keeps state between calls (module-level variables): the same scenario failed once and passed when run again',
        details: [`make ${config.functions} depend only on their arguments`],
      };
    const reloaded = await ctx.reload();
    const fresh = reloaded ? await config.runJudged(ctx, buildSiblingScenario(best.spec)) : undefined;
    const stateful = fresh === undefined || fresh.firstBadCall === undefined || broken(fresh, c) === undefined;
    const shown = stateful ? best.judged : fresh;
    const result = failureResult(info, broken(shown, c)!, best.spec, shown, runs, capped);
    if (!stateful) return result;
    return { ...result, message: notReplayedMessage(result.message, reloaded) };
  }

  return {
    checks: checks.map(({ id, title, weight }) => ({ id, title, weight })),
    async run(ctx: CheckContext): Promise<CheckResult[]> {
      if (ctx.replay !== undefined) {
        const { spec, scenario } = replayed(ctx.replay);
        const judged = await config.runJudged(ctx, scenario);
        if (judged.learnerProblem) return problemResults(judged.learnerProblem, spec, scenario, {});
        return checks.map((c) => {
          const info = { id: c.id, title: c.title, weight: c.weight };
          const v = broken(judged, c);
          if (v === undefined) return { ...info, status: 'passed' as const, message: '', details: [] };
          return judged.firstBadCall === undefined ? harnessBugResult(info, v, spec, judged) : failureResult(info, v, spec, judged, 0, false);
        });
      }
      const firstFailure = new Map<string, number>();
      let learnerFailure: { spec: SiblingScenarioSpec; judged: JudgedSiblingRun } | undefined;
      let harnessBug: { check: string; verdict: SiblingVerdict; spec: SiblingScenarioSpec; judged: JudgedSiblingRun } | undefined;
      const info = new Map<string, { runs: number; example: string }>();
      let index = -1;
      let output = '';
      await fc.check(
        fc.asyncProperty(siblingScenarioSpecArbitrary, async (spec) => {
          index++;
          if (learnerFailure !== undefined) return true;
          const judged = await config.runJudged(ctx, buildSiblingScenario(spec));
          output += judged.console;
          if (judged.learnerProblem !== undefined) {
            learnerFailure = { spec, judged };
            return true;
          }
          for (const c of checks) {
            for (const v of judged.verdicts) if (v.ok && v.info.length > 0 && c.properties.includes(v.property)) {
              const noted = info.get(c.id);
              info.set(c.id, { runs: (noted?.runs ?? 0) + 1, example: noted?.example ?? v.info[0]! });
            }
            const v = broken(judged, c);
            if (v === undefined || firstFailure.has(c.id)) continue;
            if (judged.firstBadCall === undefined) harnessBug ??= { check: c.id, verdict: v, spec, judged };
            else firstFailure.set(c.id, index);
          }
          return true;
        }),
        { seed: ctx.seed, numRuns: ctx.schedules },
      );
      const consoleField = output === '' ? {} : { console: capConsole(output) };
      if (learnerFailure !== undefined) return problemResults(learnerFailure.judged.learnerProblem!, learnerFailure.spec, learnerFailure.judged.run.scenario, consoleField);
      const results: CheckResult[] = [];
      for (const c of checks) {
        const base = { id: c.id, title: c.title, weight: c.weight };
        if (harnessBug?.check === c.id) {
          results.push(harnessBugResult(base, harnessBug.verdict, harnessBug.spec, harnessBug.judged));
          continue;
        }
        const at = firstFailure.get(c.id);
        if (at === undefined) {
          const noted = info.get(c.id);
          results.push({ ...base, status: 'passed', message: '', details: noted ? [`${noted.example} in ${noted.runs} of ${ctx.schedules} runs`] : [], ...consoleField });
          continue;
        }
        results.push({ ...(await shrinkAndReport(ctx, c, at)), ...consoleField });
      }
      return results;
    },
    async trace(ctx: CheckContext, payload: unknown) {
      return presentRun(config.present, (await config.runJudged(ctx, replayed(payload).scenario)).run);
    },
  };
}

/** The scenario a replay token's payload holds. */
function replayed(payload: unknown): { spec: SiblingScenarioSpec; scenario: SiblingScenario } {
  return payload as { spec: SiblingScenarioSpec; scenario: SiblingScenario };
}

function scenarioOf(spec: SiblingScenarioSpec, scenario: SiblingScenario, shrinkRuns: number, shrinkCapped: boolean) {
  return {
    family: spec.family,
    parameters: describeSiblingSpec(spec),
    schedule: [...describeSchedule(scenario.faults), `t=${scenario.faultPhaseMs}ms recovery: heal, stop loss, resume and restart; anti-entropy carries on`],
    shrinkRuns,
    shrinkCapped,
  };
}
