/**
 * Cluster checks: the static-leadership cluster acknowledges by the learner's `ackPosition` under
 * generated scenarios that each end in a disaster within the policy's failure budget, and four
 * properties judge each run. A broken durability or visibility property with every decision inside
 * the acceptable set is a harness bug.
 */
import { plannedRecovery, runStandbyCluster, type StandbyRun, type StandbyScenario } from '../../cluster/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import { checkPerProperty, scenarioCheckGroup, verdictFocus, type LearnerProblem } from '../scenario-checks.ts';
import { describeSpec, scheduleLines } from '../scenario-kit.ts';
import { buildTimeline } from '../timeline.ts';
import type { StatedExpectation } from '../expectation.ts';
import { learnerAckDecider } from './hooks.ts';
import { ackLessons } from './lessons.ts';
import { ackPresenter } from './present.ts';
import { ACK_PROPERTIES, checkAckRun, firstBadDecision, type AckProperty, type AckVerdict } from './properties.ts';
import { describePolicy } from './reference.ts';
import { ackSpecArbitrary, buildAckScenario, hiddenAckSpecArbitrary } from './scenarios.ts';
import { ACK_POSITIONS } from './reference.ts';

export const ACK_REPLAY_FORMAT = 1;

export interface JudgedAckRun {
  readonly run: StandbyRun;
  readonly verdicts: readonly AckVerdict[];
  readonly firstBadDecision?: { readonly t: number; readonly text: string; readonly expected: StatedExpectation };
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

export async function runJudged(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: StandbyScenario, trace = true): Promise<JudgedAckRun> {
  const decider = learnerAckDecider(ctx.call, scenario.seed);
  const run = await runStandbyCluster(scenario, decider, { hostYield: ctx.hostYield, trace });
  const bad = firstBadDecision(run);
  const learnerProblem: LearnerProblem | undefined =
    decider.problem() ?? (run.stoppedBy?.problem !== undefined ? { status: 'failed', message: `at t=${run.endsAt} ms ${run.stoppedBy.problem}` } : undefined);
  return { run, verdicts: checkAckRun(run), ...(bad ? { firstBadDecision: bad } : {}), ...(learnerProblem ? { learnerProblem } : {}), console: decider.console() };
}

export const ackClusterChecks: CheckGroup = scenarioCheckGroup({
  format: ACK_REPLAY_FORMAT,
  checks: checkPerProperty<AckProperty>(ACK_PROPERTIES),
  tiers: ['public', 'hidden'],
  specs: (ctx) => (ctx.tier === 'hidden' ? hiddenAckSpecArbitrary : ackSpecArbitrary),
  build: buildAckScenario,
  runJudged,
  untracedLacksTimeline: true,
  present: ackPresenter,
  firstBad: (judged) => judged.firstBadDecision,
  acceptableSets: [ACK_POSITIONS],
  failureOf: (judged, verdict) => ({
    details: [...verdict.info, `policy: ${describePolicy(judged.run.scenario.policy)}`],
    timeline: buildTimeline(judged.run.trace, {
      lanes: ackPresenter.lanes(judged.run),
      presenter: ackPresenter,
      focus: [...verdictFocus(verdict), ...(judged.firstBadDecision ? [{ t: judged.firstBadDecision.t, node: 'n1' }] : [])],
      maxEntries: 60,
    }),
  }),
  describe: (spec, scenario) => ({
    parameters: `${describeSpec(spec)}; policy ${describePolicy(scenario.policy)}; disaster ${describeDisaster(scenario)}`,
    schedule: scheduleLines(scenario, plannedRecovery(scenario, scenario.policy ? memberIdsOf(scenario) : [])),
  }),
  couldNotJudge: 'the cluster could not be judged: its leader had no usable ack decision.',
  answerNoun: 'decision',
  statelessAdvice: 'make ackPosition depend only on the policy and the view it is given',
  passedNotes: ackLessons,
});

function memberIdsOf(s: StandbyScenario): string[] {
  return Array.from({ length: s.members }, (_, i) => `n${i + 1}`);
}

function describeDisaster(s: StandbyScenario): string {
  const d = s.disaster;
  const when = d.afterNextAck ? `1 ms after the first acknowledgement from t=${d.at} ms` : `at t=${d.at} ms`;
  return `${when}: ${d.lost.length > 0 ? `${d.lost.join(', ')} lost for good` : 'nobody lost'}${d.powerLoss ? ', the others lose power' : ''}`;
}
