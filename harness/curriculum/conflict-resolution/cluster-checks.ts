/**
 * The conflict-resolution cluster checks: the multi-leader cluster in `any-order` mode with
 * anti-entropy runs the learner's resolver on every leader, one check per property. A violation is
 * the learner's when some call of that run was outside its acceptable set (tie bookkeeping included);
 * otherwise it is a harness bug. The optional group runs its own scenarios stamped by the learner's
 * `nextTimestamp`, and is skipped when that export is missing.
 */
import fc from 'fast-check';
import { checkConflictRun, CONFLICT_PROPERTIES, conflictRecord, follows, type ConflictPropertyName, type ConflictVerdict } from '../../checkers/index.ts';
import { versionKey } from '../../cluster/index.ts';
import { describeTopology, runMultiLeader, type MultiLeaderRun, type MultiLeaderScenario } from '../../cluster/index.ts';
import type { CheckContext, CheckGroup } from '../check.ts';
import type { LearnerProblem } from '../learner-session.ts';
import { checkPerProperty, scenarioCheckGroup, verdictFocus, type ScenarioCheckGroupConfig } from '../scenario-checks.ts';
import { specParser } from '../spec-parser.ts';
import { buildTimeline } from '../timeline.ts';
import { multiLeaderSchedule } from '../workloads/multi-leader/spec.ts';
import { CONFLICT_ANSWER_SETS } from './acceptable.ts';
import { firstBadCall, type BadCall } from './calls.ts';
import { learnerResolverHooks } from './hooks.ts';
import { conflictResolutionPresenter } from './present.ts';
import { buildConflictScenario, conflictSpecArbitrary, describeConflictSpec, hiddenConflictSpecArbitrary, stampingSpecArbitrary, type ConflictSpec } from './scenarios.ts';

/** The replay format of this exercise's tokens: raise it when its scenarios change. */
export const CONFLICT_REPLAY_FORMAT = 1;

export interface JudgedConflictRun {
  readonly run: MultiLeaderRun;
  readonly verdicts: readonly ConflictVerdict[];
  readonly firstBad?: BadCall;
  readonly learnerProblem?: LearnerProblem;
  readonly missing: boolean;
  readonly console: string;
}

async function runJudged(ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: MultiLeaderScenario, trace: boolean, optional: boolean): Promise<JudgedConflictRun> {
  const hooks = learnerResolverHooks(ctx.call, scenario.seed);
  const run = await runMultiLeader(scenario, hooks, { hostYield: ctx.hostYield, trace });
  const firstBad = firstBadCall(conflictRecord(run).calls.filter((c) => optional || c.fn !== 'nextTimestamp'));
  const stop = run.stoppedBy;
  const learnerProblem: LearnerProblem | undefined = hooks.problem() ?? (stop?.kind === 'learner' ? { status: 'failed', message: `at t=${stop.t} ms ${stop.node}: ${stop.problem}` } : undefined);
  return { run, verdicts: checkConflictRun(run, optional), ...(firstBad ? { firstBad } : {}), ...(learnerProblem ? { learnerProblem } : {}), missing: hooks.missingExport(), console: hooks.console() };
}

type Config = ScenarioCheckGroupConfig<ConflictSpec, MultiLeaderScenario, ConflictPropertyName, JudgedConflictRun>;

// A token is replayed by both groups, so both read every spec either of them makes.
const parseSpec = specParser(fc.oneof(conflictSpecArbitrary, hiddenConflictSpecArbitrary));

const common: Omit<Config, 'checks' | 'specs' | 'build' | 'runJudged'> = {
  format: CONFLICT_REPLAY_FORMAT,
  parseSpec,
  untracedLacksTimeline: true,
  present: conflictResolutionPresenter,
  firstBad: (judged) => judged.firstBad,
  acceptableSets: CONFLICT_ANSWER_SETS,
  failureOf: (judged, verdict) => ({
    details: [...verdict.info],
    timeline: buildTimeline(judged.run.trace, {
      lanes: conflictResolutionPresenter.lanes(judged.run),
      presenter: conflictResolutionPresenter,
      focus: [...verdictFocus(verdict), ...(judged.firstBad ? [{ t: judged.firstBad.t, node: judged.firstBad.node }] : [])],
      maxEntries: 60,
    }),
  }),
  describe: (spec, scenario) => ({ parameters: `${describeConflictSpec(spec)}; ${describeTopology(scenario.topology)}`, schedule: multiLeaderSchedule(scenario) }),
  couldNotJudge: 'the cluster could not be judged: a leader had no usable answer from lastWriteWins, mergeProfiles or nextTimestamp.',
  answerNoun: 'call',
  statelessAdvice: 'make lastWriteWins and mergeProfiles depend only on their arguments',
};

