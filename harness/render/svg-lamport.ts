/**
 * A space-time (Lamport) diagram of a run as SVG: one vertical lane per node, time flowing down,
 * messages as arrows from sender to receiver, dropped messages ending in a cross, faults and protocol
 * notes marked on their lane, the events a verdict names highlighted. Hovering anything shows its
 * full content (an SVG `<title>`).
 *
 * Long runs stay small and readable: only the stretches of time around the highlighted events are
 * drawn at full size; far-away stretches collapse into one band that says what it holds. Time is
 * mapped per distinct instant (not linearly), each label on a line of its own (`lamport-layout.ts`),
 * so a burst of messages within a millisecond stays legible. Routine traffic goes into a background
 * group a page can hide; the learner's first wrong decision is marked; messages that were due and
 * never sent are drawn dashed. The lane names are not in the diagram but in its header strip
 * (`renderLamportLaneHeader`, `LamportDiagram.header`), kept in sight above it.
 */
import { escapeHtml as esc } from './html-escape.ts';
import { instantOf, LANE_GAP, layoutLamport, LEFT, SLOT, TOP, type LabelPlace } from './lamport-layout.ts';
import type { SpaceTime } from './space-time.ts';

export interface LamportSvgOptions {
  /** Prefix for element ids (several diagrams on one page). */
  readonly id: string;
  /** Distinct instants drawn at full size on each side of a highlighted one. */
  readonly context?: number;
  /**
   * The learner's first decision outside the acceptable set (`CheckResult.firstBadDecision`, which
   * says when: "at t=<ms> ms …"): marked, and drawn in full.
   */
  readonly decision?: string;
}

/** A drawn diagram, its lane-name strip (as wide), and how many routine messages it holds (hidden until asked for). */
export interface LamportDiagram {
  readonly svg: string;
  readonly header: string;
  readonly background: number;
  /** Whether the learner's first wrong decision is marked. */
  readonly decision: boolean;
}

/** What the decision marker says, on its own line under the decision. */
export const DECISION_MARK = 'your first decision outside the acceptable set';

/** When the first wrong decision happened: every scenario check states it as "at t=<ms> ms …". */
export function decisionTime(firstBadDecision: string | undefined): number | undefined {
  const m = /^at t=(\d+) ms\b/.exec(firstBadDecision ?? '');
  return m === null ? undefined : Number(m[1]);
}

/** Draws the diagram. Every string from the run is escaped. */
export function renderLamportSvg(d: SpaceTime, o: LamportSvgOptions): string {
  return renderLamportDiagram(d, o).svg;
}

/**
 * Draws the diagram: routine traffic (quiet items) in a `background` group the page hides until
 * asked, everything a verdict is about on top, labelled, the learner's decision marked.
 */
