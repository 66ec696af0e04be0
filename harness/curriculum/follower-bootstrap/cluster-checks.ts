/**
 * Cluster checks: two catch-up followers driven by the learner's functions, under generated
 * scenarios (design §B.3), judged by four properties. A broken property with every call inside its
 * acceptable set is a harness bug.
 */
import { plannedRecovery, runCatchUpCluster, type CatchUpRun, type CatchUpScenario } from '../../cluster/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import type { StatedExpectation } from '../expectation.ts';
import { checkPerProperty, scenarioCheckGroup, verdictFocus, type LearnerProblem } from '../scenario-checks.ts';
import { describeSpec, scheduleLines } from '../scenario-kit.ts';
import { buildTimeline } from '../timeline.ts';
import { learnerCatchUpHooks } from './hooks.ts';
import { bootstrapLessons } from './lessons.ts';
import { bootstrapPresenter } from './present.ts';
import { BOOTSTRAP_PROPERTIES, checkBootstrapRun, firstBadCall, type BootstrapProperty, type BootstrapVerdict } from './properties.ts';
import { CATCH_UP_REQUESTS, FOLLOWER_STATES } from './reference.ts';
import { bootstrapSpecArbitrary, buildBootstrapScenario, hiddenBootstrapSpecArbitrary } from './scenarios.ts';

export const BOOTSTRAP_REPLAY_FORMAT = 1;

export interface JudgedBootstrapRun {
  readonly run: CatchUpRun;
  readonly verdicts: readonly BootstrapVerdict[];
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

export async function runJudged(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: CatchUpScenario, trace = true): Promise<JudgedBootstrapRun> {
  const hooks = learnerCatchUpHooks(ctx.call, scenario.seed);
  const run = await runCatchUpCluster(scenario, hooks, { hostYield: ctx.hostYield, trace });
  const stopped = run.stoppedBy;
  const learnerProblem: LearnerProblem | undefined = hooks.problem() ?? (stopped !== undefined ? { status: 'failed', message: `at t=${run.endsAt} ms ${stopped.node}: ${stopped.problem}` } : undefined);
  return { run, verdicts: checkBootstrapRun(run), ...(learnerProblem ? { learnerProblem } : {}), console: hooks.console() };
}

const MEMBERS = ['n1', 'n2', 'n3', 'r1', 'r2'];

export const bootstrapClusterChecks: CheckGroup = scenarioCheckGroup({
  format: BOOTSTRAP_REPLAY_FORMAT,
  checks: checkPerProperty<BootstrapProperty>(BOOTSTRAP_PROPERTIES),
  tiers: ['public', 'hidden'],
  specs: (ctx) => (ctx.tier === 'hidden' ? hiddenBootstrapSpecArbitrary : bootstrapSpecArbitrary),
  build: buildBootstrapScenario,
  runJudged,
  untracedLacksTimeline: true,
  present: bootstrapPresenter,
  firstBad: (judged, property) => firstBadCall(judged.run, property) as { t: number; text: string; expected: StatedExpectation } | undefined,
  acceptableSets: [FOLLOWER_STATES, CATCH_UP_REQUESTS],
  failureOf: (judged, verdict) => ({
    details: [...verdict.info],
    timeline: buildTimeline(judged.run.trace, {
      lanes: bootstrapPresenter.lanes(judged.run),
      presenter: bootstrapPresenter,
      focus: verdictFocus(verdict),
      maxEntries: 60,
    }),
  }),
  describe: (spec, scenario) => ({
    parameters: `${describeSpec(spec)}; r2 joins at t=${scenario.joinAt} ms; writes stop at t=${scenario.clientsStopAt} ms${scenario.retire ? `; key ${scenario.retire.key} set first, deleted from t=${scenario.retire.at} ms, and written by nothing else` : ''}`,
    schedule: scheduleLines(scenario, plannedRecovery(scenario, MEMBERS)),
  }),
  couldNotJudge: 'the cluster could not be judged: a catch-up follower had no usable answer.',
  answerNoun: 'answer',
  statelessAdvice: 'make applyEntries, installSnapshot and nextRequest depend only on their arguments',
  passedNotes: bootstrapLessons,
});
