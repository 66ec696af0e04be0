/**
 * esbuild, loaded once with `require`: its entry is CommonJS, and importing it as ESM makes Node 20
 * run its CJS lexer (WASM) over the file first, ~30 ms of CPU on every start (measured). Its service
 * process can be started early, while the rest of a command loads, and stopped when a one-shot
 * command is done, so nothing is left running after the workbook exits.
 */
import { createRequire } from 'node:module';

type Esbuild = typeof import('esbuild');

let loaded: Esbuild | undefined;
let started = false;

/** The esbuild API (the same module every caller gets). */
export function bundler(): Esbuild {
  loaded ??= createRequire(import.meta.url)('esbuild') as Esbuild;
  return loaded;
}

/** Starts the bundler's service process now, so the first build does not wait for it. */
export function warmBundler(): void {
  if (started) return;
  started = true;
  try {
    void bundler().initialize({});
  } catch {
    // Already running (a build came first): nothing to warm.
  }
}

/** Stops the service process (a later build starts a new one). Pairs with `warmBundler`. */
export async function stopBundler(): Promise<void> {
  if (loaded === undefined) return;
  started = false;
  await loaded.stop();
}
