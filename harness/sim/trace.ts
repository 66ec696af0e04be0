/**
 * The trace: a typed record of everything that happened in a run, in the order it happened.
 * Checkers read it, renderers draw it, and two runs are compared with it event by event.
 */
import type { Fault } from './faults.ts';

export type DropReason = 'loss' | 'partition' | 'crashed' | 'not-a-node';

export type TraceEvent =
  | { t: number; kind: 'send'; id: number; from: string; to: string; msg: unknown }
  | { t: number; kind: 'deliver'; id: number; from: string; to: string }
  | { t: number; kind: 'drop'; id: number; from: string; to: string; reason: DropReason }
  | { t: number; kind: 'duplicate'; id: number; copy: number; from: string; to: string }
  | { t: number; kind: 'timer'; node: string; name: string }
  | { t: number; kind: 'fault'; fault: Fault }
  /** A protocol-level fact a node chose to record (became leader, committed an entry, …). */
  | { t: number; kind: 'note'; node: string; name: string; data: unknown }
  /** A learner promise still pending at its deadline or at the end of the run. */
  | { t: number; kind: 'never-settled'; node: string; label: string };

export type TraceEventKind = TraceEvent['kind'];

/** Where two traces first differ, or `undefined` when they are identical. */
export interface TraceDivergence {
  index: number;
  left: TraceEvent | undefined;
  right: TraceEvent | undefined;
  explanation: string;
}

/** Anything that lists trace events by index: an array, or the simulator's compact `Trace`. */
export interface TraceLike {
  readonly length: number;
  at(index: number): TraceEvent | undefined;
}

/** Compares two traces event by event (by their JSON form) and reports the first difference. */
export function firstDivergence(left: TraceLike, right: TraceLike): TraceDivergence | undefined {
  const n = Math.max(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const a = left.at(i);
    const b = right.at(i);
    const ja = a === undefined ? undefined : JSON.stringify(a);
    const jb = b === undefined ? undefined : JSON.stringify(b);
    if (ja !== jb) {
      const explanation =
        a === undefined
          ? `the first run ended after ${i} event${i === 1 ? '' : 's'}; the second went on with ${jb}`
          : b === undefined
            ? `the second run ended after ${i} event${i === 1 ? '' : 's'}; the first went on with ${ja}`
            : `event #${i} differs: first run ${ja}, second run ${jb}`;
      return { index: i, left: a, right: b, explanation };
    }
  }
  return undefined;
}
