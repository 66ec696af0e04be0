/**
 * The concurrent-writes exercise's cluster checks: the siblings store runs with the learner's
 * applyWrite, mergeReplicas and readContext on every replica, one check per property.
 */
import { runSiblingStore, type SiblingLogic, type SiblingScenario } from '../../cluster/index.ts';
import type { CheckContext } from '../check.ts';
import { firstBadCall } from './acceptable-calls.ts';
import { concurrentWritesPresenter } from './present.ts';
import { recordingCaller, siblingClusterGroup, type JudgedSiblingRun, type SiblingCheck } from './sibling-cluster-checks.ts';
import { checkSiblingRun, SIBLING_PROPERTIES } from './sibling-properties.ts';

export const CONCURRENT_WRITES_EXERCISE_ID = 'concurrent-writes';

const CHECKS: readonly SiblingCheck[] = SIBLING_PROPERTIES.map((p) => ({ id: `cluster-${p.name}`, title: `Cluster: ${p.title}`, weight: 2, properties: [p.name] }));

/** Runs the store with the learner's functions on every replica and judges the run. */
export async function runJudgedConcurrentWrites(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: SiblingScenario): Promise<JudgedSiblingRun> {
  const caller = recordingCaller(ctx.call, scenario.seed);
  let now = 0;
  const logic: SiblingLogic = {
    applyWrite: (siblings, value, context, node) => caller.ask('applyWrite', [siblings, value, context, node], now),
    mergeReplicas: (a, b) => caller.ask('mergeReplicas', [a, b], now),
    readContext: (siblings) => caller.ask('readContext', [siblings], now),
  };
  const run = await runSiblingStore(scenario, logic, { hostYield: ctx.hostYield });
  now = run.endsAt;
  const bad = firstBadCall(run);
  const problem = caller.problem() ?? (run.stoppedBy !== undefined ? { status: 'failed' as const, message: `at t=${run.stoppedBy.t} ms ${run.stoppedBy.node}: ${run.stoppedBy.problem}` } : undefined);
  return { run, verdicts: checkSiblingRun(run), ...(bad ? { firstBadCall: bad } : {}), ...(problem ? { learnerProblem: problem } : {}), console: caller.console() };
}

export const concurrentWritesClusterChecks = siblingClusterGroup({
  exercise: CONCURRENT_WRITES_EXERCISE_ID,
  checks: CHECKS,
  runJudged: runJudgedConcurrentWrites,
  functions: 'applyWrite, mergeReplicas and readContext',
  present: concurrentWritesPresenter,
});
