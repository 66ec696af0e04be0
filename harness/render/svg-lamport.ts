/**
 * A space-time (Lamport) diagram of a run as SVG: one vertical lane per node, time flowing down,
 * messages as arrows from sender to receiver, dropped messages ending in a cross, faults and protocol
 * notes marked on their lane, the events a verdict names highlighted. Hovering anything shows its
 * full content (an SVG `<title>`).
 *
 * Long runs stay small and readable: only the stretches of time around the highlighted events are
 * drawn at full size; far-away stretches collapse into one band that says what it holds. Time is
 * mapped per distinct instant (not linearly), so a burst of messages within a millisecond stays legible.
 */
import { escapeHtml as esc } from './html-escape.ts';
import type { SpaceTime, SpaceTimeItem } from './space-time.ts';

export interface LamportSvgOptions {
  /** Prefix for element ids (several diagrams on one page). */
  readonly id: string;
  /** Distinct instants drawn at full size on each side of a highlighted one. */
  readonly context?: number;
}

const LANE_GAP = 150;
const LEFT = 70;
const TOP = 40;
const ROW = 16;
const BAND = 34;

/** One stretch of the time axis: drawn at full size, or collapsed into a band. */
interface Stretch {
  readonly from: number;
  readonly to: number;
  readonly collapsed: boolean;
  /** y of the stretch's top. */
  y: number;
  height: number;
  /** For full stretches: the distinct instants in it, in order. */
  readonly instants: readonly number[];
}

