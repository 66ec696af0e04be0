import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXERCISES, type CheckResult } from '../../harness/curriculum/index.ts';
import { packageRoot } from '../../harness/grading/index.ts';
import { renderHtmlReport, spaceTimeFromTrace } from '../../harness/render/index.ts';
import { EXERCISE_FILE, FAILING_FILE, scratchWorkbook, workbookIn } from '../fixtures/ux/scratch-workbook.ts';
import { reportInput } from '../fixtures/ux/report-input.ts';
import { longTrace, simpleRun } from '../fixtures/ux/synthetic-trace.ts';
import { skipWithout } from '../fixtures/ux/optional-tools.ts';
import { inkOf, launchChromium, plainScreenshot, screenshotDir } from './chromium.ts';

let browser: BrowserContext;

// Without chromium (and outside CI) the whole file is skipped; global-setup said so in one line.
const skipped = skipWithout('chromium');

beforeAll(async () => {
  if (!skipped) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens `file`, records any request that is not for the file itself, and resolves once loaded. */
async function open(file: string): Promise<{ page: Page; ms: number; requests: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  const started = performance.now();
  await page.goto(url, { waitUntil: 'load' });
  // Browser-side code goes as strings: the test project is type-checked without the DOM library.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
  return { page, ms: performance.now() - started, requests };
}

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return (await page.evaluate(`(() => {
    const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
    return r.width + r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  })()`)) as boolean;
}

/**
 * A failing file per scenario exercise, and a message type its diagram can only have from the whole
 * replayed trace: the check's own timeline never lists it (replication, anti-entropy, the reference
 * reader's reads, syncs carrying nothing).
 */
const FAILING: Record<string, { readonly file: string; readonly onlyInTrace: string; readonly lanes: readonly string[]; readonly missing?: true }> = {
  'failover-coordinator': { file: FAILING_FILE, onlyInTrace: '{"type":"append",', lanes: ['coordinator', 'n1', 'n2', 'n3'] },
  // These two skip a repair (a read repair, a hand-off): drawn dashed where it was due.
  'quorum-reader': { file: 'test/fixtures/buggy/quorum-reader/no-repair.ts', onlyInTrace: '{"type":"sync",', lanes: ['r1', 'n1', 'n2', 'n3'], missing: true },
  'sloppy-quorum': { file: 'test/fixtures/buggy/sloppy-quorum/never-hands-off.ts', onlyInTrace: '{"type":"get",', lanes: ['r1', 'n1', 'n2', 'n3', 'n4', 'n5'], missing: true },
  'vector-clock': { file: 'test/fixtures/buggy/vector-clock/merge-minimum.ts', onlyInTrace: '{"type":"sync","siblings":[]}', lanes: ['n1', 'n2', 'n3', 'c1', 'c2', 'c3'] },
  'concurrent-writes': { file: 'test/fixtures/buggy/concurrent-writes/last-write-wins.ts', onlyInTrace: '{"type":"sync","siblings":[]}', lanes: ['n1', 'n2', 'n3', 'c1', 'c2', 'c3'] },
  'replication-ack': { file: 'test/fixtures/buggy/replication-ack/first-as-any.ts', onlyInTrace: '{"type":"standby-status",', lanes: ['n1', 'n2', 'n3'] },
  'follower-bootstrap': { file: 'test/fixtures/buggy/follower-bootstrap/installs-older-snapshot.ts', onlyInTrace: '{"type":"append-ack",', lanes: ['n1', 'r1', 'r2'] },
  'replication-log': { file: 'test/fixtures/buggy/replication-log/now-left-in-place.ts', onlyInTrace: '{"type":"log-ack",', lanes: ['n1', 'n2', 'n3', 'c1', 'c2'] },
  'read-your-writes': { file: 'test/fixtures/buggy/read-your-writes/accepts-everything.ts', onlyInTrace: '{"type":"append",', lanes: ['u1a', 'u1b'] },
  'monotonic-reads': { file: 'test/fixtures/buggy/monotonic-reads/accepts-everything.ts', onlyInTrace: '{"type":"append",', lanes: ['u1a', 'u2a'] },
  'consistent-prefix': { file: 'test/fixtures/buggy/consistent-prefix/no-cut.ts', onlyInTrace: '{"type":"append",', lanes: ['u1', 'u2'] },
  'topology-routing': { file: 'test/fixtures/buggy/topology-routing/apply-on-arrival.ts', onlyInTrace: '{"type":"link-ack",', lanes: ['n1', 'n2', 'n3'] },
  'or-set': { file: 'test/fixtures/buggy/or-set/or-remove-without-tombstone.ts', onlyInTrace: '{"type":"state",', lanes: ['n1', 'n2', 'n3'] },
  'operational-transform': { file: 'test/fixtures/buggy/operational-transform/tie-always-stays.ts', onlyInTrace: '{"type":"link-ack",', lanes: ['server', 'c1', 'c2'] },
  'crdt-counters': { file: 'test/fixtures/buggy/crdt-counters/pn-merge-sums.ts', onlyInTrace: '{"type":"state",', lanes: ['n1', 'n2', 'n3'] },
  'conflict-resolution': { file: 'test/fixtures/buggy/conflict-resolution/timestamps-as-strings.ts', onlyInTrace: '{"type":"update-ack",', lanes: ['n1', 'n2'] },
};

describe.skipIf(skipped)('the HTML report in a real browser (Debian chromium)', () => {
  it('shows the failing run as a space-time diagram: lanes, arrows, the violation highlighted and in view', async () => {
    const dir = scratchWorkbook();
    writeFileSync(join(dir, EXERCISE_FILE), readFileSync(join(packageRoot(), FAILING_FILE)));
    const file = join(dir, 'report.html');
    const made = await workbookIn(dir, ['report', '--out', file]);
    expect(made.code, made.stderr).toBe(0);
    const { page, requests } = await open(file);
    const diagram = page.locator('svg.lamport[id^="diagram-"]').first();
    // The lane names stay in sight above the scrolled diagram.
    expect(await page.locator('svg.lane-header').first().textContent()).toMatch(/coordinator\s*n1\s*n2\s*n3/);
    expect(await inViewport(page, 'svg.lane-header')).toBe(true);
    await expect(diagram.isVisible()).resolves.toBe(true);
    const lanes = await diagram.locator('g.lane').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-lane')));
    expect(lanes.slice(0, 4)).toEqual(['coordinator', 'n1', 'n2', 'n3']);
    expect(await diagram.locator('g.msg line[marker-end]').count()).toBeGreaterThan(5);
    const violations = diagram.locator('.violation');
    expect(await violations.count()).toBeGreaterThan(0);
    // Highlighted in a colour of its own, and brought into view on opening.
    const colour = await page.evaluate(`getComputedStyle(document.querySelector('svg.lamport .violation :is(line, circle, rect)')).stroke`);
    expect(colour).toBe('rgb(228, 0, 124)');
    expect(await inViewport(page, 'svg.lamport .violation')).toBe(true);
    // Message contents on hover.
    expect(await diagram.locator('g.msg title').first().textContent()).toMatch(/→ .*sent at t=\d+ ms: \{"type":/);
    expect(requests).toEqual([]);
    // The Content-Security-Policy forbids the network.
    const blocked = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective));
      fetch('https://example.org/').catch(() => undefined);
      setTimeout(() => resolve('no violation'), 2000);
    })`);
    expect(blocked).toMatch(/connect-src|default-src/);
    const shot = join(screenshotDir(), 'report.png');
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    console.log(`screenshot: ${shot}`);
    await page.close();
  }, 120_000);

  it('a plain `chromium --headless --screenshot` of the page shows the first failure, its diagram and the decision', async () => {
    const dir = scratchWorkbook();
    const exercise = EXERCISES.find((e) => e.id === 'quorum-reader')!;
    writeFileSync(join(dir, exercise.file), readFileSync(join(packageRoot(), FAILING['quorum-reader']!.file)));
    const file = join(dir, 'report.html');
    const made = await workbookIn(dir, ['report', '--out', file]);
    expect(made.code, made.stderr).toBe(0);
    // No script drives this one: what a learner gets from the command line.
    const png = join(screenshotDir(), 'plain.png');
    await plainScreenshot(pathToFileURL(file).href, png);
    const blank = await browser.newPage();
    const ink = await inkOf(blank, png);
    await blank.close();
    console.log(`plain screenshot ${png}: ${(ink.pixels * 100).toFixed(1)} % of pixels and ${(ink.rows * 100).toFixed(0)} % of rows hold something`);
    // A page of text and a diagram: most rows hold something, and not only a few specks.
    expect(ink.rows).toBeGreaterThan(0.6);
    expect(ink.pixels).toBeGreaterThan(0.04);
    // The same first screen, by its layout: the page never scrolled; the failure's diagram, lane names and decision are in it.
    const { page } = await open(file);
    expect(await page.evaluate('scrollY')).toBe(0);
    expect(await page.locator('#start h2').textContent()).toContain('quorum-reader');
    expect(await inViewport(page, '#start svg.lane-header')).toBe(true);
    expect(await inViewport(page, '#start .decision-mark > text')).toBe(true);
    expect(await inViewport(page, '#start g.msg.missing > text')).toBe(true);
    await page.close();
  }, 120_000);

  it("draws every scenario exercise's failing run from its whole replayed trace", async () => {
    // Every exercise whose checks replay scenarios has a failing file here.
    expect(Object.keys(FAILING).sort()).toEqual(EXERCISES.filter((e) => e.groups.some((g) => g.trace !== undefined)).map((e) => e.id).sort());
    // Outside CI every fourth exercise in the manifest is drawn (each draws with its own presenter,
    // on the same renderer): the report replays every failing run it shows, the bulk of this test.
    const drawn = EXERCISES.filter((e, i) => FAILING[e.id] !== undefined && (process.env.CI === 'true' || i % 4 === 0));
    const dir = scratchWorkbook();
    for (const e of drawn) writeFileSync(join(dir, e.file), readFileSync(join(packageRoot(), FAILING[e.id]!.file)));
    const file = join(dir, 'report.html');
    const made = await workbookIn(dir, ['report', '--out', file]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).not.toContain('could not be replayed');
    const { page } = await open(file);
    const shots = screenshotDir();
    for (const { id } of drawn) {
      const want = FAILING[id]!;
      const figure = page.locator(`figure.diagram[data-exercise="${id}"]`).first();
      const diagram = figure.locator('svg.lamport[id^="diagram-"]');
      expect(await diagram.count(), id).toBe(1);
      const lanes = await diagram.locator('g.lane').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-lane')));
      expect(lanes.slice(0, want.lanes.length), id).toEqual(want.lanes);
      // The lane names are drawn once, in the strip kept in sight above the diagram.
      expect(await figure.locator('text.lane-name').allTextContents(), id).toEqual(lanes);
      const titles = await diagram.locator('g.msg > title').allTextContents();
      // Only a trace knows when a message arrived, and what it carried.
      expect(titles.filter((t) => / sent at t=\d+ ms: .*; arrived at t=\d+ ms$/.test(t)).length, id).toBeGreaterThan(10);
      expect(titles.some((t) => t.includes(want.onlyInTrace)), `${id}: a ${want.onlyInTrace} message`).toBe(true);
      // The check's own timeline is what is labelled; the rest of the run is drawn faint around it.
      expect(await diagram.locator('g:is(.msg, .note):not(.quiet) > text').count(), id).toBeGreaterThan(0);
      expect(await diagram.locator('g.msg.quiet').count(), id).toBeGreaterThan(0);
      const svgId = (await diagram.getAttribute('id'))!;
      // No two labels overlap: simultaneous events' labels are spread over lines of their own.
      const boxes = (await page.evaluate(`[...document.getElementById(${JSON.stringify(svgId)}).querySelectorAll('text')]
        .map((t) => { const r = t.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom, text: t.textContent }; })
        .filter((b) => b.r > b.l)`)) as { l: number; t: number; r: number; b: number; text: string }[];
      expect(boxes.length, id).toBeGreaterThan(5);
      const overlapping = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => Math.min(a.r, b.r) - Math.max(a.l, b.l) > 0.5 && Math.min(a.b, b.b) - Math.max(a.t, b.t) > 0.5).map((b) => `"${a.text}" × "${b.text}"`));
      expect(overlapping, id).toEqual([]);
      // It opens at the learner's first wrong decision: scrolled to inside its box, below the lane names.
      const decision = (await page.evaluate(`(() => {
        const svg = document.getElementById(${JSON.stringify(svgId)});
        const box = svg.closest('.scroll');
        const m = svg.querySelector('.decision-mark > text');
        if (!m) return 'no decision marked';
        const r = m.getBoundingClientRect(), c = box.getBoundingClientRect();
        return r.top >= c.top + 22 && r.bottom <= c.top + box.clientHeight && r.left >= c.left && r.left < c.left + box.clientWidth ? 'in view' : 'out of view';
      })()`)) as string;
      expect(decision, id).toBe('in view');
      // Routine traffic is folded behind a count until asked for.
      const background = `getComputedStyle(document.getElementById(${JSON.stringify(svgId)}).querySelector('.background')).display`;
      expect(await page.evaluate(background), id).toBe('none');
      await figure.locator('label.toggle input').check();
      expect(await page.evaluate(background), id).toBe('inline');
      await figure.locator('label.toggle input').uncheck();
      if (want.missing) expect(await diagram.locator('g.msg.missing > text').allTextContents(), id).toContainEqual(expect.stringMatching(/^missing repair: /));
      await figure.scrollIntoViewIfNeeded();
      await figure.screenshot({ path: join(shots, `${id}.png`) });
    }
    console.log(`screenshots: ${shots}`);
    await page.close();
  }, 180_000);

  it('a 100,000-event trace: under 15 MB, opens in under 3 s, the violation in view without scrolling', async () => {
    const { events, violationAt } = longTrace(100_000);
    const run = spaceTimeFromTrace(simpleRun(events), [{ t: violationAt, node: 'n3' }]);
    const file = join(screenshotDir(), 'big-report.html');
    // The learner's decision is the violating note.
    const input = reportInput(run);
    const decided = (c: CheckResult): CheckResult => (c.firstBadDecision === undefined ? c : { ...c, firstBadDecision: `at t=${violationAt} ms n3 served` });
    writeFileSync(file, renderHtmlReport({ ...input, exercises: input.exercises.map((e) => ({ ...e, result: { ...e.result!, checks: e.result!.checks.map(decided) } })) }));
    expect(statSync(file).size).toBeLessThan(15 * 1024 * 1024);
    const { page, ms } = await open(file);
    console.log(`100,000-event report: ${(statSync(file).size / 1024).toFixed(0)} KB, loaded in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(3000);
    expect(await page.locator('svg.lamport .collapsed').count()).toBe(2);
    expect(await inViewport(page, 'svg.lane-header')).toBe(true);
    expect(await inViewport(page, 'svg.lamport .violation')).toBe(true);
    expect(await inViewport(page, 'svg.lamport .decision-mark')).toBe(true);
    await page.screenshot({ path: join(screenshotDir(), 'big-report.png') });
    await page.close();
  }, 120_000);
});
