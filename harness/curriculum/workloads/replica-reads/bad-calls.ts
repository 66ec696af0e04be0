/**
 * A replica-read run's calls outside their acceptable sets, and the one a failure names (design
 * §0.2): the first among the functions the broken property depends on, else the first of any. A
 * session update (afterWrite, afterRead) is judged through the calls that use its session, so it
 * never appears here itself; those calls' texts say which update made the session.
 */
import type { Verdict } from '../../../checkers/index.ts';
import type { TraceEvent } from '../../../sim/index.ts';
import type { StatedExpectation } from '../../expectation.ts';
import type { Presenter } from '../../presenter.ts';
import { verdictFocus } from '../../scenario-checks.ts';
import { buildTimeline } from '../../timeline.ts';

/** One call outside its set: when, whose device, which function, why, and what a correct proxy answers. */
export interface BadCall {
  readonly t: number;
  readonly node: string;
  readonly fn: string;
  readonly text: string;
  readonly expected?: StatedExpectation;
}

/** The functions each property's verdict depends on. */
export type DependsOn<P extends string> = Readonly<Record<P, readonly string[]>>;

/** The first bad call relevant to `property` (any property: the first of all), else the first of any. */
export function firstBadFor<P extends string>(bad: readonly BadCall[], dependsOn: DependsOn<P>, property?: P): BadCall | undefined {
  const fns = property === undefined ? undefined : dependsOn[property];
  return (fns === undefined ? undefined : bad.find((b) => fns.includes(b.fn))) ?? bad[0];
}

/**
 * A scenario group's `firstBad` and `failureOf` for a replica-read run: the first bad call relevant
 * to the broken property, and the timeline lit at the verdict's events and at that call.
 */
export function badCallReporting<P extends string, Run extends { readonly trace: Iterable<TraceEvent> }>(dependsOn: DependsOn<P>, presenter: Presenter<Run>) {
  type Judged = { readonly run: Run; readonly badCalls: readonly BadCall[] };
  return {
    firstBad: (judged: Judged, property?: P): BadCall | undefined => firstBadFor(judged.badCalls, dependsOn, property),
    failureOf: (judged: Judged, verdict: Verdict<P>) => {
      const bad = firstBadFor(judged.badCalls, dependsOn, verdict.property);
      return {
        details: [...verdict.info],
        timeline: buildTimeline(judged.run.trace, {
          lanes: presenter.lanes(judged.run),
          presenter,
          focus: [...verdictFocus(verdict), ...(bad ? [{ t: bad.t, node: bad.node }] : [])],
          maxEntries: 60,
        }),
      };
    },
  };
}