/** Draws the diagram. Every string from the run is escaped. */
export function renderLamportSvg(d: SpaceTime, o: LamportSvgOptions): string {
  const context = o.context ?? 60;
  const points = new Set<number>();
  for (const it of d.items) {
    if (it.kind === 'message') {
      points.add(it.sent);
      if (it.received !== undefined) points.add(it.received);
      if (it.dropped !== undefined) points.add(it.dropped.t);
    } else points.add(it.t);
  }
  const instants = [...points].sort((a, b) => a - b);
  const index = new Map(instants.map((t, i) => [t, i]));
  // Drawn in full around the violation; when no event is highlighted (a verdict about the final
  // state), around the labelled notes (what the check's timeline shows), else at the end.
  const at = (it: SpaceTimeItem): number => index.get(it.kind === 'message' ? it.sent : it.t)!;
  const focus = d.items.filter((it) => it.highlight).map(at);
  if (focus.length === 0) focus.push(...d.items.filter((it) => it.kind === 'note' && !it.quiet).map(at));
  if (focus.length === 0 && instants.length > 0) focus.push(instants.length - 1);
  // Which instants are drawn at full size: those within `context` of a focus.
  const full = new Uint8Array(instants.length);
  for (const f of focus) for (let i = Math.max(0, f - context); i <= Math.min(instants.length - 1, f + context); i++) full[i] = 1;
  const stretches: Stretch[] = [];
  for (let i = 0; i < instants.length; ) {
    let j = i;
    while (j + 1 < instants.length && full[j + 1] === full[i]) j++;
    stretches.push({ from: instants[i]!, to: instants[j]!, collapsed: full[i] === 0, y: 0, height: 0, instants: full[i] === 0 ? [] : instants.slice(i, j + 1) });
    i = j + 1;
  }
  let y = TOP;
  for (const s of stretches) {
    s.y = y;
    s.height = s.collapsed ? BAND : s.instants.length * ROW;
    y += s.height;
  }
  const height = y + 30;
  const stretchOf = (t: number): Stretch | undefined => stretches.find((s) => t >= s.from && t <= s.to) ?? stretches.find((s) => t < s.from);
  const rowOf = new Map<number, number>();
  for (const s of stretches) if (!s.collapsed) s.instants.forEach((t, k) => rowOf.set(t, s.y + k * ROW + ROW / 2));
  const yOf = (t: number): number => {
    const r = rowOf.get(t);
    if (r !== undefined) return r;
    const s = stretchOf(t);
    if (s === undefined) return y;
    return s.y + (s.to === s.from ? s.height / 2 : ((t - s.from) / (s.to - s.from)) * (s.height - 8) + 4);
  };
  const inFull = (t: number): boolean => rowOf.has(t);
  const laneX = new Map(d.lanes.map((l, i) => [l.id, LEFT + 40 + i * LANE_GAP]));
  const xOf = (l: string): number => laneX.get(l) ?? LEFT;
  const width = LEFT + 40 + Math.max(1, d.lanes.length) * LANE_GAP + 160;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="lamport" id="${esc(o.id)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="space-time diagram">`,
    `<defs><marker id="${esc(o.id)}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>`,
  );
  // Collapsed bands first (under everything else).
  for (const s of stretches) {
    if (!s.collapsed) continue;
    const inside = d.items.filter((it) => {
      const t = it.kind === 'message' ? it.sent : it.t;
      return t >= s.from && t <= s.to;
    });
    const messages = inside.filter((it) => it.kind === 'message').length;
    const faults = inside.filter((it) => it.kind === 'fault');
    const summary = `t=${s.from}–${s.to} ms: ${inside.length} events collapsed (${messages} messages${faults.length > 0 ? `, ${faults.length} fault${faults.length === 1 ? '' : 's'}` : ''}), far from the violation`;
    out.push(
      `<g class="collapsed" data-from="${s.from}" data-to="${s.to}"><title>${esc(summary)}${faults.length > 0 ? esc(`\nfaults: ${faults.map((f) => `t=${f.kind === 'fault' ? f.t : 0} ${f.label}`).join('; ')}`) : ''}</title>`,
      `<rect x="0" y="${s.y}" width="${width}" height="${s.height}" class="band"/><text x="${LEFT}" y="${s.y + s.height / 2 + 4}" class="band-text">⋯ ${esc(summary)}</text></g>`,
    );
  }
  // Lanes.
  for (const l of d.lanes) {
    const x = xOf(l.id);
    out.push(`<g class="lane" data-lane="${esc(l.id)}"><text x="${x}" y="${TOP - 14}" class="lane-name" text-anchor="middle">${esc(l.label)}</text><line x1="${x}" y1="${TOP - 6}" x2="${x}" y2="${height - 20}" class="lane-line"/></g>`);
  }
  // Time axis: a label on every fourth full-size row. Lane names again atop each full-size stretch
  // below the first, so they are in sight wherever the page scrolled to.
  for (const [k, s] of stretches.entries()) {
    if (s.collapsed) continue;
    if (k > 0) for (const l of d.lanes) out.push(`<text x="${xOf(l.id)}" y="${s.y - 3}" class="lane-name again" text-anchor="middle">${esc(l.label)}</text>`);
    s.instants.forEach((t, k) => {
      if (k % 4 === 0) out.push(`<text x="${LEFT - 8}" y="${s.y + k * ROW + ROW / 2 + 4}" class="time" text-anchor="end">${t}</text>`);
    });
  }
  out.push(`<text x="${LEFT - 8}" y="${TOP - 14}" class="time" text-anchor="end">t (ms)</text>`);
  const broadcast = new Set<string>();
  const networkAt = new Map<number, SpaceTimeItem[]>();
  for (const it of d.items) if (it.kind === 'fault' && it.lane === '*') networkAt.set(it.t, [...(networkAt.get(it.t) ?? []), it]);
  let violation = 0;
  const idAttr = (it: SpaceTimeItem): string => (it.highlight ? ` id="${esc(o.id)}-violation-${violation++}"` : '');
  for (const it of d.items) {
    const cls = (base: string): string => `${base}${it.quiet ? ' quiet' : ''}${it.highlight ? ' violation' : ''}`;
    if (it.kind === 'message') {
      const end = it.received ?? it.dropped?.t;
      if (!it.highlight && !inFull(it.sent) && (end === undefined || !inFull(end))) continue;
      const x1 = xOf(it.from);
      const x2 = xOf(it.to);
      const y1 = yOf(it.sent);
      const title = `<title>${esc(it.detail)}</title>`;
      // A broadcast (one label sent at one instant to several nodes) is labelled on its first arrow only.
      const key = `${it.from}|${it.sent}|${it.label}`;
      const labelled = !it.quiet && !broadcast.has(key);
      if (labelled) broadcast.add(key);
      if (it.received !== undefined) {
        const y2 = yOf(it.received);
        out.push(`<g class="${cls('msg')}" data-from="${esc(it.from)}" data-to="${esc(it.to)}"${idAttr(it)}>${title}<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#${esc(o.id)}-arrow)"/>${!labelled ? '' : label(x1 + (x2 - x1) * 0.7, y1 + (y2 - y1) * 0.7 - 3, it.label)}</g>`);
      } else if (it.dropped !== undefined) {
        const y2 = yOf(it.dropped.t);
        const mx = x1 + (x2 - x1) * 0.6;
        const my = y1 + (y2 - y1) * 0.6 + (y2 === y1 ? 0 : 0);
        out.push(`<g class="${cls('msg drop')}" data-from="${esc(it.from)}" data-to="${esc(it.to)}"${idAttr(it)}>${title}<line x1="${x1}" y1="${y1}" x2="${mx}" y2="${my}"/><path d="M${mx - 5},${my - 5} L${mx + 5},${my + 5} M${mx - 5},${my + 5} L${mx + 5},${my - 5}" class="cross"/>${!labelled || !it.highlight ? '' : label((x1 + mx) / 2, (y1 + my) / 2 - 3, `${it.label} (dropped)`)}</g>`);
      } else {
        out.push(`<g class="${cls('msg lost')}" data-from="${esc(it.from)}" data-to="${esc(it.to)}"${idAttr(it)}>${title}<line x1="${x1}" y1="${y1}" x2="${x1 + (x2 - x1) * 0.3}" y2="${y1 + 8}" stroke-dasharray="3 3"/></g>`);
      }
      continue;
    }
    if (!it.highlight && !inFull(it.t) && it.kind === 'note') continue;
    const y0 = yOf(it.t);
    const title = `<title>${esc(it.detail)}</title>`;
    if (it.kind === 'fault') {
      if (it.lane === '*') {
        // Faults of the whole network at one instant (a recovery heals everything at once) share one label.
        const same = networkAt.get(it.t)!;
        const text = same[0] !== it ? '' : `<text x="${width - 146}" y="${y0 + 4}">${esc(cut(it.label, 16))}${same.length > 1 ? ` (+${same.length - 1})` : ''}</text>`;
        const all = same[0] === it && same.length > 1 ? `<title>${esc(same.map((f) => f.detail).join('\n'))}</title>` : title;
        out.push(`<g class="${cls('fault network')}"${idAttr(it)}>${all}<line x1="${LEFT}" y1="${y0}" x2="${width - 150}" y2="${y0}"/>${text}</g>`);
      } else {
        const x = xOf(it.lane);
        out.push(`<g class="${cls('fault')}" data-lane="${esc(it.lane)}"${idAttr(it)}>${title}<rect x="${x - 6}" y="${y0 - 6}" width="12" height="12"/><text x="${x + 10}" y="${y0 + 4}">${esc(it.label)}</text></g>`);
      }
    } else {
      const x = xOf(it.lane);
      out.push(`<g class="${cls('note')}" data-lane="${esc(it.lane)}"${idAttr(it)}>${title}<circle cx="${x}" cy="${y0}" r="${it.highlight ? 6 : 4}"/>${it.quiet ? '' : `<text x="${x + 9}" y="${y0 + 4}">${esc(cut(it.label))}</text>`}</g>`);
    }
  }
  out.push('</svg>');
  return out.join('\n');
}

