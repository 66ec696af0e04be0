/**
 * The outcome of checking one property of a run: the only verdict shape, shared by every workload's
 * checkers. Checkers return verdicts as values; renderers turn them into text, timelines or reports,
 * so a verdict carries its own plain-words explanation and the events it points at rather than a
 * pre-rendered message.
 */

/** An event a verdict points at, for timelines and highlighting. */
export interface EventRef {
  readonly t: number;
  readonly node?: string;
  readonly what: string;
}

/** A property a run is checked for, titled and described for learners. */
export interface Property<P extends string = string> {
  readonly name: P;
  readonly title: string;
  readonly description: string;
}

/** Whether a run has one property, and if not, why, in words a learner can follow. */
export interface Verdict<P extends string = string> {
  readonly property: P;
  readonly ok: boolean;
  /** Plain words: what was expected, what happened, naming events (times in ms, node ids, write ids). Empty string when ok. */
  readonly explanation: string;
  /** The events involved in the first violation (empty when ok). */
  readonly events: readonly EventRef[];
  /** Information that is not a failure (e.g. failovers while the old leader was alive but unheard). */
  readonly info: readonly string[];
  /** Numbers behind `info` (e.g. stale reads seen), so callers need not parse its prose. */
  readonly counts?: Readonly<Record<string, number>>;
  /**
   * Set when the run could not show whether the property holds (it stopped before the state judged
   * existed): why, in plain words. Such a verdict is `ok` (nothing broke) but is counted as not
   * judged, never as a pass. Made by `notJudged`.
   */
  readonly notJudged?: string;
}

/** A verdict for a property that holds; `info` still reports what is worth knowing. Paired with `violated`. */
export function satisfied<P extends string>(property: P, info: readonly string[] = [], counts?: Readonly<Record<string, number>>): Verdict<P> {
  return { property, ok: true, explanation: '', events: [], info, ...(counts ? { counts } : {}) };
}

/** A verdict for a property this run could not judge, and why (e.g. the run stopped early). Neither `satisfied` nor `violated`. */
export function notJudged<P extends string>(property: P, why: string): Verdict<P> {
  return { property, ok: true, explanation: '', events: [], info: [], notJudged: why };
}

/**
 * A verdict for a property that does not hold. Only the first violation is explained: later ones are
 * often consequences of it, and one clear story helps more than a list. Paired with `satisfied`.
 */
export function violated<P extends string>(property: P, explanation: string, events: readonly EventRef[], info: readonly string[] = []): Verdict<P> {
  return { property, ok: false, explanation, events, info };
}
