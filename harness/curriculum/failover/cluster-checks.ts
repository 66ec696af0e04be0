/**
 * Cluster checks: the reference cluster runs with the learner's coordinator decisions under many
 * generated fault schedules, and five properties judge each run. A violation is the learner's only
 * when one of their decisions in that run was outside the acceptable set; otherwise it is a harness
 * bug and is reported as one.
 */
import fc from 'fast-check';
import { checkFailoverRun, FAILOVER_PROPERTIES, type PropertyName, type Verdict } from '../../checkers/index.ts';
import { runFailoverCluster, type DecisionRecord, type FailoverDecider, type FailoverRun, type FailoverScenario } from '../../cluster/index.ts';
import { describeSchedule, hashSeed } from '../../sim/index.ts';
import { answerFailure, capConsole, type CheckContext, type CheckGroup, type CheckInfo, type CheckResult, type CheckStatus } from '../check.ts';
import type { LearnerCaller } from '../learner-call.ts';
import { encodeReplayToken } from '../replay-token.ts';
import { judgeDecision } from './acceptable.ts';
import { failoverTimeline } from './failover-timeline.ts';
import { buildScenario, describeSpec, hiddenScenarioSpecArbitrary, scenarioSpecArbitrary, type ScenarioSpec } from './scenarios.ts';

export const FAILOVER_EXERCISE_ID = 'failover-coordinator';

const CHECKS: readonly (CheckInfo & { property: PropertyName })[] = FAILOVER_PROPERTIES.map((p) => ({
  id: `cluster-${p.name}`,
  title: `Cluster: ${p.title}`,
  weight: 2,
  property: p.name,
}));

/** What a learner call went wrong with during a run (the first one). */
interface LearnerProblem {
  readonly status: CheckStatus;
  readonly message: string;
  readonly location?: string;
}

