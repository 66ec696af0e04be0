// Bundles the CLI, the learner host and the public exercise module to plain JavaScript in dist/, so
// `workbook` starts without a TypeScript loader (a loader costs ~0.3 s per start and per worker).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildDist() {
  await build({
    absWorkingDir: root,
    entryPoints: {
      cli: 'harness/cli/main.ts',
      'learner-host': 'harness/grading/learner-host/index.ts',
      exercise: 'harness/exercise/index.ts',
    },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    packages: 'external',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDist();
}
