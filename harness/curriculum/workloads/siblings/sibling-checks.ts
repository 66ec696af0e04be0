/**
 * Scenario checks over the siblings store: the store runs under generated fault schedules with
 * concurrent clients (the flow of `scenario-checks.ts`), each check reporting one or more sibling
 * properties. Shared by the concurrent-writes exercise and the vector-clock exercise's integration
 * check; each says how one run is made and judged.
 */
import type { SiblingRun, SiblingScenario } from '../../../cluster/index.ts';
import type { CheckContext, CheckGroup } from '../../check.ts';
import type { AcceptableSet, StatedExpectation } from '../../expectation.ts';
import type { LearnerProblem } from '../../learner-session.ts';
import type { Presenter } from '../../presenter.ts';
import { scenarioCheckGroup, verdictFocus, type ScenarioCheck } from '../../scenario-checks.ts';
import { buildSiblingScenario, describeSiblingSpec, siblingSchedule, siblingScenarioSpecArbitrary, type SiblingScenarioSpec } from './scenarios.ts';
import type { SiblingPropertyName, SiblingVerdict } from '../../../checkers/index.ts';
import { siblingTimeline } from './sibling-timeline.ts';


/** One run judged. */
export interface JudgedSiblingRun {
  readonly run: SiblingRun;
  readonly verdicts: readonly SiblingVerdict[];
  readonly firstBadCall?: { readonly t: number; readonly node: string; readonly text: string; readonly expected?: StatedExpectation };
  readonly learnerProblem?: LearnerProblem;
  readonly console: string;
}

/** One check: which properties it reports (the first broken one is shown). */
export type SiblingCheck = ScenarioCheck<SiblingPropertyName>;

export interface SiblingClusterGroupConfig {
  /** The exercise's replay format: raise it when its scenarios change. */
  readonly format: number;
  readonly checks: readonly SiblingCheck[];
  readonly runJudged: (ctx: Pick<CheckContext, 'call' | 'hostYield'>, scenario: SiblingScenario) => Promise<JudgedSiblingRun>;
  /** Names the functions whose state would make a replay differ ("applyWrite, mergeReplicas and readContext"). */
  readonly functions: string;
  /** How a run is shown, in its failure's timeline and in a diagram of its whole trace. */
  readonly present: Presenter<SiblingRun>;
  /** The acceptable sets `runJudged` judges calls by (what a first bad call's `expected` names). */
  readonly acceptableSets: readonly AcceptableSet[];
}

/** The scenario check group over the siblings store, for one exercise's checks and way of running it. */
export function siblingClusterGroup(config: SiblingClusterGroupConfig): CheckGroup {
  const { checks } = config;
  return scenarioCheckGroup<SiblingScenarioSpec, SiblingScenario, SiblingPropertyName, JudgedSiblingRun>({
    format: config.format,
    checks,
    specs: () => siblingScenarioSpecArbitrary,
    build: buildSiblingScenario,
    runJudged: (ctx, scenario) => config.runJudged(ctx, scenario),
    present: config.present,
    acceptableSets: config.acceptableSets,
    firstBad: (judged) => judged.firstBadCall,
    failureOf: (judged, verdict) => ({
      details: [...verdict.info],
      timeline: siblingTimeline(judged.run, [...verdictFocus(verdict), ...(judged.firstBadCall ? [{ t: judged.firstBadCall.t, node: judged.firstBadCall.node }] : [])], config.present),
    }),
    describe: (spec, scenario) => ({
      parameters: describeSiblingSpec(spec),
      schedule: siblingSchedule(scenario),
    }),
    couldNotJudge: 'the store could not be judged: a replica had no usable answer.',
    runNoun: 'store',
    answerNoun: 'answer',
    statelessAdvice: `make ${config.functions} depend only on their arguments`,
    passedNotes: (ctx) => {
      // Information a check's properties noted in passing runs: how many times, and the first example.
      const notes = new Map<string, { runs: number; example: string }>();
      return {
        observe(judged) {
          for (const c of checks)
            for (const v of judged.verdicts) {
              if (!v.ok || v.info.length === 0 || !c.properties.includes(v.property)) continue;
              const noted = notes.get(c.id);
              notes.set(c.id, { runs: (noted?.runs ?? 0) + 1, example: noted?.example ?? v.info[0]! });
            }
        },
        async finish() {
          return (check) => {
            const noted = notes.get(check.id);
            return noted ? [`${noted.example} in ${noted.runs} of ${ctx.schedules} runs`] : [];
          };
        },
      };
    },
  });
}
