/**
 * Debian's chromium driven by playwright-core (never a downloaded browser). When it is missing the
 * tests are skipped, except under CI=true, where they fail with what to do (fixtures/ux/optional-tools.ts);
 * `.ci/run` installs it with apt-get.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
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
