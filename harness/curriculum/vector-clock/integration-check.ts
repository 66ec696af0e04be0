/**
 * The vector-clock exercise's integration check: the siblings store runs with the reference
 * concurrent-writes algorithm, but every clock comparison, merge and increment is the learner's. If
 * the clocks are right, the store keeps every concurrent write and drops every overwritten one.
 */
import {
  clockBackedSiblingLogic,
  clockProblem,
  compareClocks,
  incrementClock,
  mergeClocks,
  runSiblingStore,
  showClock,
  showExact,
  type ClockOps,
  type HookOutcome,
  type SiblingLogic,
  type SiblingScenario,
} from '../../cluster/index.ts';
import type { Ordering, VectorClock } from '../../exercise/index.ts';
import type { CheckContext } from '../check.ts';
import { siblingClusterGroup, type JudgedSiblingRun } from '../workloads/siblings/sibling-checks.ts';
import { learnerSession } from '../learner-session.ts';
import { callNotes, checkSiblingRun, SIBLING_PROPERTIES } from '../../checkers/index.ts';
import type { AcceptableSet, StatedExpectation } from '../expectation.ts';
import { statedBy } from '../expectation.ts';
import { CLOCK_ANSWER_SETS, COMPARE_ANSWERS, INCREMENT_ANSWERS, MERGE_ANSWERS } from './clock-acceptable.ts';
import { vectorClockPresenter } from './present.ts';

/** Runs the store on the learner's clock operations and judges the run. */
export async function runJudgedWithLearnerClock(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: SiblingScenario): Promise<JudgedSiblingRun> {
  // A clock function's answer depends only on its arguments, so each distinct question is asked once per run.
  const caller = learnerSession(ctx.call, scenario.seed, { memo: true });
  let logicCalls = 0;
  let firstWrong: { logicCall: number; text: string; expected: StatedExpectation } | undefined;
  // Judged by the same acceptable sets as the laws; the stated answer is the reference's.
  const ask = async <T>(fn: 'compare' | 'merge' | 'increment', args: readonly unknown[], valid: (x: unknown) => string | null, set: AcceptableSet<never, unknown>, want: T): Promise<HookOutcome<T>> => {
    const answer = await caller.ask(fn, [...args], { now: 0 });
    const problem = answer.ok ? valid(answer.value) : null;
    const outcome: HookOutcome<unknown> = problem === null ? answer : { ok: false, problem: `${fn}(${args.map(showArg).join(', ')}) returned ${problem}` };
    if (outcome.ok && !set.accepts(args as never, outcome.value) && firstWrong === undefined)
      firstWrong = {
        logicCall: logicCalls,
        text: `${fn}(${args.map(showArg).join(', ')}) and you returned ${showArg(outcome.value)}; acceptable: ${showArg(want)}`,
        expected: statedBy(set, args as never, outcome.value, [want]),
      };
    return outcome as HookOutcome<T>;
  };
  const ORDERINGS = ['before', 'after', 'equal', 'concurrent'];
  const clock: ClockOps = {
    compare: (a, b) => ask<Ordering>('compare', [a, b], (x) => (ORDERINGS.includes(x as string) ? null : `${showExact(x)}, not an ordering`), COMPARE_ANSWERS, compareClocks(a, b)),
    merge: (a, b) => ask<VectorClock>('merge', [a, b], clockProblem, MERGE_ANSWERS, mergeClocks(a, b)),
    increment: (c, node) => ask<VectorClock>('increment', [c, node], clockProblem, INCREMENT_ANSWERS, incrementClock(c, node)),
  };
  const inner = clockBackedSiblingLogic(clock);
  const counted = <A extends unknown[]>(f: (...a: A) => Promise<HookOutcome<unknown>>) => async (...a: A) => {
    const r = await f(...a);
    if (r.ok) logicCalls++;
    return r;
  };
  const logic: SiblingLogic = {
    applyWrite: counted(inner.applyWrite),
    mergeReplicas: counted(inner.mergeReplicas),
    readContext: counted(inner.readContext),
  };
  const run = await runSiblingStore(scenario, logic, { hostYield: ctx.hostYield });
  const problem = caller.problem() ?? (run.stoppedBy !== undefined ? { status: 'failed' as const, message: `at t=${run.stoppedBy.t} ms ${run.stoppedBy.node}: ${run.stoppedBy.problem}` } : undefined);
  let firstBadCall: JudgedSiblingRun['firstBadCall'];
  if (firstWrong !== undefined) {
    const at = callNotes(run)[firstWrong.logicCall];
    const { expected } = firstWrong;
    firstBadCall = at
      ? { t: at.t, node: at.node, text: `at t=${at.t} ms ${at.node}'s ${at.note.fn} asked ${firstWrong.text}`, expected }
      : { t: run.endsAt, node: run.replicas[0]!, text: `during the run, a replica asked ${firstWrong.text}`, expected };
  }
  return { run, verdicts: checkSiblingRun(run), ...(firstBadCall ? { firstBadCall } : {}), ...(problem ? { learnerProblem: problem } : {}), console: caller.console() };
}

function showArg(x: unknown): string {
  if (typeof x === 'string') return `'${x}'`;
  if (typeof x === 'object' && x !== null && clockProblem(x) === null) return showClock(x as VectorClock);
  return showExact(x);
}

export const vectorClockIntegrationCheck = siblingClusterGroup({
  format: 1,
  checks: [
    {
      id: 'cluster-detects-concurrent-writes',
      title: 'Cluster: a replicated store using your clocks keeps concurrent writes and drops overwritten ones',
      weight: 3,
      properties: SIBLING_PROPERTIES.map((p) => p.name),
    },
  ],
  runJudged: runJudgedWithLearnerClock,
  functions: 'increment, merge and compare',
  acceptableSets: CLOCK_ANSWER_SETS,
  present: vectorClockPresenter,
});
