/**
 * Where a space-time diagram puts things: the time axis (which stretches are drawn in full and
 * which collapse into a band), one row per distinct instant, and within a row one label line
 * ("slot") per label anchored at that instant. Labels of simultaneous events therefore never share
 * a line, and labels of different instants never share one either: no two labels overlap, whatever
 * their length. Rows holding only routine (quiet) traffic are thin, so the events a verdict is about
 * take the room.
 */
import type { MissingMessage } from '../curriculum/index.ts';
import type { SpaceTime, SpaceTimeItem } from './space-time.ts';

export const LANE_GAP = 150;
export const LEFT = 70;
export const TOP = 8;
/** A row with drawn events but no label. */
const ROW = 16;
/** A row with routine traffic only (hidden unless asked for). */
const QUIET_ROW = 1.5;
/**
 * One label line. The 11 px font's box is about 13 px tall (10 above the baseline, 3 below); a
 * message's label sits above its arrow (baseline 2 px over the line), a note's beside its dot
 * (baseline 4 px under), so a line is 19 px: no two boxes of neighbouring lines touch.
 */
export const SLOT = 19;
const BAND = 34;
/** About the width of one character of the diagram's 11 px monospace font. */
export const CHAR_PX = 6.7;

/** One stretch of the time axis: drawn at full size, or collapsed into a band. */
export interface Stretch {
  readonly from: number;
  readonly to: number;
  readonly collapsed: boolean;
  /** y of the stretch's top. */
  y: number;
  height: number;
  /** For full stretches: the distinct instants in it, in order. */
  readonly instants: readonly number[];
}

/** A label's place: its line's y, its text's baseline, x and anchor. */
export interface LabelPlace {
  readonly y: number;
  readonly baseline: number;
  readonly x: number;
  readonly anchor: 'start' | 'end';
  readonly text: string;
}

export interface LamportLayout {
  readonly width: number;
  /** Where lines across the whole network end: their labels are right of it. */
  readonly networkEnd: number;
  readonly height: number;
  readonly stretches: readonly Stretch[];
  /** The y of an instant: its row's middle, the first label line when it has labels. */
  readonly yOf: (t: number) => number;
  readonly inFull: (t: number) => boolean;
  readonly xOf: (lane: string) => number;
  /** Instants drawn in full whose row is tall enough for a time label. */
  readonly timeLabels: readonly { readonly t: number; readonly y: number }[];
  /** The label of item `i` (its index in `d.items`), of missing message `i`, and the decision marker. */
  readonly itemLabel: ReadonlyMap<number, LabelPlace>;
  readonly missingLabel: ReadonlyMap<number, LabelPlace>;
  /**
   * The learner's first wrong decision: the item it is drawn as, or (no event of the run stands for
   * it) a point of its own on its lane; and its marker's place.
   */
  readonly decision?: { readonly item?: number; readonly lane: string; readonly t: number; readonly marker: LabelPlace };
}

export interface LayoutOptions {
  /** Distinct instants drawn at full size on each side of a highlighted one. */
  readonly context: number;
  /** The learner's first decision outside the acceptable set, if known: when (ms), and the check's words for it. */
  readonly decision?: { readonly t: number; readonly text: string };
  /** What the marker under the decision says. */
  readonly decisionMark: string;
}

/** The instant an item is drawn at (a message: when it was sent). */
export const instantOf = (it: SpaceTimeItem): number => (it.kind === 'message' ? it.sent : it.t);

/** A label cut to what fits beside its lane (the whole of it is in the hover text). */
export function cut(text: string, max = 48): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Whether an item carries a label: labelled messages once per broadcast (one label sent at one
 * instant to several nodes), dropped ones only when highlighted; notes unless quiet; every fault,
 * network faults of one instant together.
 */
function labelKeys(d: SpaceTime): (string | undefined)[] {
  const seen = new Set<string>();
  return d.items.map((it) => {
    let key: string | undefined;
    if (it.kind === 'message') {
      if (!it.quiet && (it.received !== undefined || (it.dropped !== undefined && it.highlight))) key = `m|${it.from}|${it.sent}|${it.label}|${it.dropped ? 'x' : ''}`;
    } else if (it.kind === 'fault') key = it.lane === '*' ? `net|${it.t}` : `f|${seen.size}`;
    else if (!it.quiet) key = `n|${seen.size}`;
    if (key === undefined || seen.has(key)) return undefined;
    seen.add(key);
    return key;
  });
}

/**
 * What stands for the decision at `t`: the verdict's event at that instant, else an event there on
 * the lane the check's words name first (their subject, "(n4) hintsToHandOff…"), else a point of
 * its own on that lane, else any event there.
 */
