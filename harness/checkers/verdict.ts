/**
 * The outcome of checking one property of a run. Checkers return verdicts as values; renderers turn
 * them into text, timelines or reports, so a verdict carries its own plain-words explanation and the
 * events it points at rather than a pre-rendered message.
 */

/** The properties a failover run is checked for, one checker each. */
export type PropertyName =
  | 'no-lost-acked-write'
  | 'one-leader-per-epoch'
  | 'committed-prefix-agreement'
  | 'liveness'
  | 'no-unnecessary-failover';

/** An event a verdict points at, for timelines and highlighting. */
export interface EventRef {
  t: number;
  node?: string;
  what: string;
}

/** Whether a run has one property, and if not, why, in words a learner can follow. */
export interface Verdict {
  property: PropertyName;
  ok: boolean;
  /** Plain words: what was expected, what happened, naming events (times in ms, node ids, write ids). Empty string when ok. */
  explanation: string;
  /** The events involved in the first violation (empty when ok). */
  events: EventRef[];
  /** Information that is not a failure (e.g. failovers while the old leader was alive but unheard). */
  info: string[];
}

/** A verdict for a property that holds; `info` still reports what is worth knowing. Paired with `violated`. */
export function satisfied(property: PropertyName, info: string[] = []): Verdict {
  return { property, ok: true, explanation: '', events: [], info };
}

/**
 * A verdict for a property that does not hold. Only the first violation is explained: later ones are
 * often consequences of it, and one clear story helps more than a list. Paired with `satisfied`.
 */
export function violated(property: PropertyName, explanation: string, events: EventRef[], info: string[] = []): Verdict {
  return { property, ok: false, explanation, events, info };
}
