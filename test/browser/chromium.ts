/**
 * Debian's chromium driven by playwright-core (never a downloaded browser). When it is missing the
 * tests are skipped, except under CI=true, where they fail with what to do (fixtures/ux/optional-tools.ts);
 * `.ci/run` installs it with apt-get.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '../fixtures/ux/optional-tools.ts';

export { CHROMIUM };

export async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium is not installed at ${CHROMIUM}: the browser tests need Debian's chromium. Install it with: apt-get update && apt-get install -y chromium (.ci/run does this)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'workbook-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Chromium may still be flushing its profile when the context reports closed: retry, and never let
  // a leftover temporary folder fail a test run.
  context.on('close', () => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    } catch {
      // The OS cleans /tmp; the test's assertions are what matter.
    }
  });
  return context;
}

/** Where screenshots go: a temporary folder (printed by the test). */
export function screenshotDir(): string {
  return mkdtempSync(join(tmpdir(), 'workbook-screenshots-'));
}

/**
 * A screenshot as a learner would take one, with no script driving the page: `chromium --headless
 * --screenshot` of `url` in a window of `width`×`height`, in a profile of its own. (--no-sandbox:
 * tests may run as root, where chromium refuses its sandbox.)
 */
export function plainScreenshot(url: string, png: string, width = 1280, height = 900): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'workbook-chromium-plain-'));
  return new Promise((resolve, reject) => {
    execFile(
      CHROMIUM,
      ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, `--screenshot=${png}`, `--window-size=${width},${height}`, url],
      { timeout: 60_000 },
      (error) => {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
        if (error !== null) reject(error);
        else resolve();
      },
    );
  });
}

/**
 * How much of a screenshot holds something: the share of its pixels that are not the page's white
 * background, and the share of its pixel rows that have any such pixel. Decoded by the browser
 * (`page`, any open page): the PNG is drawn on a canvas and read back.
 */
export async function inkOf(page: Page, png: string): Promise<{ pixels: number; rows: number }> {
  const url = `data:image/png;base64,${readFileSync(png).toString('base64')}`;
  return (await page.evaluate(`(async () => {
    const img = new Image();
    img.src = ${JSON.stringify(url)};
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const { data } = g.getImageData(0, 0, img.width, img.height);
    let ink = 0, rows = 0;
    for (let y = 0; y < img.height; y++) {
      let row = 0;
      for (let x = 0; x < img.width; x++) {
        const i = (y * img.width + x) * 4;
        if (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245) row++;
      }
      ink += row;
      if (row > 0) rows++;
    }
    return { pixels: ink / (img.width * img.height), rows: rows / img.height };
  })()`)) as { pixels: number; rows: number };
}
