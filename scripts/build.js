// Bundles the CLI, the learner host and the public exercise module to plain JavaScript in dist/, so
// `workbook` starts without a TypeScript loader (a loader costs ~0.3 s per start and per worker).
// Then it writes dist/harness-hash.json, the SHA-256 of the bundled files: the harness's version for
// every cache key and record (harness/grading/version-hash.ts reads it).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
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
      prestart: 'harness/grading/prestart.ts',
    },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // Less text for V8 to scan on every start (~20 % of the bundle); names are kept, so stacks and
    // `name`s read as in the source.
    minifyWhitespace: true,
    minifySyntax: true,
    packages: 'external',
    logLevel: 'warning',
  });
  writeHarnessHash(['cli.js', 'exercise.js', 'learner-host.js', 'prestart.js']);
}

/** Hashes the bundled files (names and contents, in this order) into dist/harness-hash.json. */
function writeHarnessHash(files) {
  const h = createHash('sha256').update('harness-bundle\0');
  for (const name of files) h.update(`${name}\0${createHash('sha256').update(readFileSync(join(root, 'dist', name))).digest('hex')}\0`);
  const file = join(root, 'dist', 'harness-hash.json');
  // Written beside and renamed, so a CLI starting during a build never reads half a file.
  writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify({ sha256: h.digest('hex'), files }, null, 2) + '\n');
  renameSync(`${file}.${process.pid}.tmp`, file);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDist();
}
