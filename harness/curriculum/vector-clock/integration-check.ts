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
import { vectorClockPresenter } from './present.ts';

/** Runs the store on the learner's clock operations and judges the run. */
export async function runJudgedWithLearnerClock(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: SiblingScenario): Promise<JudgedSiblingRun> {
  // A clock function's answer depends only on its arguments, so each distinct question is asked once per run.
  const caller = learnerSession(ctx.call, scenario.seed, { memo: true });
  let logicCalls = 0;
  let firstWrong: { logicCall: number; text: string } | undefined;
  const ask = async <T>(fn: 'compare' | 'merge' | 'increment', args: unknown[], valid: (x: unknown) => string | null, want: T, same: (x: T) => boolean): Promise<HookOutcome<T>> => {
    const answer = await caller.ask(fn, args, { now: 0 });
    const problem = answer.ok ? valid(answer.value) : null;
    const outcome: HookOutcome<unknown> = problem === null ? answer : { ok: false, problem: `${fn}(${args.map((a) => JSON.stringify(a)).join(', ')}) returned ${problem}` };
    if (outcome.ok && !same(outcome.value as T) && firstWrong === undefined)
      firstWrong = { logicCall: logicCalls, text: `${fn}(${args.map(showArg).join(', ')}) and you returned ${showArg(outcome.value)}; acceptable: ${showArg(want)}` };
    return outcome as HookOutcome<T>;
  };
  const ORDERINGS = ['before', 'after', 'equal', 'concurrent'];
  const clock: ClockOps = {
    compare: (a, b) => {
      const want = compareClocks(a, b);
      return ask<Ordering>('compare', [a, b], (x) => (ORDERINGS.includes(x as string) ? null : `${JSON.stringify(x)}, not an ordering`), want, (x) => x === want);
    },
    merge: (a, b) => {
      const want = mergeClocks(a, b);
      return ask<VectorClock>('merge', [a, b], clockProblem, want, (x) => compareClocks(x, want) === 'equal');
    },
    increment: (c, node) => {
      const want = incrementClock(c, node);
      return ask<VectorClock>('increment', [c, node], clockProblem, want, (x) => compareClocks(x, want) === 'equal');
    },
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
    firstBadCall = at ? { t: at.t, node: at.node, text: `at t=${at.t} ms ${at.node}'s ${at.note.fn} asked ${firstWrong.text}` } : { t: run.endsAt, node: run.replicas[0]!, text: `during the run, a replica asked ${firstWrong.text}` };
  }
  return { run, verdicts: checkSiblingRun(run), ...(firstBadCall ? { firstBadCall } : {}), ...(problem ? { learnerProblem: problem } : {}), console: caller.console() };
}

function showArg(x: unknown): string {
  if (typeof x === 'string') return `'${x}'`;
  if (typeof x === 'object' && x !== null && clockProblem(x) === null) return showClock(x as VectorClock);
  return JSON.stringify(x);
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
  present: vectorClockPresenter,
});