const REQUIRED = CONFLICT_PROPERTIES.filter((p) => p.name !== 'causal-overwrite-wins');

export const conflictClusterChecks: CheckGroup = scenarioCheckGroup<ConflictSpec, MultiLeaderScenario, ConflictPropertyName, JudgedConflictRun>({
  ...common,
  checks: checkPerProperty<ConflictPropertyName>(REQUIRED),
  tiers: ['public', 'hidden'],
  specs: (ctx) => (ctx.tier === 'hidden' ? hiddenConflictSpecArbitrary : conflictSpecArbitrary),
  build: (spec) => buildConflictScenario(spec),
  runJudged: (ctx, scenario, trace) => runJudged(ctx, scenario, trace, false),
  passedNotes: (ctx) => {
    // What LWW discarded, summed over the passing runs (information, never a failure).
    const sum: Record<string, number> = {};
    let example: string | undefined;
    const home = { runs: 0, before: 0, after: 0 };
    return {
      observe(judged) {
        const v = judged.verdicts.find((x) => x.property === 'highest-timestamp-wins');
        if (!v?.ok || v.counts === undefined) return;
        const cut = judged.run.scenario.homeLeader === undefined ? undefined : judged.run.scenario.faults.find((f) => f.fault.kind === 'partition')?.at;
        if (cut !== undefined) {
          const c = concurrentPairs(judged.run, cut);
          home.runs++;
          home.before += c.before;
          home.after += c.after;
        }
        for (const [k, n] of Object.entries(v.counts)) sum[k] = (sum[k] ?? 0) + n;
        sum.runs = (sum.runs ?? 0) + 1;
        example ??= v.info[0];
      },
      async finish() {
        return (check) => {
          if (check.properties[0] !== 'highest-timestamp-wins' || !sum.runs) return [];
          return [
            `over ${sum.runs} of ${ctx.schedules} runs, ${sum.lost ?? 0} of ${sum.versions ?? 0} versions lost to a higher stamp of their field: ${sum.later ?? 0} of them were accepted later in true time than their winner, and ${sum.followed ?? 0} were written after their leader had seen the winner`,
            ...(example ? [`e.g. ${example}`] : []),
            `${sum.acceptedTwice ?? 0} writes were accepted twice, by two leaders (a client re-homed after a lost ack): the re-homing conflict`,
            ...(home.runs > 0 ? [`home-leader (${home.runs} run${home.runs === 1 ? '' : 's'}): ${home.before} pairs of concurrent writes to one field while every client wrote to its home n1, ${home.after} once n1 was cut off and clients moved to their own leaders`] : []),
          ];
        };
      },
    };
  },
});

/** The optional group's share of the schedules: 16 of 40. */
const optionalSchedules = (ctx: CheckContext): number => Math.max(1, Math.round((ctx.schedules * 2) / 5));

export const stampingClusterChecks: CheckGroup = scenarioCheckGroup<ConflictSpec, MultiLeaderScenario, ConflictPropertyName, JudgedConflictRun>({
  ...common,
  checks: [
    {
      id: 'cluster-causal-overwrite-wins',
      title: 'Cluster (optional, unweighted): a write never loses to one it had seen',
      weight: 0,
      properties: ['causal-overwrite-wins'],
      optional: { skip: (judged) => judged.missing, skipped: 'skipped: your file does not export nextTimestamp (optional, unweighted)' },
    },
  ],
  specs: () => stampingSpecArbitrary,
  schedules: optionalSchedules,
  build: (spec) => buildConflictScenario(spec, true),
  runJudged: (ctx, scenario, trace) => runJudged(ctx, scenario, trace, true),
});

/** Pairs of versions of one field neither of which follows the other, both stamped before `cut`, and the others. */
function concurrentPairs(run: JudgedConflictRun['run'], cut: number): { before: number; after: number } {
  const r = conflictRecord(run);
  const versions = [...r.versions.values()];
  let before = 0;
  let after = 0;
  for (const [i, a] of versions.entries())
    for (const b of versions.slice(i + 1)) {
      if (a.field !== b.field || follows(r, a, versionKey(b.version)) || follows(r, b, versionKey(a.version))) continue;
      if (a.t < cut && b.t < cut) before++;
      else after++;
    }
  return { before, after };
}
