import { describe, expect, it } from 'vitest';
import { renderHtmlReport, REPORT_CSP } from '../../harness/render/index.ts';
import { EVIL, reportInput } from '../fixtures/ux/report-input.ts';

describe('HTML report', () => {
  const html = renderHtmlReport(reportInput());

  it('is one self-contained file that forbids the network', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP.replace(/'/g, '&#39;')}">`);
    expect(REPORT_CSP).toMatch(/^default-src 'none';/);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
    // Only the namespace URI names a URL, as SVG requires; nothing is fetched from it.
    expect(new Set(html.match(/https?:\/\/[^"]+/g))).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('escapes every learner-controlled string', () => {
    expect(html).not.toContain(EVIL);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('shows progress, each check, and the diagram of the failing run once per run', () => {
    expect(html).toContain('Progress: 0/1 exercises done');
    expect(html).toContain('✓ Decisions: safe');
    expect(html).toContain('✗ Cluster: No acknowledged write is lost');
    expect(html).toContain('Your first decision outside the acceptable set:');
    expect(html).toContain('./workbook check failover-coordinator --replay TOKEN');
    expect(html.match(/<svg [^>]*id="diagram-/g)).toHaveLength(1);
    expect(html.match(/<svg [^>]*class="lamport lane-header"/g)).toHaveLength(1);
    // The first failure opens the page, its run drawn there; the check's own section points up to it.
    expect(html.indexOf('<section id="start">')).toBeLessThan(html.indexOf('<section id="progress">'));
    expect(html).toMatch(/<section id="start">[^]*<svg [^>]*id="diagram-0"[^]*<section id="progress">/);
    expect(html.match(/The failing run is drawn <a href="#start">at the top of the page<\/a>\./g)).toHaveLength(2);
  });

  it('opens on the first failure without scrolling the page: its diagram scrolls in its own box, routine traffic behind a count', () => {
    expect(html).not.toMatch(/scrollIntoView|scrollTo\(|window\.scroll/);
    expect(html).toContain("box.querySelector('.decision-mark > :is(path, text)') || box.querySelector('.violation > :is(circle, rect, line)')");
    expect(html).toMatch(/<section id="start"><h2>Start here — failover-coordinator: ✗ Cluster: No acknowledged write is lost<\/h2>/);
    // Its decision (t=360 ms, on n3) is on no lane of this run: nothing claims to mark it.
    expect(html).not.toContain('▲ marks your first wrong decision');
    expect(html).toContain('href="#check-failover-coordinator-cluster-no-lost-acked-write"');
    expect(html).toContain('id="check-failover-coordinator-cluster-no-lost-acked-write"');
  });

  it('renders the chapter guide with markdown-it, code blocks intact', () => {
    expect(html).toContain('<h1>Chapter 6</h1>');
    expect(html).toContain('<em>text</em>');
    expect(html).toContain('<pre><code class="language-text">+---+\n| a |\n+---+\n</code></pre>');
  });
});
