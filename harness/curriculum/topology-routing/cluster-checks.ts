/**
 * The topology-routing cluster checks: the multi-leader cluster runs with the learner's `route` and
 * `canApply` on every leader under generated scenarios, one check per property. A violation is the
 * learner's when some answer in that run was outside its acceptable set; otherwise it is a harness bug.
 */
import { checkTopologyRun, multiLeaderRecord, TOPOLOGY_PROPERTIES, type TopologyPropertyName, type TopologyVerdict } from '../../checkers/index.ts';
import { describeTopology, runMultiLeader, type MultiLeaderRun, type MultiLeaderScenario } from '../../cluster/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import type { StatedExpectation } from '../expectation.ts';
import type { LearnerProblem } from '../learner-session.ts';
import { checkPerProperty, scenarioCheckGroup, verdictFocus } from '../scenario-checks.ts';
import { buildTimeline } from '../timeline.ts';
import { multiLeaderSchedule } from '../workloads/multi-leader/spec.ts';
import { CANAPPLY_ANSWERS, judgeCanApply, judgeRoute, ROUTE_ANSWERS } from './acceptable.ts';
import { learnerTopologyHooks } from './hooks.ts';
import { topologyRoutingPresenter } from './present.ts';
import { buildTopologyScenario, describeTopologySpec, hiddenTopologySpecArbitrary, topologySpecArbitrary, type TopologySpec } from './scenarios.ts';

/** The replay format of this exercise's tokens: raise it when its scenarios change. */
export const TOPOLOGY_REPLAY_FORMAT = 1;

export interface JudgedTopologyRun {
  readonly run: MultiLeaderRun;
  readonly verdicts: readonly TopologyVerdict[];
  readonly firstBad?: { readonly t: number; readonly node: string; readonly text: string; readonly expected: StatedExpectation };
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

/** The first answer of the run outside its acceptable set, in words. */
export function firstBadAnswer(run: Pick<MultiLeaderRun, 'notes'>): JudgedTopologyRun['firstBad'] {
  for (const c of multiLeaderRecord(run).calls) {
    const wrong = c.fn === 'route' ? judgeRoute({ update: c.info, self: c.node, topology: c.topology }, c.answer) : judgeCanApply({ update: c.deps, applied: c.applied }, c.answer);
    if (wrong !== null) return { t: c.t, node: c.node, text: `at t=${c.t} ms ${c.node} was asked ${wrong.text}`, expected: wrong.expected };
  }
  return undefined;
}

export async function runJudgedTopology(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: MultiLeaderScenario, trace = true): Promise<JudgedTopologyRun> {
  const hooks = learnerTopologyHooks(ctx.call, scenario.seed);
  const run = await runMultiLeader(scenario, hooks, { hostYield: ctx.hostYield, trace });
  const firstBad = firstBadAnswer(run);
  const stop = run.stoppedBy;
  const learnerProblem: LearnerProblem | undefined = hooks.problem() ?? (stop?.kind === 'learner' ? { status: 'failed', message: `at t=${stop.t} ms ${stop.node}: ${stop.problem}` } : undefined);
  return { run, verdicts: checkTopologyRun(run), ...(firstBad ? { firstBad } : {}), ...(learnerProblem ? { learnerProblem } : {}), console: hooks.console() };
}

const CHECKS = checkPerProperty<TopologyPropertyName>(TOPOLOGY_PROPERTIES);

export const topologyClusterChecks: CheckGroup = scenarioCheckGroup<TopologySpec, MultiLeaderScenario, TopologyPropertyName, JudgedTopologyRun>({
  format: TOPOLOGY_REPLAY_FORMAT,
  checks: CHECKS,
  tiers: ['public', 'hidden'],
  specs: (ctx) => (ctx.tier === 'hidden' ? hiddenTopologySpecArbitrary : topologySpecArbitrary),
  build: buildTopologyScenario,
  runJudged: (ctx, scenario, trace) => runJudgedTopology(ctx, scenario, trace),
  untracedLacksTimeline: true,
  present: topologyRoutingPresenter,
  firstBad: (judged) => judged.firstBad,
  acceptableSets: [ROUTE_ANSWERS, CANAPPLY_ANSWERS],
  failureOf: (judged, verdict) => ({
    details: [...verdict.info],
    timeline: buildTimeline(judged.run.trace, {
      lanes: topologyRoutingPresenter.lanes(judged.run),
      presenter: topologyRoutingPresenter,
      focus: [...verdictFocus(verdict), ...(judged.firstBad ? [{ t: judged.firstBad.t, node: judged.firstBad.node }] : [])],
      maxEntries: 60,
    }),
  }),
  describe: (spec, scenario) => ({
    parameters: `${describeTopologySpec(spec)}; ${describeTopology(scenario.topology)}`,
    schedule: multiLeaderSchedule(scenario),
  }),
  couldNotJudge: 'the cluster could not be judged: a leader had no usable answer from route or canApply.',
  answerNoun: 'answer',
  statelessAdvice: 'make route and canApply depend only on their arguments',
  passedNotes: (ctx) => {
    // Lessons measured over the passing runs, per topology kind (information, never a failure).
    const sums = new Map<string, Record<string, number>>();
    let lost: { runs: number; example: string } | undefined;
    return {
      observe(judged) {
        const kind = judged.run.scenario.topology.kind;
        for (const v of judged.verdicts) {
          if (!v.ok || v.counts === undefined) continue;
          const key = `${v.property}:${kind}`;
          const sum = sums.get(key) ?? {};
          for (const [k, n] of Object.entries(v.counts)) sum[k] = (sum[k] ?? 0) + n;
          sums.set(key, { ...sum, runs: (sum.runs ?? 0) + 1 });
          const lostLine = v.info.find((line) => line.includes('lost with it'));
          if (lostLine !== undefined) lost = { runs: (lost?.runs ?? 0) + 1, example: lost?.example ?? lostLine };
        }
      },
      async finish() {
        return (check) => {
          const property = check.properties[0]!;
          const lines = KINDS.flatMap((kind) => {
            const s = sums.get(`${property}:${kind}`);
            return s === undefined ? [] : [lessonLine(property, kind, s)].filter((l): l is string => l !== undefined);
          });
          if (property === 'every-update-everywhere' && lost) lines.push(`${lost.example} (in ${lost.runs} of ${ctx.schedules} runs)`);
          return lines;
        };
      },
    };
  },
});

const KINDS = ['circular', 'star', 'all-to-all'] as const;

/** One passed check's lesson for one topology kind, from the counts summed over its runs. */
function lessonLine(property: TopologyPropertyName, kind: string, s: Record<string, number>): string | undefined {
  const runs = `${s.runs} run${s.runs === 1 ? '' : 's'}`;
  switch (property) {
    case 'causal-order':
      return `${kind} (${runs}, ${s.updates ?? 0} updates): a leader held back an update that arrived before one it depends on ${s.waited ?? 0} times${s.waited ? `, for ${Math.round((s.waitMs ?? 0) / s.waited)} ms on average` : ''}`;
    case 'no-loop':
      return s.updates ? `${kind} (${runs}): ${((s.messages ?? 0) / s.updates).toFixed(1)} messages per update` : undefined;
    case 'every-update-everywhere':
      return s.reached ? `${kind} (${runs}): an update reached every live leader ${Math.round((s.reachMs ?? 0) / s.reached)} ms after it was written, on average` : undefined;
    default:
      return undefined;
  }
}