export function renderLamportDiagram(d: SpaceTime, o: LamportSvgOptions): LamportDiagram {
  const at = decisionTime(o.decision);
  const L = layoutLamport(d, { context: o.context ?? 60, ...(at !== undefined ? { decision: { t: at, text: o.decision! } } : {}), decisionMark: DECISION_MARK });
  const { width, height, yOf, xOf, inFull } = L;
  const out: string[] = [];
  const back: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="lamport" id="${esc(o.id)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="space-time diagram">`,
    `<defs><marker id="${esc(o.id)}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>`,
  );
  // Collapsed bands first (under everything else).
  for (const s of L.stretches) {
    if (!s.collapsed) continue;
    const inside = d.items.filter((it) => {
      const t = instantOf(it);
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
  // Lanes (their names are the header strip above, kept in sight: drawn once).
  for (const l of d.lanes) {
    const x = xOf(l.id);
    out.push(`<g class="lane" data-lane="${esc(l.id)}"><title>${esc(l.label)}</title><line x1="${x}" y1="${TOP}" x2="${x}" y2="${height - 6}" class="lane-line"/></g>`);
  }
  for (const { t, y } of L.timeLabels) out.push(`<text x="${LEFT - 8}" y="${y + 4}" class="time" text-anchor="end">${t}</text>`);
  let violation = 0;
  const decision = L.decision?.item;
  for (const [i, it] of d.items.entries()) {
    const lit = it.highlight || i === decision;
    // Routine traffic goes to the background group, drawn first and hidden until asked for.
    const sink = it.quiet && !lit ? back : out;
    const ids = `${it.highlight ? ` id="${esc(o.id)}-violation-${violation++}"` : ''}${i === decision ? ` data-decision="${esc(o.id)}-decision"` : ''}`;
    const cls = (base: string): string => `${base}${it.quiet && !lit ? ' quiet' : ''}${it.highlight ? ' violation' : ''}${i === decision ? ' decision' : ''}`;
    const at = L.itemLabel.get(i);
    const text = at === undefined ? '' : labelText(at);
    const title = `<title>${esc(it.detail)}</title>`;
    if (it.kind === 'message') {
      const end = it.received ?? it.dropped?.t;
      if (!lit && !inFull(it.sent) && (end === undefined || !inFull(end))) continue;
      const x1 = xOf(it.from);
      const x2 = xOf(it.to);
      const y1 = at?.y ?? yOf(it.sent);
      const attrs = `class="${cls(`msg${it.received === undefined ? (it.dropped !== undefined ? ' drop' : ' lost') : ''}`)}" data-from="${esc(it.from)}" data-to="${esc(it.to)}"${ids}`;
      if (it.received !== undefined) {
        sink.push(`<g ${attrs}>${title}<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${yOf(it.received)}" marker-end="url(#${esc(o.id)}-arrow)"/>${text}</g>`);
      } else if (it.dropped !== undefined) {
        const y2 = yOf(it.dropped.t);
        const mx = x1 + (x2 - x1) * 0.6;
        const my = y1 + (y2 - y1) * 0.6;
        sink.push(`<g ${attrs}>${title}<line x1="${x1}" y1="${y1}" x2="${mx}" y2="${my}"/><path d="M${mx - 5},${my - 5} L${mx + 5},${my + 5} M${mx - 5},${my + 5} L${mx + 5},${my - 5}" class="cross"/>${text}</g>`);
      } else {
        sink.push(`<g ${attrs}>${title}<line x1="${x1}" y1="${y1}" x2="${x1 + (x2 - x1) * 0.3}" y2="${y1 + 8}" stroke-dasharray="3 3"/>${text}</g>`);
      }
      continue;
    }
    if (!lit && !inFull(it.t) && it.kind === 'note') continue;
    const y0 = at?.y ?? yOf(it.t);
    if (it.kind === 'fault' && it.lane === '*') {
      // Faults of the whole network at one instant (a recovery heals everything at once) share one label.
      const same = d.items.filter((x) => x.kind === 'fault' && x.lane === '*' && x.t === it.t);
      const all = text !== '' && same.length > 1 ? `<title>${esc(same.map((f) => f.detail).join('\n'))}</title>` : title;
      sink.push(`<g class="${cls('fault network')}"${ids}>${all}<line x1="${LEFT}" y1="${y0}" x2="${L.networkEnd}" y2="${y0}"/>${text}</g>`);
    } else if (it.kind === 'fault') {
      const x = xOf(it.lane);
      sink.push(`<g class="${cls('fault')}" data-lane="${esc(it.lane)}"${ids}>${title}<rect x="${x - 6}" y="${y0 - 6}" width="12" height="12"/>${text}</g>`);
    } else {
      const x = xOf(it.lane);
      sink.push(`<g class="${cls('note')}" data-lane="${esc(it.lane)}"${ids}>${title}<circle cx="${x}" cy="${y0}" r="${it.highlight ? 6 : 4}"/>${text}</g>`);
    }
  }
  // Messages that were due and never sent: dashed, labelled, where they were due.
  for (const [i, m] of (d.missing ?? []).entries()) {
    const at = L.missingLabel.get(i);
    if (at === undefined) continue;
    const x1 = xOf(m.from);
    const x2 = xOf(m.to);
    out.push(`<g class="msg missing" data-from="${esc(m.from)}" data-to="${esc(m.to)}"><title>${esc(`t=${m.t} ms, ${m.from} → ${m.to}: ${m.label} (due, never sent). ${m.detail}`)}</title><line x1="${x1}" y1="${at.y}" x2="${x2}" y2="${at.y + SLOT / 2}" marker-end="url(#${esc(o.id)}-arrow)"/>${labelText(at)}</g>`);
  }
  if (L.decision !== undefined) {
    const { marker, item, lane } = L.decision;
    // A ring around the event that stands for it; when none does (a call the trace does not show), a point of its own.
    const anchorY = item === undefined ? marker.y : (L.itemLabel.get(item)?.y ?? yOf(instantOf(d.items[item]!)));
    const point = item !== undefined ? `<circle class="ring" cx="${xOf(lane)}" cy="${anchorY}" r="10"/>` : `<path d="M${xOf(lane)},${marker.y - 6} l6,6 l-6,6 l-6,-6 z"/>`;
    out.push(`<g class="decision-mark" id="${esc(o.id)}-decision"><title>${esc(`${DECISION_MARK}: ${o.decision}`)}</title>${point}${labelText(marker)}</g>`);
  }
  out.push('</svg>');
  const svg = [out[0], out[1], back.length > 0 ? `<g class="background">${back.join('')}</g>` : '', ...out.slice(2)].join('\n');
  return { svg, header: renderLamportLaneHeader(d, width), background: back.filter((b) => b.startsWith('<g class="msg')).length, decision: L.decision !== undefined };
}

/**
 * The lane names as a strip to keep in sight above a scrolled diagram (the report makes it sticky);
 * it lines up with `renderLamportSvg`'s lanes.
 */
export function renderLamportLaneHeader(d: SpaceTime, width = LEFT + 40 + Math.max(1, d.lanes.length) * LANE_GAP + 160): string {
  const names = d.lanes.map((l, i) => `<text x="${LEFT + 40 + i * LANE_GAP}" y="16" text-anchor="middle" class="lane-name">${esc(l.label)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="lamport lane-header" width="${width}" height="22" viewBox="0 0 ${width} 22"><text x="${LEFT - 8}" y="16" class="time" text-anchor="end">t (ms)</text>${names}</svg>`;
}

/** CSS for the diagram's classes; the HTML report inlines it once. */
export const LAMPORT_CSS = `
svg.lamport { font: 11px ui-monospace, SFMono-Regular, Menlo, monospace; background: #fff; }
svg.lamport .lane-line { stroke: #888; stroke-width: 1.5; }
svg.lamport .lane-name { font-weight: bold; font-size: 13px; }
svg.lamport.lane-header { position: sticky; top: 0; z-index: 1; display: block; border-bottom: 1px solid #ddd; }
svg.lamport .time { fill: #777; }
svg.lamport .band { fill: #f1f1f4; }
svg.lamport .band-text { fill: #666; font-style: italic; }
svg.lamport .msg line { stroke: #2a6fb0; stroke-width: 1.3; }
svg.lamport .msg.quiet line { stroke: #b9c9d9; stroke-width: 1; }
svg.lamport .msg text, svg.lamport .note text { fill: #234; }
svg.lamport .drop line, svg.lamport .drop .cross { stroke: #c0392b; }
svg.lamport .cross { stroke-width: 2; fill: none; }
svg.lamport .drop.quiet line, svg.lamport .drop.quiet .cross { stroke: #e6c1bc; stroke-width: 1; }
svg.lamport .fault rect { fill: #c0392b; }
svg.lamport .fault text { fill: #c0392b; font-weight: bold; }
svg.lamport .fault.network line { stroke: #c0392b; stroke-dasharray: 6 4; }
svg.lamport .note circle { fill: #555; }
svg.lamport .note.quiet circle { fill: #bbb; }
svg.lamport .violation line { stroke: #e4007c !important; stroke-width: 3 !important; }
svg.lamport .violation circle, svg.lamport .violation rect { fill: #e4007c; stroke: #e4007c; stroke-width: 3; }
svg.lamport .violation text { fill: #e4007c; font-weight: bold; }
svg.lamport g:hover line { stroke-width: 3; }
svg.lamport g > text { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg.lamport .background { display: none; }
.show-routine:has(input:checked) svg.lamport .background { display: inline; }
svg.lamport .msg.missing line { stroke: #d35400; stroke-width: 2; stroke-dasharray: 6 4; }
svg.lamport .msg.missing text { fill: #d35400; font-weight: bold; }
svg.lamport .decision-mark .ring { fill: none; stroke: #111; stroke-width: 2; }
svg.lamport .decision-mark text { fill: #111; font-weight: bold; } svg.lamport .decision-mark path { fill: #111; }
`;

/** A label at its place (escaped; already cut to fit). */
function labelText(p: LabelPlace): string {
  return `<text x="${p.x}" y="${p.baseline}"${p.anchor === 'end' ? ' text-anchor="end"' : ''}>${esc(p.text)}</text>`;
}
