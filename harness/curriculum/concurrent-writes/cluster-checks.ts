/**
 * The concurrent-writes exercise's cluster checks: the siblings store runs with the learner's
 * applyWrite, mergeReplicas and readContext on every replica, one check per property.
 */
import { runSiblingStore, type SiblingLogic, type SiblingScenario } from '../../cluster/index.ts';
import type { CheckContext } from '../check.ts';
import { CALL_ANSWERS, firstBadCall } from './acceptable-calls.ts';
import { learnerSession } from '../learner-session.ts';
import { checkPerProperty } from '../scenario-checks.ts';
import { siblingClusterGroup, type JudgedSiblingRun, type SiblingCheck } from '../workloads/siblings/sibling-checks.ts';
import { checkSiblingRun, SIBLING_PROPERTIES } from '../../checkers/index.ts';
import { concurrentWritesPresenter } from './present.ts';


const CHECKS: readonly SiblingCheck[] = checkPerProperty(SIBLING_PROPERTIES);

/** Runs the store with the learner's functions on every replica and judges the run. */
export async function runJudgedConcurrentWrites(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: SiblingScenario): Promise<JudgedSiblingRun> {
  const caller = learnerSession(ctx.call, scenario.seed);
  // Frozen, as in the decision cases: a function that writes into what the replica passed it throws.
  const at = { now: 0, freezeArgs: true };
  const logic: SiblingLogic = {
    applyWrite: (siblings, value, context, node) => caller.ask('applyWrite', [siblings, value, context, node], at),
    mergeReplicas: (a, b) => caller.ask('mergeReplicas', [a, b], at),
    readContext: (siblings) => caller.ask('readContext', [siblings], at),
  };
  const run = await runSiblingStore(scenario, logic, { hostYield: ctx.hostYield });
  const bad = firstBadCall(run);
  const problem = caller.problem() ?? (run.stoppedBy !== undefined ? { status: 'failed' as const, message: `at t=${run.stoppedBy.t} ms ${run.stoppedBy.node}: ${run.stoppedBy.problem}` } : undefined);
  return { run, verdicts: checkSiblingRun(run), ...(bad ? { firstBadCall: bad } : {}), ...(problem ? { learnerProblem: problem } : {}), console: caller.console() };
}

export const concurrentWritesClusterChecks = siblingClusterGroup({
  format: 1,
  checks: CHECKS,
  runJudged: runJudgedConcurrentWrites,
  functions: 'applyWrite, mergeReplicas and readContext',
  present: concurrentWritesPresenter,
  acceptableSets: [CALL_ANSWERS],
});
