import { createWorkerPort, type WorkerPortOptions } from '../../harness/grading/worker-port.ts';
import { transpileLearnerFile } from '../../harness/grading/transpile.ts';
import type { LearnerPort } from '../../harness/grading/learner-port.ts';

/** The fixture directory, relative to the package root (vitest runs from there). */
export const FIXTURES = 'test/fixtures/learners';

/** Transpiles a fixture and opens a worker port on it; the caller closes the port. */
export async function openFixture(
  name: string,
  options: Omit<WorkerPortOptions, 'code' | 'filename'> = {},
): Promise<LearnerPort> {
  const filename = `${FIXTURES}/${name}`;
  const compiled = await transpileLearnerFile(filename);
  if (!compiled.ok) throw new Error(`fixture ${name} did not compile: ${JSON.stringify(compiled.problem)}`);
  return createWorkerPort({ ...options, code: compiled.code, filename });
}

/** Runs `body` with a loaded port and always closes it, so a failing assertion leaves no worker behind. */
export async function withFixture(
  name: string,
  required: readonly string[],
  body: (port: LearnerPort) => Promise<void>,
  options: Omit<WorkerPortOptions, 'code' | 'filename'> = {},
): Promise<void> {
  const port = await openFixture(name, options);
  try {
    const loaded = await port.load(required);
    if (!loaded.ok) throw new Error(`fixture ${name} did not load: ${JSON.stringify(loaded.problem)}`);
    await body(port);
  } finally {
    await port.close();
  }
}
