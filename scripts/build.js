// Bundles the CLI, the learner host and the public exercise module to plain JavaScript in dist/, so
// `workbook` starts without a TypeScript loader (a loader costs ~0.3 s per start and per worker).
// Then it writes dist/harness-hash.json, the SHA-256 of the bundled files: the harness's version for
// every cache key and record (harness/grading/version-hash.ts reads it).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildDist() {
  const common = {
    absWorkingDir: root,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    // Less text for V8 to scan on every start (~20 % of the bundle); names are kept, so stacks and
    // `name`s read as in the source.
    minifyWhitespace: true,
    minifySyntax: true,
    packages: 'external',
    logLevel: 'warning',
  };
  await build({
    ...common,
    entryPoints: {
      'learner-host': 'harness/grading/learner-host/index.ts',
      exercise: 'harness/exercise/index.ts',
      prestart: 'harness/grading/prestart.ts',
    },
    format: 'esm',
  });
  // The CLI is a CommonJS function body, so bin/cli-loader.js can compile it with V8's code cache
  // (Node 20 has none for ES modules): its start then skips most of the parsing. Its few dynamic
  // imports become requires, which that loader's `require` takes file URLs for.
  await build({
    ...common,
    entryPoints: { cli: 'harness/cli/main.ts' },
    format: 'cjs',
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__cliUrl' },
    // Strict, as the ES modules it is built from: the directive must come first.
    banner: { js: '"use strict";const __cliUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  // A code cache of an earlier bundle is of no use, and one the build did not make is not to be kept.
  rmSync(join(root, 'dist', 'cli.js.cache'), { force: true });
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
