/**
 * A timeline: the part of a run's trace a learner needs to see, as lanes (one per node) and entries
 * (messages, faults, protocol facts). Renderers draw it as text or SVG; this module only selects, in
 * the words of the exercise's presenter.
 */
import { describeFault, type TraceEvent } from '../sim/index.ts';
import type { EventPresenter, Lane } from './presenter.ts';

export interface TimelineEntry {
  readonly t: number;
  readonly kind: 'message' | 'drop' | 'fault' | 'note';
  /** The lane the entry starts on (a node id), or '*' for whole-network faults. */
  readonly lane: string;
  /** For messages: the receiving lane. */
  readonly to?: string;
  readonly text: string;
  /** Part of the violation being explained. */
  readonly highlight: boolean;
}

export interface Timeline {
  readonly lanes: readonly Lane[];
  readonly entries: readonly TimelineEntry[];
  /** How many selected entries were left out to keep the timeline short. */
  readonly omitted: number;
  /** How many resends of a message already shown were left out (retransmissions until acknowledged). */
  readonly repeats: number;
}

/** A point a verdict names: `t` in ms and optionally the node. */
export interface TimelineFocus {
  readonly t: number;
  readonly node?: string;
  /** Only the entry with this text: one answer among the many a node gives at one instant. */
  readonly text?: string;
}

export interface TimelineSelection {
  readonly lanes: readonly Lane[];
  /** Labels the entries; quiet messages are left out, quiet notes kept only where the focus is. */
  readonly presenter: EventPresenter;
  readonly focus: readonly TimelineFocus[];
  readonly maxEntries: number;
}

/** Selects the entries of `trace` worth showing, keeping those nearest the focus when there are too many. */
export function buildTimeline(trace: Iterable<TraceEvent>, sel: TimelineSelection): Timeline {
  const entries: TimelineEntry[] = [];
  const lit = (t: number, node: string | undefined, text?: string): boolean =>
    sel.focus.some((f) => f.t === t && (f.node === undefined || f.node === node) && (f.text === undefined || f.text === text));
  const shown = new Set<string>();
  const describe = sel.presenter.fault ?? describeFault;
  let repeats = 0;
  for (const e of trace) {
    switch (e.kind) {
      case 'send': {
        const { label: text, quiet } = sel.presenter.message(e.msg);
        if (quiet) break;
        const key = `${e.from}>${e.to}:${text}`;
        if (shown.has(key)) {
          repeats++;
          break;
        }
        shown.add(key);
        entries.push({ t: e.t, kind: 'message', lane: e.from, to: e.to, text, highlight: lit(e.t, e.from, text) });
        break;
      }
      case 'fault': {
        const f = e.fault;
        const lane = 'node' in f ? f.node : '*';
        entries.push({ t: e.t, kind: 'fault', lane, text: describe(f), highlight: lit(e.t, lane, describe(f)) });
        break;
      }
      case 'note': {
        const note = sel.presenter.note(e.name, e.data);
        const highlight = lit(e.t, e.node, note?.label);
        if (note !== null && (!note.quiet || highlight)) entries.push({ t: e.t, kind: 'note', lane: e.node, text: note.label, highlight });
        break;
      }
      case 'never-settled':
        entries.push({ t: e.t, kind: 'note', lane: e.node, text: `${e.label}: never settled`, highlight: true });
        break;
      case 'deliver':
      case 'drop':
      case 'duplicate':
      case 'timer':
        break;
    }
  }
  if (entries.length <= sel.maxEntries) return { lanes: sel.lanes, entries, omitted: 0, repeats };
  // Keep the entries closest in time to a focus point (faults always), in their original order.
  const focusTimes = sel.focus.length > 0 ? sel.focus.map((f) => f.t) : [entries[entries.length - 1]!.t];
  const distance = (e: TimelineEntry): number => (e.kind === 'fault' || e.highlight ? -1 : Math.min(...focusTimes.map((t) => Math.abs(t - e.t))));
  const keep = new Set(
    entries
      .map((e, i) => ({ i, d: distance(e) }))
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .slice(0, sel.maxEntries)
      .map((x) => x.i),
  );
  return { lanes: sel.lanes, entries: entries.filter((_, i) => keep.has(i)), omitted: entries.length - keep.size, repeats };
}
