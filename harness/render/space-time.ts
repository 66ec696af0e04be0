/**
 * What a space-time (Lamport) diagram shows, built from a run: lanes, messages paired with their
 * deliveries and drops, faults and protocol notes, the events a verdict names. Built from a run's
 * whole replayed trace in its exercise's presenter's words, or, for a run that cannot be replayed,
 * from a check's short timeline. `svg-lamport.ts` draws it.
 */
import type { Lane, MissingMessage, PresentedRun, Timeline, TimelineEntry } from '../curriculum/index.ts';
import { describeFault } from '../sim/index.ts';

export type SpaceTimeItem =
  | {
      readonly kind: 'message';
      readonly from: string;
      readonly to: string;
      readonly sent: number;
      /** When it arrived (undefined: still in flight at the end, or dropped). */
      readonly received?: number;
      /** Why it never arrived. */
      readonly dropped?: { readonly t: number; readonly reason: string };
      readonly label: string;
      /** The full content, shown on hover. */
      readonly detail: string;
      /** Routine traffic (heartbeats, replication): drawn faint and without a label. */
      readonly quiet: boolean;
      readonly highlight: boolean;
    }
  | {
      readonly kind: 'fault' | 'note';
      /** A node, or '*' for the whole network. */
      readonly lane: string;
      readonly t: number;
      readonly label: string;
      readonly detail: string;
      readonly quiet: boolean;
      readonly highlight: boolean;
    };

export interface SpaceTime {
  readonly lanes: readonly Lane[];
  readonly items: readonly SpaceTimeItem[];
  /** Messages due and never sent (a read repair, a hand-off): drawn dashed where they were due. */
  readonly missing?: readonly MissingMessage[];
}

/** An event to highlight: at time `t`, on `node` (any node when absent). */
export interface SpaceTimeHighlight {
  readonly t: number;
  readonly node?: string;
}

/**
 * Builds the diagram of a whole run from its trace, in its presenter's words: sends paired with their
 * deliveries and drops. The run's lanes come first, in order; nodes it does not list follow in order
 * of appearance.
 *
 * `selected`, a check's timeline of the run, says which events the violation is about: those are
 * labelled and every other message and note is drawn faint, as context. A leaderless run holds
 * hundreds of labelled reads and writes; all labelled at once, none can be read. The messages the
 * presenter says were due and never sent (`run.missing`) are kept apart.
 */