/** One cluster run judged: its verdicts and the first decision outside the acceptable set. */
export interface JudgedRun {
  readonly run: FailoverRun;
  readonly verdicts: readonly Verdict[];
  readonly firstBadDecision?: { readonly record: DecisionRecord; readonly t: number; readonly text: string };
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

/** Runs the cluster for one scenario with the learner's decisions and judges the run. */
export async function runJudged(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: FailoverScenario, trace = true): Promise<JudgedRun> {
  const decider = learnerDecider(ctx.call, scenario.seed);
  // Judging needs only notes, faults and the history; message events are recorded for runs a learner sees.
  const run = await runFailoverCluster(scenario, decider, { hostYield: ctx.hostYield, trace });
  const verdicts = checkFailoverRun(run);
  let firstBadDecision: JudgedRun['firstBadDecision'];
  for (const e of run.notes) {
    if (e.kind !== 'note' || e.name !== 'decision') continue;
    const record = e.data as DecisionRecord;
    if (record.problem !== undefined || record.verdict === undefined) continue;
    const problem = judgeDecision(record.view, { safe: record.verdict.safe, ...(record.election ? { election: record.election } : {}) });
    if (problem !== null) {
      firstBadDecision = { record, t: e.t, text: `at t=${e.t} ms (round ${record.round}) ${problem}` };
      break;
    }
  }
  // A malformed answer (no such member, a bad epoch) stops the run without a failed call.
  const learnerProblem: LearnerProblem | undefined =
    decider.problem() ?? (run.stoppedBy?.problem !== undefined ? { status: 'failed', message: `at t=${run.endsAt} ms ${run.stoppedBy.problem}` } : undefined);
  return {
    run,
    verdicts,
    ...(firstBadDecision ? { firstBadDecision } : {}),
    ...(learnerProblem ? { learnerProblem } : {}),
    console: decider.console(),
  };
}

/** The scenarios a tier draws from: the instructor's hidden tier has its own, nastier mix. */
function specsFor(ctx: CheckContext): fc.Arbitrary<ScenarioSpec> {
  return ctx.tier === 'hidden' ? hiddenScenarioSpecArbitrary : scenarioSpecArbitrary;
}

export const failoverClusterChecks: CheckGroup = {
  checks: CHECKS.map(({ id, title, weight }) => ({ id, title, weight })),
  tiers: ['public', 'hidden'],
  async run(ctx: CheckContext): Promise<CheckResult[]> {
    if (ctx.replay !== undefined) return replay(ctx, ctx.replay as ReplayedScenario);
    // First pass: every generated schedule, remembering the first run that breaks each property.
    const firstFailure = new Map<PropertyName, number>();
    let learnerFailure: { index: number; spec: ScenarioSpec; judged: JudgedRun } | undefined;
    let harnessBug: { property: PropertyName; spec: ScenarioSpec; judged: JudgedRun } | undefined;
    const notes = new Map<PropertyName, { runs: number; example: string }>();
    let index = -1;
    let output = '';
    await fc.check(
      fc.asyncProperty(specsFor(ctx), async (spec) => {
        index++;
        if (learnerFailure !== undefined) return true;
        const judged = await runJudged(ctx, buildScenario(spec), false);
        output += judged.console;
        if (judged.learnerProblem !== undefined) {
          learnerFailure = { index, spec, judged };
          return true;
        }
        for (const v of judged.verdicts) {
          if (v.info.length > 0) {
            const noted = notes.get(v.property);
            notes.set(v.property, { runs: (noted?.runs ?? 0) + 1, example: noted?.example ?? v.info[0]! });
          }
          if (v.ok || firstFailure.has(v.property)) continue;
          if (judged.firstBadDecision === undefined) harnessBug ??= { property: v.property, spec, judged };
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
      const scenario = buildScenario(spec);
      return CHECKS.map((c) => ({
        id: c.id,
        title: c.title,
        weight: c.weight,
        status: p.status,
        message: p.status === 'not-implemented' ? p.message : `in a cluster run, ${p.message}`,
        details: ['the cluster could not be judged: its coordinator had no usable decision.'],
        ...(p.location ? { location: p.location } : {}),
        scenario: scenarioOf(spec, scenario, 0, false),
        replay: encodeReplayToken({ exercise: FAILOVER_EXERCISE_ID, scenario: { spec, scenario } }),
        ...consoleField,
      }));
    }

    const results: CheckResult[] = [];
    for (const c of CHECKS) {
      const info = { id: c.id, title: c.title, weight: c.weight };
      if (harnessBug?.property === c.property) {
        // Run it again with every message recorded, for the timeline of the report.
        results.push(harnessBugResult(info, harnessBug.spec, await runJudged(ctx, buildScenario(harnessBug.spec))));
        continue;
      }
      const at = firstFailure.get(c.property);
      if (at === undefined) {
        const noted = notes.get(c.property);
        const details = noted ? [`noted in ${noted.runs} of ${ctx.schedules} runs (information, not a failure), e.g.: ${noted.example}`] : [];
        results.push({ ...info, status: 'passed', message: '', details, ...consoleField });
        continue;
      }
      results.push({ ...(await shrinkAndReport(ctx, c.property, at, info)), ...consoleField });
    }
    return results;
  },
};

interface ReplayedScenario {
  readonly spec: ScenarioSpec;
  readonly scenario: FailoverScenario;
}

/** Runs exactly one scenario from a replay token and reports every property on it. */
async function replay(ctx: CheckContext, replayed: ReplayedScenario): Promise<CheckResult[]> {
  const judged = await runJudged(ctx, replayed.scenario);
  return CHECKS.map((c) => {
    const info = { id: c.id, title: c.title, weight: c.weight };
    const p = judged.learnerProblem;
    if (p) return { ...info, status: p.status, message: p.message, details: [], ...(p.location ? { location: p.location } : {}) };
    const verdict = judged.verdicts.find((v) => v.property === c.property)!;
    if (verdict.ok) return { ...info, status: 'passed' as const, message: '', details: verdict.info };
    if (judged.firstBadDecision === undefined) return harnessBugResult(info, replayed.spec, judged);
    return failureResult(info, verdict, replayed.spec, judged, 0, false);
  });
}

/** Shrinks the failing schedule found at run `index`, replays it in a fresh module, and reports it. */
async function shrinkAndReport(ctx: CheckContext, property: PropertyName, index: number, info: CheckInfo): Promise<CheckResult> {
  let best: { spec: ScenarioSpec; judged: JudgedRun } | undefined;
  let runs = 0;
  let capped = false;
  const started = ctx.wallClockMs();
  await fc.check(
    fc.asyncProperty(specsFor(ctx), async (spec) => {
      if (runs >= ctx.shrink.maxRuns || ctx.wallClockMs() - started > ctx.shrink.maxMs) {
        capped = true;
        return true;
      }
      runs++;
      const judged = await runJudged(ctx, buildScenario(spec), false);
      const broken = judged.learnerProblem === undefined && judged.firstBadDecision !== undefined && judged.verdicts.some((v) => v.property === property && !v.ok);
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
      details: ['make validateSafeFailover and electNewLeader depend only on the view they are given'],
    };
  }
  // Replay in a fresh module: what the learner replays with the token starts from a fresh module too.
  const fresh = (await ctx.reload()) ? await runJudged(ctx, buildScenario(best.spec)) : undefined;
  const freshVerdict = fresh?.verdicts.find((v) => v.property === property);
  const stateful = fresh === undefined || freshVerdict === undefined || freshVerdict.ok || fresh.firstBadDecision === undefined;
  const shown = stateful ? best.judged : fresh;
  const verdict = shown.verdicts.find((v) => v.property === property)!;
  const result = failureResult(info, verdict, best.spec, shown, runs, capped);
  if (!stateful) return result;
  return {
    ...result,
    message: `${result.message} — and your code keeps state between calls (module-level variables): run again in a fresh module, this scenario ${fresh === undefined ? 'could not be loaded' : 'did not fail'}`,
  };
}

function failureResult(info: CheckInfo, verdict: Verdict, spec: ScenarioSpec, judged: JudgedRun, shrinkRuns: number, capped: boolean): CheckResult {
  const scenario = judged.run.scenario;
  return {
    ...info,
    status: 'failed',
    message: verdict.explanation,
    details: verdict.info,
    scenario: scenarioOf(spec, scenario, shrinkRuns, capped),
    replay: encodeReplayToken({ exercise: FAILOVER_EXERCISE_ID, scenario: { spec, scenario } }),
    ...(judged.firstBadDecision ? { firstBadDecision: judged.firstBadDecision.text } : {}),
    timeline: failoverTimeline(judged.run, [...verdict.events.map((e) => ({ t: e.t, ...(e.node ? { node: e.node } : {}) })), ...decisionFocus(judged)]),
  };
}

function harnessBugResult(info: CheckInfo, spec: ScenarioSpec, judged: JudgedRun): CheckResult {
  const verdict = judged.verdicts.find((v) => !v.ok)!;
  return {
    ...failureResult(info, verdict, spec, judged, 0, false),
    status: 'harness-bug',
    message: `internal error (harness bug): "${verdict.explanation}" although every decision of yours was acceptable. This is not your fault; please report it with the replay token.`,
  };
}

function decisionFocus(judged: JudgedRun): { t: number; node?: string }[] {
  return judged.firstBadDecision ? [{ t: judged.firstBadDecision.t, node: 'coordinator' }] : [];
}

function scenarioOf(spec: ScenarioSpec, scenario: FailoverScenario, shrinkRuns: number, shrinkCapped: boolean) {
  return {
    family: spec.family,
    parameters: describeSpec(spec),
    schedule: [
      ...describeSchedule(scenario.faults),
      `t=${scenario.faultPhaseMs}ms recovery: heal, stop loss, resume and restart${scenario.keepDown.length > 0 ? ` (except ${scenario.keepDown.join(', ')}, kept down)` : ''}`,
    ],
    shrinkRuns,
    shrinkCapped,
  };
}

/** The coordinator's decider backed by learner calls; remembers the first problem and the console output. */
function learnerDecider(call: LearnerCaller, seed: number): FailoverDecider & { problem(): LearnerProblem | undefined; console(): string } {
  let problem: LearnerProblem | undefined;
  let output = '';
  const ask = async (fn: 'validateSafeFailover' | 'electNewLeader', view: unknown, c: { round: number; now: number }) => {
    const answer = await call(fn, [view], { seed: hashSeed(seed, `${fn}:${c.round}`), now: c.now });
    if ('console' in answer) output += answer.console;
    const failure = answerFailure(fn, answer);
    if (failure === undefined) return { ok: true as const, value: (answer as { value: unknown }).value };
    problem ??= failure;
    return { ok: false as const, problem: failure.message };
  };
  return {
    validateSafeFailover: (view, c) => ask('validateSafeFailover', view, c),
    electNewLeader: (view, c) => ask('electNewLeader', view, c),
    problem: () => problem,
    console: () => output,
  };
}
