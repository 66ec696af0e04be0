// Builds dist/ before the suite (tests spawn the CLI and start learner workers from it), and says in
// one line which tests are skipped for a missing chromium or tmux.
// @ts-expect-error: a plain JavaScript build script without type declarations.
import { buildDist } from '../scripts/build.js';

import { missingToolsLine } from './fixtures/ux/optional-tools.ts';

export default async function setup(): Promise<void> {
  const missing = missingToolsLine();
  if (missing !== undefined) process.stdout.write(`${missing}\n`);
  await buildDist();
}
