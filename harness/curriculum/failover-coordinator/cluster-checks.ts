/**
 * Cluster checks: the reference cluster runs with the learner's coordinator decisions under many
 * generated fault schedules, and five properties judge each run. A violation is the learner's only
 * when one of their decisions in that run was outside the acceptable set; otherwise it is a harness
 * bug and is reported as one.
 */
import { checkFailoverRun, FAILOVER_PROPERTIES, type FailoverPropertyName, type FailoverVerdict } from '../../checkers/index.ts';
import { runFailoverCluster, type DecisionRecord, type FailoverDecider, type FailoverRun, type FailoverScenario } from '../../cluster/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import { checkPerProperty, scenarioCheckGroup, verdictFocus, type LearnerProblem, type ScenarioCheck } from '../scenario-checks.ts';
import type { LearnerCaller } from '../learner-call.ts';
import { learnerSession, type LearnerSession } from '../learner-session.ts';
import type { StatedExpectation } from '../expectation.ts';
import { FAILOVER_DECISIONS, judgeDecisionAnswer } from './acceptable.ts';
import { failoverTimeline } from './failover-timeline.ts';
import { failoverPresenter } from './present.ts';
import { buildScenario, describeSpec, failoverSchedule, hiddenScenarioSpecArbitrary, scenarioSpecArbitrary } from './scenarios.ts';

/** The replay format of this exercise's tokens: raise it when its scenarios change. */
export const FAILOVER_REPLAY_FORMAT = 1;

const CHECKS: readonly ScenarioCheck<FailoverPropertyName>[] = checkPerProperty(FAILOVER_PROPERTIES);

/** One cluster run judged: its verdicts and the first decision outside the acceptable set. */
export interface JudgedRun {
  readonly run: FailoverRun;
  readonly verdicts: readonly FailoverVerdict[];
  readonly firstBadDecision?: { readonly record: DecisionRecord; readonly t: number; readonly text: string; readonly expected: StatedExpectation };
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
    const problem = judgeDecisionAnswer(record.view, { safe: record.verdict.safe, ...(record.election ? { election: record.election } : {}) });
    if (problem !== null) {
      firstBadDecision = { record, t: e.t, text: `at t=${e.t} ms (round ${record.round}) ${problem.text}`, expected: problem.expected };
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

export const failoverClusterChecks: CheckGroup = scenarioCheckGroup({
  format: FAILOVER_REPLAY_FORMAT,
  checks: CHECKS,
  tiers: ['public', 'hidden'],
  // The scenarios a tier draws from: the instructor's hidden tier has its own, nastier mix.
  specs: (ctx) => (ctx.tier === 'hidden' ? hiddenScenarioSpecArbitrary : scenarioSpecArbitrary),
  build: buildScenario,
  runJudged,
  untracedLacksTimeline: true,
  present: failoverPresenter,
  firstBad: (judged) => judged.firstBadDecision,
  acceptableSets: [FAILOVER_DECISIONS],
  failureOf: (judged, verdict) => ({
    details: verdict.info,
    timeline: failoverTimeline(judged.run, [...verdictFocus(verdict), ...(judged.firstBadDecision ? [{ t: judged.firstBadDecision.t, node: 'coordinator' }] : [])]),
  }),
  describe: (spec, scenario) => ({
    parameters: describeSpec(spec),
    schedule: failoverSchedule(scenario),
  }),
  couldNotJudge: 'the cluster could not be judged: its coordinator had no usable decision.',
  answerNoun: 'decision',
  statelessAdvice: 'make validateSafeFailover and electNewLeader depend only on the view they are given',
  passedNotes: (ctx) => {
    // Information a property noted in passing runs: how many runs, and the first example.
    const notes = new Map<FailoverPropertyName, { runs: number; example: string }>();
    return {
      observe(judged) {
        for (const v of judged.verdicts) {
          if (v.info.length === 0) continue;
          const noted = notes.get(v.property);
          notes.set(v.property, { runs: (noted?.runs ?? 0) + 1, example: noted?.example ?? v.info[0]! });
        }
      },
      async finish() {
        return (check) => {
          const noted = notes.get(check.properties[0]!);
          return noted ? [`noted in ${noted.runs} of ${ctx.schedules} runs (information, not a failure), e.g.: ${noted.example}`] : [];
        };
      },
    };
  },
});

/** The coordinator's decider backed by learner calls: each round's questions share the round's seed tag. */
function learnerDecider(call: LearnerCaller, seed: number): FailoverDecider & Pick<LearnerSession, 'problem' | 'console'> {
  const session = learnerSession(call, seed);
  return {
    validateSafeFailover: (view, c) => session.ask('validateSafeFailover', [view], { now: c.now, key: c.round }),
    electNewLeader: (view, c) => session.ask('electNewLeader', [view], { now: c.now, key: c.round }),
    problem: session.problem,
    console: session.console,
  };
}
