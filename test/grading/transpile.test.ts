import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../harness/grading/package-root.ts';
import { transpileLearnerFile } from '../../harness/grading/transpile.ts';
import { FIXTURES } from './learner-fixtures.ts';

let scratch: string;

beforeAll(async () => {
  // Broken sources live outside the repo so the project's own type-check never sees them.
  scratch = await mkdtemp(join(tmpdir(), 'ddia-transpile-test-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('packageRoot', () => {
  it('finds the directory of the ddia-workbook package.json', () => {
    expect(packageRoot()).toBe(process.cwd());
  });
});

describe('transpileLearnerFile', () => {
  it('bundles sibling files and points ddia-workbook/exercise at dist/exercise.js', async () => {
    const result = await transpileLearnerFile(`${FIXTURES}/throws.ts`);
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    const exerciseUrl = pathToFileURL(join(packageRoot(), 'dist', 'exercise.js')).href;
    expect(result.code).toContain(`from "${exerciseUrl}"`);
    expect(result.code).toContain('function assertQuorum(');
    expect(result.code).not.toContain('./throws-helper');
    expect(result.code).toContain('//# sourceMappingURL=data:application/json;base64,');
  });

  it('reports a syntax error with a plain message and file:line:col', async () => {
    const file = join(scratch, 'broken.ts');
    await writeFile(file, 'export function f(): number {\n  return (1 + ;\n}\n');
    expect(await transpileLearnerFile(file)).toEqual({
      ok: false,
      problem: { kind: 'syntax-error', message: 'Unexpected ";"', location: `${file}:2:15` },
    });
  });

  it('refuses packages other than ddia-workbook/exercise, naming the import', async () => {
    const file = join(scratch, 'imports-package.ts');
    await writeFile(file, "import { expect } from 'vitest';\nexport const x = expect;\n");
    const result = await transpileLearnerFile(file);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'syntax-error', location: `${file}:1:24` } });
    expect(!result.ok && result.problem.kind === 'syntax-error' && result.problem.message).toContain(
      'exercise files can import only "ddia-workbook/exercise", node: built-ins and their own files, not "vitest"',
    );
  });

  it('keeps node: built-ins external', async () => {
    const result = await transpileLearnerFile(`${FIXTURES}/timers.ts`);
    expect(result.ok && result.code).toContain('from "node:timers"');
  });
});
