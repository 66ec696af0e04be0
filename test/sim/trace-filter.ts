/** Picks the events of one kind out of a trace, typed as that kind. */
import type { TraceEvent, TraceEventKind } from '../../harness/sim/index.ts';

export type EventOf<K extends TraceEventKind> = Extract<TraceEvent, { kind: K }>;

/** The events of `kind` in `trace`, in order. */
export function eventsOf<K extends TraceEventKind>(trace: Iterable<TraceEvent>, kind: K): Array<EventOf<K>> {
  const out: Array<EventOf<K>> = [];
  for (const e of trace) if (e.kind === kind) out.push(e as EventOf<K>);
  return out;
}

/** The kinds of every event in `trace`, in order: a compact picture of what happened. */
export function kindsOf(trace: Iterable<TraceEvent>): TraceEventKind[] {
  return [...trace].map((e) => e.kind);
}