function decisionAnchor(d: SpaceTime, t: number, text: string): { item?: number; lane: string } | undefined {
  const words = text.replace(/^at t=\d+ ms/, '');
  const mentioned = d.lanes
    .map((l) => ({ id: l.id, at: words.search(new RegExp(`(?<![\\w-])${l.id.replace(/[^\w-]/g, '\\$&')}(?![\\w-])`)) }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at)[0]?.id;
  const rank = (it: SpaceTimeItem): number => (it.highlight ? 0 : 8) + (laneOf(it) === mentioned ? 0 : 4) + (it.kind === 'note' || it.kind === 'fault' ? 0 : 1) + (it.quiet ? 2 : 0);
  let best: number | undefined;
  d.items.forEach((it, i) => {
    if (instantOf(it) === t && (best === undefined || rank(it) < rank(d.items[best]!))) best = i;
  });
  const item = best === undefined ? undefined : d.items[best]!;
  if (item !== undefined && (item.highlight || mentioned === undefined || laneOf(item) === mentioned)) return { item: best!, lane: laneOf(item) };
  if (mentioned !== undefined) return { lane: mentioned };
  return undefined;
}

export function layoutLamport(d: SpaceTime, o: LayoutOptions): LamportLayout {
  const missing: readonly MissingMessage[] = d.missing ?? [];
  const points = new Set<number>();
  for (const it of d.items) {
    if (it.kind === 'message') {
      points.add(it.sent);
      if (it.received !== undefined) points.add(it.received);
      if (it.dropped !== undefined) points.add(it.dropped.t);
    } else points.add(it.t);
  }
  for (const m of missing) points.add(m.t);
  if (o.decision !== undefined) points.add(o.decision.t);
  const instants = [...points].sort((a, b) => a - b);
  const index = new Map(instants.map((t, i) => [t, i]));
  const anchor = o.decision === undefined ? undefined : decisionAnchor(d, o.decision.t, o.decision.text);
  const decision = anchor?.item;
  // Drawn in full around the violation and the decision; when no event is highlighted (a verdict
  // about the final state), around the labelled notes (what the check's timeline shows), else at the end.
  const at = (it: SpaceTimeItem): number => index.get(instantOf(it))!;
  const focus = [...d.items.filter((it) => it.highlight).map(at), ...missing.map((m) => index.get(m.t)!)];
  if (anchor !== undefined) focus.push(index.get(o.decision!.t)!);
  if (focus.length === 0) focus.push(...d.items.filter((it) => it.kind === 'note' && !it.quiet).map(at));
  if (focus.length === 0 && instants.length > 0) focus.push(instants.length - 1);
  const full = new Uint8Array(instants.length);
  for (const f of focus) for (let i = Math.max(0, f - o.context); i <= Math.min(instants.length - 1, f + o.context); i++) full[i] = 1;
  // A node's crash, pause or restart is the scenario itself: drawn and labelled, if only its own instant.
  for (const it of d.items) if (it.kind === 'fault' && it.lane !== '*') full[at(it)] = 1;
  const stretches: Stretch[] = [];
  for (let i = 0; i < instants.length; ) {
    let j = i;
    while (j + 1 < instants.length && full[j + 1] === full[i]) j++;
    stretches.push({ from: instants[i]!, to: instants[j]!, collapsed: full[i] === 0, y: 0, height: 0, instants: full[i] === 0 ? [] : instants.slice(i, j + 1) });
    i = j + 1;
  }
  const inFull = (t: number): boolean => full[index.get(t) ?? -1] === 1;

  // The label lines of each instant, in item order: items first, then missing messages, the decision marker right after its item.
  const keys = labelKeys(d);
  const slots = new Map<number, string[]>();
  const slotOf = new Map<string, { t: number; k: number }>();
  const claim = (t: number, key: string): void => {
    if (slotOf.has(key) || !inFull(t)) return;
    const list = slots.get(t) ?? [];
    slotOf.set(key, { t, k: list.length });
    list.push(key);
    slots.set(t, list);
  };
  d.items.forEach((it, i) => {
    const key = keys[i] ?? (i === decision ? `d|${i}` : undefined);
    if (key === undefined) return;
    claim(instantOf(it), key);
    if (i === decision) claim(instantOf(it), 'decision');
  });
  if (anchor !== undefined && decision === undefined) claim(o.decision!.t, 'decision');
  missing.forEach((m, i) => claim(m.t, `missing|${i}`));
  // A row with nothing but routine traffic is thin.
  const visible = new Set<number>();
  for (const it of d.items) {
    if (it.quiet && !it.highlight) continue;
    visible.add(instantOf(it));
    if (it.kind === 'message' && it.received !== undefined) visible.add(it.received);
  }

  const rowHeight = (t: number): number => {
    const k = slots.get(t)?.length ?? 0;
    return k > 0 ? k * SLOT : visible.has(t) ? ROW : QUIET_ROW;
  };
  let y = TOP;
  const rowTop = new Map<number, number>();
  for (const s of stretches) {
    s.y = y;
    if (s.collapsed) s.height = BAND;
    else
      for (const t of s.instants) {
        rowTop.set(t, s.y + s.height);
        s.height += rowHeight(t);
      }
    y += s.height;
  }
  const height = y + 12;
  const slotY = (t: number, k: number): number => rowTop.get(t)! + k * SLOT + SLOT / 2;
  const stretchOf = (t: number): Stretch | undefined => stretches.find((s) => t >= s.from && t <= s.to) ?? stretches.find((s) => t < s.from);
  const yOf = (t: number): number => {
    const top = rowTop.get(t);
    if (top !== undefined) return (slots.get(t)?.length ?? 0) > 0 ? slotY(t, 0) : top + rowHeight(t) / 2;
    const s = stretchOf(t);
    if (s === undefined) return y;
    return s.y + (s.to === s.from ? s.height / 2 : ((t - s.from) / (s.to - s.from)) * (s.height - 8) + 4);
  };
  const laneX = new Map(d.lanes.map((l, i) => [l.id, LEFT + 40 + i * LANE_GAP]));
  const xOf = (l: string): number => laneX.get(l) ?? LEFT;
  const lanesRight = LEFT + 40 + Math.max(1, d.lanes.length) * LANE_GAP + 160;

  // Labels: beside the point they belong to, on the side the arrow goes, never left of the time axis.
  let right = lanesRight;
  const place = (key: string, x: number, dir: number, text: string, above = false): LabelPlace => {
    const s = slotOf.get(key)!;
    const w = text.length * CHAR_PX;
    const y = slotY(s.t, s.k);
    const baseline = above ? y - 2 : y + 4;
    const p: LabelPlace = dir < 0 && x - 8 - w >= LEFT ? { y, baseline, x: x - 8, anchor: 'end', text } : { y, baseline, x: x + (dir < 0 ? 8 : 9), anchor: 'start', text };
    if (p.anchor === 'start') right = Math.max(right, p.x + w + 12);
    return p;
  };
  const itemLabel = new Map<number, LabelPlace>();
  d.items.forEach((it, i) => {
    const key = keys[i] ?? (i === decision ? `d|${i}` : undefined);
    if (key === undefined || !slotOf.has(key)) return;
    if (it.kind === 'message') {
      const dir = Math.sign(xOf(it.to) - xOf(it.from)) || 1;
      itemLabel.set(i, place(key, xOf(it.from), dir, cut(it.dropped ? `${it.label} (dropped)` : it.label), true));
    } else if (it.kind === 'fault' && it.lane === '*') {
      const same = d.items.filter((x) => x.kind === 'fault' && x.lane === '*' && x.t === it.t).length;
      const s = slotOf.get(key)!;
      itemLabel.set(i, { y: slotY(s.t, s.k), baseline: slotY(s.t, s.k) + 4, x: lanesRight - 146, anchor: 'start', text: `${cut(it.label, 16)}${same > 1 ? ` (+${same - 1})` : ''}` });
    } else itemLabel.set(i, place(key, xOf(it.lane), 1, cut(it.label)));
  });
  const missingLabel = new Map<number, LabelPlace>();
  missing.forEach((m, i) => {
    if (slotOf.has(`missing|${i}`)) missingLabel.set(i, place(`missing|${i}`, xOf(m.from), Math.sign(xOf(m.to) - xOf(m.from)) || 1, cut(m.label, 60), true));
  });
  const marker = anchor !== undefined && slotOf.has('decision') ? place('decision', xOf(anchor.lane), 1, decision === undefined ? o.decisionMark : `▲ ${o.decisionMark}`) : undefined;

  const timeLabels: { t: number; y: number }[] = [];
  for (const s of stretches) {
    if (s.collapsed) continue;
    let last = -Infinity;
    for (const t of s.instants) {
      const ty = yOf(t);
      // Every labelled instant, and others where there is room, at least a line apart.
      if (rowHeight(t) < ROW || ty - last < SLOT || (!slots.has(t) && ty - last < 4 * ROW)) continue;
      timeLabels.push({ t, y: ty });
      last = ty;
    }
  }
  return {
    width: right,
    networkEnd: lanesRight - 150,
    height,
    stretches,
    yOf,
    inFull,
    xOf,
    timeLabels,
    itemLabel,
    missingLabel,
    ...(anchor !== undefined && marker !== undefined ? { decision: { ...anchor, t: o.decision!.t, marker } } : {}),
  };
}

/** The lane an item is drawn on (a message: its sender's). */
export function laneOf(it: SpaceTimeItem): string {
  return it.kind === 'message' ? it.from : it.lane;
}
