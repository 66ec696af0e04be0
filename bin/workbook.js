#!/usr/bin/env node
// The `workbook` command. It runs the prebuilt bundle in dist/ (made by `npm ci` / `npm install`); if
// that is missing, for instance after `npm install --ignore-scripts`, it builds it once first.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  const { buildDist } = await import(pathToFileURL(join(root, 'scripts', 'build.js')).href);
  await buildDist();
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