/**
 * The lane names as a strip to keep in sight above a scrolled diagram (the report makes it sticky);
 * it lines up with `renderLamportSvg`'s lanes.
 */
export function renderLamportLaneHeader(d: SpaceTime): string {
  const width = LEFT + 40 + Math.max(1, d.lanes.length) * LANE_GAP + 160;
  const names = d.lanes.map((l, i) => `<text x="${LEFT + 40 + i * LANE_GAP}" y="16" text-anchor="middle" class="lane-name">${esc(l.label)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="lamport lane-header" width="${width}" height="22" viewBox="0 0 ${width} 22"><text x="${LEFT - 8}" y="16" class="time" text-anchor="end">t (ms)</text>${names}</svg>`;
}

/** CSS for the diagram's classes; the HTML report inlines it once. */
export const LAMPORT_CSS = `
svg.lamport { font: 11px ui-monospace, SFMono-Regular, Menlo, monospace; background: #fff; }
svg.lamport .lane-line { stroke: #888; stroke-width: 1.5; }
svg.lamport .lane-name { font-weight: bold; font-size: 13px; }
svg.lamport.lane-header { position: sticky; top: 0; z-index: 1; display: block; border-bottom: 1px solid #ddd; }
svg.lamport .lane-name.again { fill: #999; font-size: 11px; }
svg.lamport .time { fill: #777; }
svg.lamport .band { fill: #f1f1f4; }
svg.lamport .band-text { fill: #666; font-style: italic; }
svg.lamport .msg line { stroke: #2a6fb0; stroke-width: 1.3; }
svg.lamport .msg.quiet line { stroke: #b9c9d9; stroke-width: 1; }
svg.lamport .msg text, svg.lamport .note text { fill: #234; }
svg.lamport .drop line, svg.lamport .drop .cross { stroke: #c0392b; }
svg.lamport .cross { stroke-width: 2; fill: none; }
svg.lamport .fault rect { fill: #c0392b; }
svg.lamport .fault text { fill: #c0392b; font-weight: bold; }
svg.lamport .fault.network line { stroke: #c0392b; stroke-dasharray: 6 4; }
svg.lamport .note circle { fill: #555; }
svg.lamport .note.quiet circle { fill: #bbb; }
svg.lamport .violation line { stroke: #e4007c !important; stroke-width: 3 !important; }
svg.lamport .violation circle, svg.lamport .violation rect { fill: #e4007c; stroke: #e4007c; stroke-width: 3; }
svg.lamport .violation text { fill: #e4007c; font-weight: bold; }
svg.lamport g:hover line { stroke-width: 3; }
`;

/** About the width of one character of the diagram's 11 px monospace font. */
const CHAR_PX = 6.7;

/** A message label centred on `x`, kept inside the diagram's left edge. */
function label(x: number, y: number, text: string): string {
  const shown = cut(text);
  return `<text x="${Math.max(x, (shown.length * CHAR_PX) / 2 + 2)}" y="${y}" text-anchor="middle">${esc(shown)}</text>`;
}

/** A label cut to what fits beside its lane (the whole of it is in the hover text). */
function cut(text: string, max = 48): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
