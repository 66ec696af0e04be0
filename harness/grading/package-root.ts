import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { harnessError } from '../errors.ts';

const PACKAGE_NAME = 'ddia-workbook';

let cached: string | undefined;

/**
 * The directory holding the workbook's own package.json. Found by walking up from this module rather
 * than from `process.cwd()`, so it is the same whether this code runs from source
 * (harness/grading/*.ts) or from a bundle (dist/*.js), and wherever the learner starts the CLI.
 */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (readPackageName(join(dir, 'package.json')) === PACKAGE_NAME) {
      cached = dir;
      return dir;
    }
    if (dirname(dir) === dir) {
      throw harnessError('ERR_PACKAGE_ROOT_NOT_FOUND', `no package.json named "${PACKAGE_NAME}" above ${start}`);
    }
  }
}

function readPackageName(file: string): unknown {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
  } catch {
    // Missing or unreadable package.json files on the way up are expected; keep walking.
    return undefined;
  }
}
