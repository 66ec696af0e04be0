#!/usr/bin/env node
// The `workbook` command. It runs the prebuilt bundle in dist/ (made by `npm ci` / `npm install`); if
// that is missing, for instance after `npm install --ignore-scripts`, it builds it once first.
import module from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

// Node 22+ keeps compiled bytecode between runs; on Node 20 there is no such call and nothing to do.
module.enableCompileCache?.();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  const { buildDist } = await import(pathToFileURL(join(root, 'scripts', 'build.js')).href);
  await buildDist();
}
// Commands that run learner code start its worker and the bundler now, on the other core, while the
// CLI bundle loads (`workbook` alone opens the menu, which runs checks too).
const command = process.argv[2];
const early = command === undefined || command === 'check' || command === 'watch' || command === 'report' ? await import(pathToFileURL(join(root, 'dist', 'prestart.js')).href) : undefined;
early?.prestart();
const { loadCli } = await import('./cli-loader.js');
// Grading runs as whoever runs the autograder, over other people's files: no cached code for it.
const loaded = loadCli(cli, { cache: command !== 'grade' });
process.exitCode = await loaded.exports.main(process.argv.slice(2));
loaded.keepCache();
await early?.finishPrestart();