export function spaceTimeFromTrace(run: PresentedRun, highlight: readonly SpaceTimeHighlight[], selected?: readonly TimelineEntry[]): SpaceTime {
  const labels = run.presenter;
  const picked = selected === undefined ? undefined : new Set(selected.map((e) => entryKey(e.kind, e.t, e.lane, e.to, e.text)));
  const shown = (quiet: boolean, key: string, lit: boolean): boolean => !quiet && (picked === undefined || lit || picked.has(key));
  const describe = labels.fault ?? describeFault;
  const lanes: Lane[] = [...run.lanes];
  const known = new Set(lanes.map((l) => l.id));
  const lane = (n: string): void => {
    if (!known.has(n)) {
      known.add(n);
      lanes.push({ id: n, label: n });
    }
  };
  const lit = (t: number, node: string): boolean => highlight.some((h) => h.t === t && (h.node === undefined || h.node === node));
  type Msg = Extract<SpaceTimeItem, { kind: 'message' }>;
  const items: SpaceTimeItem[] = [];
  /** The message item (its index) each id was sent as, and whether a copy already arrived. */
  const sends = new Map<number, { index: number; arrived: boolean }>();
  for (const e of run.trace) {
    switch (e.kind) {
      case 'send': {
        lane(e.from);
        lane(e.to);
        const { label, quiet } = labels.message(e.msg);
        const highlight = lit(e.t, e.from);
        sends.set(e.id, { index: items.length, arrived: false });
        items.push({ kind: 'message', from: e.from, to: e.to, sent: e.t, label, detail: `${e.from} → ${e.to}, sent at t=${e.t} ms: ${safeJson(e.msg)}`, quiet: !shown(quiet, entryKey('message', e.t, e.from, e.to, label), highlight), highlight });
        break;
      }
      case 'deliver':
      case 'drop': {
        const s = sends.get(e.id);
        if (s === undefined) break;
        const m = items[s.index] as Msg;
        const outcome = e.kind === 'deliver' ? { received: e.t } : { dropped: { t: e.t, reason: e.reason } };
        const detail = e.kind === 'deliver' ? `${m.detail}; arrived at t=${e.t} ms` : `${m.detail}; dropped at t=${e.t} ms (${e.reason})`;
        if (!s.arrived) {
          items[s.index] = { ...m, ...outcome, detail, highlight: m.highlight || (e.kind === 'deliver' && lit(e.t, e.to)) };
          s.arrived = true;
        } else {
          // A duplicated copy: its own arrow.
          const { received: _r, dropped: _d, ...base } = m;
          items.push({ ...base, ...outcome, label: `${m.label} (copy)`, detail: `${detail} (a duplicated copy)` });
        }
        break;
      }
      case 'fault': {
        const where = 'node' in e.fault ? e.fault.node : '*';
        if (where !== '*') lane(where);
        const label = describe(e.fault);
        items.push({ kind: 'fault', lane: where, t: e.t, label, detail: `t=${e.t} ms: ${label}`, quiet: false, highlight: lit(e.t, where) });
        break;
      }
      case 'note': {
        const l = labels.note(e.name, e.data);
        if (l === null) break;
        lane(e.node);
        const highlight = lit(e.t, e.node);
        items.push({ kind: 'note', lane: e.node, t: e.t, label: l.label, detail: `${e.node} at t=${e.t} ms: ${l.label} (${e.name} ${safeJson(e.data)})`, quiet: !shown(l.quiet, entryKey('note', e.t, e.node, undefined, l.label), highlight), highlight });
        break;
      }
      case 'never-settled':
        lane(e.node);
        items.push({ kind: 'note', lane: e.node, t: e.t, label: `${e.label}: never settled`, detail: `${e.node} at t=${e.t} ms: ${e.label} never settled`, quiet: false, highlight: true });
        break;
      case 'duplicate':
      case 'timer':
        break;
    }
  }
  const missing = run.missing ?? [];
  for (const m of missing) {
    lane(m.from);
    lane(m.to);
  }
  return { lanes, items, ...(missing.length > 0 ? { missing } : {}) };
}

/** What identifies an event in both a trace and a timeline built from it. */
function entryKey(kind: TimelineEntry['kind'], t: number, lane: string, to: string | undefined, text: string): string {
  return JSON.stringify([kind, t, lane, to ?? null, text]);
}

/**
 * A diagram from a check's short timeline, for runs whose whole trace cannot be replayed: the same
 * lanes, messages, faults and highlights, but a timeline records only when a message was sent, so its
 * arrow is drawn at that instant.
 */
export function spaceTimeFromTimeline(tl: Timeline): SpaceTime {
  const items: SpaceTimeItem[] = tl.entries.map((e): SpaceTimeItem => {
    const detail = `t=${e.t} ms, ${e.lane}${e.to !== undefined ? ` → ${e.to}` : ''}: ${e.text}`;
    switch (e.kind) {
      case 'message':
        return { kind: 'message', from: e.lane, to: e.to ?? e.lane, sent: e.t, received: e.t, label: e.text, detail, quiet: false, highlight: e.highlight };
      case 'drop':
        return { kind: 'message', from: e.lane, to: e.to ?? e.lane, sent: e.t, dropped: { t: e.t, reason: 'dropped' }, label: e.text, detail, quiet: false, highlight: e.highlight };
      case 'fault':
      case 'note':
        return { kind: e.kind, lane: e.lane, t: e.t, label: e.text, detail, quiet: false, highlight: e.highlight };
    }
  });
  return { lanes: tl.lanes, items };
}

function safeJson(v: unknown): string {
  try {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 600 ? `${s.slice(0, 600)}…` : s;
  } catch {
    return String(v);
  }
}

