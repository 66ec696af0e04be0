import { describe, expect, it } from 'vitest';
import { lanesOf, type PresentedRun } from '../../harness/curriculum/index.ts';
import type { TraceEvent } from '../../harness/sim/index.ts';
import { renderLamportDiagram, renderLamportSvg, spaceTimeFromTimeline, spaceTimeFromTrace } from '../../harness/render/index.ts';
import { longTrace, simpleRun, SMALL_HIGHLIGHT, smallTrace } from '../fixtures/ux/synthetic-trace.ts';

describe('space-time diagram', () => {
  it('pairs sends with deliveries and drops, and keeps faults and notes on their lanes', () => {
    const d = spaceTimeFromTrace(simpleRun(smallTrace()), SMALL_HIGHLIGHT);
    expect(d.lanes.map((l) => l.id)).toEqual(['coordinator', 'n1', 'n2']);
    const messages = d.items.filter((i) => i.kind === 'message');
    expect(messages.map((m) => [m.from, m.to, m.sent, m.received, m.dropped?.reason])).toEqual([
      ['coordinator', 'n1', 10, 12, undefined],
      ['n1', 'coordinator', 13, 15, undefined],
      ['coordinator', 'n2', 20, undefined, 'loss'],
    ]);
    expect(d.items.filter((i) => i.kind === 'fault').map((f) => (f.kind === 'fault' ? f.lane : ''))).toEqual(['n2', '*']);
    expect(d.items.filter((i) => i.highlight)).toHaveLength(1);
  });

  it('draws a lane per node, an arrow per message, a cross per drop, marks faults, highlights the violation and escapes contents', () => {
    const svg = renderLamportSvg(spaceTimeFromTrace(simpleRun(smallTrace()), SMALL_HIGHLIGHT), { id: 'd0' });
    expect(svg.match(/<g class="lane" data-lane="/g)).toHaveLength(3);
    expect(svg.match(/<g class="msg[^"]*"/g)).toHaveLength(3);
    expect(svg.match(/marker-end=/g)).toHaveLength(2);
    expect(svg.match(/class="cross"/g)).toHaveLength(1);
    expect(svg.match(/<g class="fault/g)).toHaveLength(2);
    expect(svg).toContain('<g class="note violation" data-lane="n1" id="d0-violation-0">');
    // Message contents on hover, escaped; nothing from the run reaches the markup unescaped.
    expect(svg).toContain('&lt;b&gt;hi&lt;/b&gt;');
    expect(svg).toContain('serve &lt;now&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<now>');
    expect(svg).not.toContain('collapsed');
  });

  it('collapses far-away stretches of a long run and keeps the violation drawn in full', () => {
    const { events, violationAt } = longTrace(100_000);
    const d = spaceTimeFromTrace(simpleRun(events), [{ t: violationAt, node: 'n3' }]);
    const svg = renderLamportSvg(d, { id: 'big' });
    expect(svg.length).toBeLessThan(1_000_000);
    const bands = svg.match(/<g class="collapsed"/g) ?? [];
    expect(bands).toHaveLength(2);
    expect(svg).toMatch(/events collapsed \(\d+ messages(, 1 fault)?\), far from the violation/);
    expect(svg).toContain('id="big-violation-0"');
    // The violation sits near the top: only one collapsed band (a fixed height) above it, then the
    // 60 instants of context, each with at most two label lines.
    const y = Number(/id="big-violation-0"[^]*?cy="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
    expect(y).toBeLessThan(8 + 34 + 61 * 2 * 19);
  });
});

describe("space-time diagram of a whole run around a check's timeline", () => {
  it('labels the events the timeline lists, draws the rest faint, labels a broadcast once and same-instant network faults together', () => {
    const events: TraceEvent[] = [
      ...smallTrace(),
      { t: 41, kind: 'send', id: 4, from: 'coordinator', to: 'n1', msg: { type: 'thaw' } },
      { t: 41, kind: 'send', id: 5, from: 'coordinator', to: 'n2', msg: { type: 'thaw' } },
      { t: 42, kind: 'deliver', id: 4, from: 'coordinator', to: 'n1' },
      { t: 42, kind: 'deliver', id: 5, from: 'coordinator', to: 'n2' },
      { t: 50, kind: 'fault', fault: { kind: 'heal' } } as TraceEvent,
      { t: 50, kind: 'fault', fault: { kind: 'link-faults-clear' } } as TraceEvent,
    ];
    const selected = [
      { t: 10, kind: 'message' as const, lane: 'coordinator', to: 'n1', text: 'probe', highlight: false },
      { t: 41, kind: 'message' as const, lane: 'coordinator', to: 'n1', text: 'thaw', highlight: false },
      { t: 41, kind: 'message' as const, lane: 'coordinator', to: 'n2', text: 'thaw', highlight: false },
    ];
    const d = spaceTimeFromTrace(simpleRun(events), SMALL_HIGHLIGHT, selected);
    const messages = d.items.filter((i) => i.kind === 'message');
    expect(messages.map((m) => [m.label, m.quiet])).toEqual([
      ['probe', false],
      ['probe-reply', true],
      ['probe', true],
      ['thaw', false],
      ['thaw', false],
    ]);
    // The highlighted note is labelled although no timeline entry lists it.
    expect(d.items.find((i) => i.kind === 'note')).toMatchObject({ quiet: false, highlight: true });
    const svg = renderLamportSvg(d, { id: 's' });
    expect(svg.match(/>thaw<\/text>/g)).toHaveLength(1);
    expect(svg).toContain('{&quot;kind&quot;:&quot;heal&quot;} (+1)');
    expect(svg.match(/<g class="fault network"/g)).toHaveLength(3);
  });
});

describe('space-time diagram from a check timeline (runs that cannot be replayed)', () => {
  it('keeps lanes, messages, faults and highlights', () => {
    const d = spaceTimeFromTimeline({
      lanes: lanesOf(['n1', 'n2']),
      omitted: 0,
      repeats: 0,
      entries: [
        { t: 5, kind: 'message', lane: 'n1', to: 'n2', text: 'put x', highlight: false },
        { t: 6, kind: 'fault', lane: 'n2', text: 'crash n2', highlight: false },
        { t: 9, kind: 'note', lane: 'n1', text: 'lost x', highlight: true },
      ],
    });
    const svg = renderLamportSvg(d, { id: 't' });
    expect(svg.match(/<g class="lane"/g)).toHaveLength(2);
    expect(svg.match(/marker-end=/g)).toHaveLength(1);
    expect(svg).toContain('crash n2');
    expect(svg).toContain('id="t-violation-0"');
  });
});

describe('space-time diagram layout where it matters', () => {
  /** Five nodes acting at one instant: a broadcast, two replies, three notes and a crash, all at t=7. */
  const burst: TraceEvent[] = [
    { t: 7, kind: 'send', id: 1, from: 'coordinator', to: 'n1', msg: { type: 'probe' } },
    { t: 7, kind: 'send', id: 2, from: 'coordinator', to: 'n2', msg: { type: 'probe' } },
    { t: 7, kind: 'send', id: 3, from: 'n1', to: 'coordinator', msg: { type: 'a-rather-long-reply-label' } },
    { t: 7, kind: 'send', id: 4, from: 'n2', to: 'coordinator', msg: { type: 'another-long-reply-label' } },
    { t: 7, kind: 'note', node: 'n1', name: 'first', data: {} },
    { t: 7, kind: 'note', node: 'n2', name: 'second', data: {} },
    { t: 7, kind: 'note', node: 'coordinator', name: 'third', data: {} },
    { t: 7, kind: 'fault', fault: { kind: 'crash', node: 'n2' } } as TraceEvent,
    { t: 8, kind: 'deliver', id: 1, from: 'coordinator', to: 'n1' },
    { t: 8, kind: 'deliver', id: 2, from: 'coordinator', to: 'n2' },
    { t: 8, kind: 'deliver', id: 3, from: 'n1', to: 'coordinator' },
    { t: 8, kind: 'deliver', id: 4, from: 'n2', to: 'coordinator' },
  ];

  /** Every label's box as drawn: its baseline, its anchor, and the font's box (10 px above, 3 below, 6.7 px a character). */
  function labelBoxes(svg: string): { x0: number; x1: number; y0: number; y1: number; text: string }[] {
    return [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"( text-anchor="end")?>([^<]*)<\/text>/g)].map((m) => {
      const x = Number(m[1]);
      const y = Number(m[2]);
      const w = m[4]!.length * 6.7;
      return { x0: m[3] ? x - w : x, x1: m[3] ? x : x + w, y0: y - 10, y1: y + 3, text: m[4]! };
    });
  }

  it('gives every label of simultaneous events a line of its own: no two label boxes overlap', () => {
    const svg = renderLamportSvg(spaceTimeFromTrace(simpleRun(burst), [{ t: 7, node: 'n1' }]), { id: 'b' });
    const boxes = labelBoxes(svg);
    // The broadcast is labelled once; the replies, the notes and the crash each once.
    expect(boxes.map((b) => b.text).sort()).toEqual(['a-rather-long-reply-label', 'another-long-reply-label', 'first &lt;now&gt;', 'probe', 'second &lt;now&gt;', 'third &lt;now&gt;', '{&quot;kind&quot;:&quot;crash&quot;,&quot;node&quot;:&quot;n2&quot;}'].sort());
    expect(new Set(boxes.map((b) => b.y0)).size).toBe(boxes.length);
    const overlaps = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0)));
    expect(overlaps).toEqual([]);
  });

  it('draws routine traffic in a background group with its count, and the lane names only in the header strip', () => {
    const quiet: PresentedRun = { ...simpleRun(smallTrace()), presenter: { ...simpleRun([]).presenter, message: (m) => ({ label: String((m as { type?: string }).type), quiet: (m as { type?: string }).type === 'probe-reply' }) } };
    const drawn = renderLamportDiagram(spaceTimeFromTrace(quiet, SMALL_HIGHLIGHT), { id: 'q' });
    expect(drawn.background).toBe(1);
    expect(drawn.svg).toMatch(/<g class="background"><g class="msg quiet" data-from="n1" data-to="coordinator">/);
    expect(drawn.svg).not.toContain('lane-name');
    expect(drawn.header.match(/class="lane-name"/g)).toHaveLength(3);
  });

  it('draws a message that was due and never sent dashed, labelled, on its own line', () => {
    const run: PresentedRun = { ...simpleRun(smallTrace()), missing: [{ t: 40, from: 'coordinator', to: 'n2', label: 'missing repair: k1 to version 3', detail: 'n2 replied version 1' }] };
    const d = spaceTimeFromTrace(run, SMALL_HIGHLIGHT);
    expect(d.missing).toHaveLength(1);
    const svg = renderLamportSvg(d, { id: 'm' });
    expect(svg).toMatch(/<g class="msg missing" data-from="coordinator" data-to="n2"><title>t=40 ms, coordinator → n2: missing repair: k1 to version 3 \(due, never sent\)\. n2 replied version 1<\/title><line [^>]*marker-end/);
    expect(svg).toContain('>missing repair: k1 to version 3</text>');
    const boxes = labelBoxes(svg);
    expect(new Set(boxes.map((b) => b.y0)).size).toBe(boxes.length);
  });

  it("marks the learner's first wrong decision: a ring on the event that stands for it, else a point on the lane its words name", () => {
    const d = spaceTimeFromTrace(simpleRun(smallTrace()), SMALL_HIGHLIGHT);
    const onEvent = renderLamportSvg(d, { id: 'e', decision: 'at t=40 ms n1 served epoch 2; acceptable: not serving' });
    expect(onEvent).toContain('<g class="note violation decision" data-lane="n1" id="e-violation-0" data-decision="e-decision">');
    expect(onEvent).toMatch(/<g class="decision-mark" id="e-decision"><title>[^<]*<\/title><circle class="ring"[^>]*\/><text [^>]*>▲ your first decision outside the acceptable set<\/text><\/g>/);
    // Nothing happened on n2 at t=25: the decision gets a point of its own there, drawn in full.
    const own = renderLamportSvg(d, { id: 'p', decision: 'at t=25 ms (n2) returned nothing; acceptable: a hand-off' });
    expect(own).toMatch(/<g class="decision-mark" id="p-decision"><title>[^<]*<\/title><path d="M410,/);
    expect(own).not.toContain('data-decision');
    expect(renderLamportSvg(d, { id: 'n', decision: 'no time stated' })).not.toContain('decision-mark');
  });
});
