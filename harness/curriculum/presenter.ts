/**
 * How a scenario exercise shows its runs: which lanes (nodes) in which order, and a short label for
 * each message and protocol note. One presenter per exercise serves both the text timeline of a
 * check result and the space-time diagram of the report, so their words are the same.
 */
import type { Fault, TraceEvent } from '../sim/index.ts';

/** One lane of a timeline or diagram: a node id and what its column is headed with. */
export interface Lane {
  readonly id: string;
  readonly label: string;
}

/**
 * A label and whether the event is routine (`quiet`): heartbeats, replication, commits. A diagram
 * draws quiet events faint and unlabelled; a text timeline leaves quiet messages out and lists a
 * quiet note only where a verdict points at it (there are hundreds of both in a run).
 */
export interface Presented {
  readonly label: string;
  readonly quiet: boolean;
}

/** The labels of one exercise's trace events; `lanes` is the run-dependent part of a `Presenter`. */
export interface EventPresenter {
  readonly message: (msg: unknown) => Presented;
  /** Null leaves the note out everywhere (bookkeeping no learner needs to see). */
  readonly note: (name: string, data: unknown) => Presented | null;
  /** How to describe a fault; `describeFault` when absent. */
  readonly fault?: (fault: Fault) => string;
}

/**
 * A message the protocol should have sent in a run and did not (a read repair, a hand-off): a trace
 * holds only what happened, so an absence is invisible unless the exercise names it. A diagram draws
 * it dashed, labelled, at the time it was due.
 */
export interface MissingMessage {
  /** When it was due (ms). */
  readonly t: number;
  readonly from: string;
  readonly to: string;
  /** Short, e.g. `missing repair: k1 to version 32`. */
  readonly label: string;
  /** Why it was due, shown on hover. */
  readonly detail: string;
}

/** One scenario exercise's presenter of its runs (`Run` is its cluster's run type). */
export interface Presenter<Run> extends EventPresenter {
  /** The lanes in order: those of the nodes the learner's code plays first. */
  readonly lanes: (run: Run) => readonly Lane[];
  /** The messages this run should have had and did not, where the exercise can tell from the run. */
  readonly missing?: (run: Run) => readonly MissingMessage[];
}

/** A scenario run again, traced: its whole trace, its lanes and the labels of its events. */
export interface PresentedRun {
  readonly trace: Iterable<TraceEvent>;
  readonly lanes: readonly Lane[];
  readonly presenter: EventPresenter;
  /** Messages due and never sent (the presenter's `missing`); none when it cannot tell. */
  readonly missing?: readonly MissingMessage[];
}

/** Lanes headed by their node ids. */
export function lanesOf(ids: readonly string[]): Lane[] {
  return ids.map((id) => ({ id, label: id }));
}

/** A run presented by `presenter`, for a diagram of its whole trace. */
export function presentRun<Run extends { readonly trace: Iterable<TraceEvent> }>(presenter: Presenter<Run>, run: Run): PresentedRun {
  return { trace: run.trace, lanes: presenter.lanes(run), presenter, missing: presenter.missing?.(run) ?? [] };
}

/** A label drawn and listed. */
export const shown = (label: string): Presented => ({ label, quiet: false });
/** A label for routine traffic: faint in a diagram, listed only where a verdict points at it. */
export const quiet = (label: string): Presented => ({ label, quiet: true });
