/**
 * Bundles a staged submission the way `transpileLearnerFile` does, but confined: relative imports must
 * stay inside the exercise's folder, absolute paths are refused, and `ddia-workbook/exercise` is the only
 * package. Whatever a submission imports ends up inside its own bundle and its own answers, so it must
 * not be able to pull in the instructor's files (a grading configuration with hidden seeds, say).
 */
import type { Message, Plugin } from 'esbuild';
import { bundler } from '../bundler.ts';
import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadProblem } from '../learner-port.ts';
import { packageRoot } from '../package-root.ts';
import { EXERCISE_SPECIFIER } from '../transpile.ts';

/** esbuild's words when its service process died under it; every later build in this process fails. */
const BUNDLER_GONE = /service (was stopped|is no longer running)/;
let lost = false;

/**
 * True once a submission crashed this process's bundler service. esbuild does not restart it, so the
 * grading process must end after the pair that crashed it (the pool starts a fresh one).
 */
export function bundlerLost(): boolean {
  return lost;
}

/**
 * Transpiles `file` (absolute, inside `folder`); errors name files as `shownFolder/<path in folder>`,
 * so feedback shows the student's own paths, never the staging directory.
 */
export async function transpileConfined(
  file: string,
  folder: string,
  shownFolder: string,
): Promise<{ ok: true; code: string } | { ok: false; problem: LoadProblem }> {
  try {
    const result = await bundler().build({
      absWorkingDir: dirname(file),
      entryPoints: [file],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [confinedImports(folder)],
    });
    const output = result.outputFiles[0];
    if (output === undefined) throw new Error(`esbuild produced no output for ${file}`);
    return { ok: true, code: output.text };
  } catch (error) {
    const first = (error as { errors?: Message[] }).errors?.[0];
    if (first === undefined && BUNDLER_GONE.test((error as Error).message ?? '')) {
      lost = true;
      return { ok: false, problem: { kind: 'syntax-error', message: `the bundler crashed on this file (${(error as Error).message}); nesting this deep cannot be compiled`, location: `${shownFolder}/${relative(folder, file).split(sep).join('/')}` } };
    }
    if (first === undefined) throw error;
    const where = first.location;
    if (where === null) return { ok: false, problem: { kind: 'syntax-error', message: first.text } };
    const inFolder = relative(folder, resolve(dirname(file), where.file)).split(sep).join('/');
    return { ok: false, problem: { kind: 'syntax-error', message: first.text, location: `${shownFolder}/${inFolder}:${where.line}:${where.column + 1}` } };
  }
}

function confinedImports(folder: string): Plugin {
  const inside = (path: string): boolean => {
    const rel = relative(folder, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  return {
    name: 'ddia-workbook-confined-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (args.path === EXERCISE_SPECIFIER) {
          const target = join(packageRoot(), 'dist', 'exercise.js');
          if (!existsSync(target)) return { errors: [{ text: `${target} is missing: run \`npm run build\` first` }] };
          return { path: pathToFileURL(target).href, external: true };
        }
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        if (args.path.startsWith('./') || args.path.startsWith('../')) {
          if (!inside(resolve(args.resolveDir, args.path))) {
            return { errors: [{ text: `exercise files can import only files in their own folder, not "${args.path}"` }] };
          }
          return undefined;
        }
        return { errors: [{ text: `exercise files can import only "${EXERCISE_SPECIFIER}", node: built-ins and files in their own folder, not "${args.path}"` }] };
      });
    },
  };
}
