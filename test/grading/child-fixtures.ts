/**
 * Learner children for the transport tests: a TypeScript source transpiled and loaded into a real,
 * locked-down child process (no mocks), closed whatever the test body does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChildPort, type ChildPort, type ChildPortOptions } from '../../harness/grading/index.ts';
import { transpileLearnerFile } from '../../harness/grading/transpile.ts';

/** A call context; the simulated clock and seed do not matter to these learners. */
export const CTX = { seed: 3, now: 1000 };

/** Runs `body` with a child port loaded with `source` (which must export `required`). */
export async function withChild(
  source: string,
  required: readonly string[],
  body: (port: ChildPort) => Promise<void>,
  limits: ChildPortOptions['limits'] = {},
  options: Omit<ChildPortOptions, 'code' | 'filename' | 'limits'> = {},
): Promise<void> {
  const port = await openChild(source, limits, options);
  try {
    const loaded = await port.load(required);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problem));
    await body(port);
  } finally {
    await port.close();
  }
}

/** A child port over `source`, not loaded yet; the caller closes it. */
export async function openChild(source: string, limits: ChildPortOptions['limits'] = {}, options: Omit<ChildPortOptions, 'code' | 'filename' | 'limits'> = {}): Promise<ChildPort> {
  const dir = mkdtempSync(join(tmpdir(), 'child-port-test-'));
  const file = join(dir, 'learner.ts');
  writeFileSync(file, source);
  const compiled = await transpileLearnerFile(file);
  rmSync(dir, { recursive: true, force: true });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problem));
  return createChildPort({ ...options, code: compiled.code, filename: 'learner.ts', limits: { cpuMsPerRequest: 300, memoryMb: 200, ...limits } });
}
