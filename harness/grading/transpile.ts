import type { Message, Plugin } from 'esbuild';
import { bundler } from './bundler.ts';
import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadProblem } from './learner-port.ts';
import { packageRoot } from './package-root.ts';

/** The one bare specifier exercise files may import. */
export const EXERCISE_SPECIFIER = 'ddia-workbook/exercise';

/**
 * Bundles a learner's TypeScript file (and the sibling files it imports, listed in `inputs`) into one ESM module that the
 * learner host can evaluate from a `data:` URL. `ddia-workbook/exercise` becomes the absolute file URL
 * of dist/exercise.js, because a `data:` module can import only absolute URLs and `node:` built-ins.
 * Source positions in the inline source map are relative to the learner file's directory, which is
 * how the host maps them back to the `filename` the harness passes along.
 */
export async function transpileLearnerFile(
  path: string,
): Promise<{ ok: true; code: string; inputs: string[] } | { ok: false; problem: LoadProblem }> {
  const absolute = resolve(path);
  const workingDir = dirname(absolute);
  try {
    // esbuild's JS API keeps one service process alive and reuses it, so this costs milliseconds.
    const result = await bundler().build({
      absWorkingDir: workingDir,
      entryPoints: [absolute],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      // The host only needs positions; the learner's file is on disk if a renderer wants a code frame.
      sourcesContent: false,
      logLevel: 'silent',
      // Which of the learner's files went in: a whole-result cache keys on their content too, since
      // types (which tsc checks) leave no trace in the bundle.
      metafile: true,
      plugins: [exerciseImports()],
    });
    const output = result.outputFiles[0];
    if (output === undefined) throw new Error(`esbuild produced no output for ${path}`);
    const inputs = Object.keys(result.metafile.inputs).map((file) => resolve(workingDir, file));
    return { ok: true, code: output.text, inputs };
  } catch (error) {
    const first = (error as { errors?: Message[] }).errors?.[0];
    if (first === undefined) throw error;
    return { ok: false, problem: syntaxError(first, path, workingDir) };
  }
}

function syntaxError(message: Message, path: string, workingDir: string): LoadProblem {
  const where = message.location;
  if (where === null) return { kind: 'syntax-error', message: message.text };
  // esbuild names files relative to absWorkingDir; re-anchor them on the path the caller gave us.
  const file = join(dirname(path), where.file);
  const shown = resolve(workingDir, where.file) === resolve(path) ? path : file;
  return { kind: 'syntax-error', message: message.text, location: `${shown}:${where.line}:${where.column + 1}` };
}

/**
 * Resolves `ddia-workbook/exercise` to dist/exercise.js and refuses other packages: bundling arbitrary
 * node_modules into learner code would be slow and would let exercises depend on things the harness
 * does not control. Relative imports are left to esbuild, so a learner's own helper files are bundled.
 */
function exerciseImports(): Plugin {
  return {
    name: 'ddia-workbook-exercise-imports',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (args.path === EXERCISE_SPECIFIER) {
          const file = join(packageRoot(), 'dist', 'exercise.js');
          if (!existsSync(file)) {
            return { errors: [{ text: `${file} is missing: run \`npm run build\` first` }] };
          }
          return { path: pathToFileURL(file).href, external: true };
        }
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        return {
          errors: [
            {
              text: `exercise files can import only "${EXERCISE_SPECIFIER}", node: built-ins and their own files, not "${args.path}"`,
            },
          ],
        };
      });
    },
  };
}
