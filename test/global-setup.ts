// Builds dist/ before the suite: tests spawn the CLI and start learner workers from it.
// @ts-expect-error: a plain JavaScript build script without type declarations.
import { buildDist } from '../scripts/build.js';

export default async function setup(): Promise<void> {
  await buildDist();
}
