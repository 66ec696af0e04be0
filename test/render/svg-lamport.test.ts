import { describe, expect, it } from 'vitest';
import { lanesOf } from '../../harness/curriculum/index.ts';
import type { TraceEvent } from '../../harness/sim/index.ts';
import { renderLamportSvg, spaceTimeFromTimeline, spaceTimeFromTrace } from '../../harness/render/index.ts';
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
