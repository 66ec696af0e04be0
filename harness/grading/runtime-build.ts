import { build } from 'esbuild';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { packageRoot } from './package-root.ts';

/**
 * Bundles the two files learner code needs at run time, dist/learner-host.js and dist/exercise.js, with
 * the same options as scripts/build.js. Lets tests (and, later, the build script) produce the learner
 * runtime without building the CLI. Files are replaced atomically and only when their content changed,
 * so parallel test files can all call this while workers are reading dist/.
 */
export async function buildLearnerRuntime(): Promise<void> {
  const result = await build({
    absWorkingDir: packageRoot(),
    entryPoints: {
      'learner-host': 'harness/grading/learner-host.ts',
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
    write: false,
  });
  for (const file of result.outputFiles) {
    const existing = await readFile(file.path, 'utf8').catch(() => undefined);
    if (existing === file.text) continue;
    await mkdir(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
}
