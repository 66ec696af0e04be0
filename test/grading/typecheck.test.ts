import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typecheckLearnerFile } from '../../harness/grading/typecheck.ts';
import { FIXTURES } from './learner-fixtures.ts';

let scratch: string;

beforeAll(async () => {
  // Ill-typed sources live outside the repo so the project's own type-check never sees them.
  scratch = await mkdtemp(join(tmpdir(), 'ddia-typecheck-test-'));
  await writeFile(join(scratch, 'package.json'), '{ "type": "module" }\n');
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('typecheckLearnerFile', () => {
  it('finds nothing wrong with a correct exercise file', async () => {
    expect(await typecheckLearnerFile(`${FIXTURES}/failover-passing.ts`)).toEqual([]);
  });

  it('reports type errors with the file as given, line, column and code', async () => {
    const file = join(scratch, 'ill-typed.ts');
    await writeFile(
      file,
      [
        "import type { FailoverView, Election } from 'ddia-workbook/exercise';",
        '',
        'export function electNewLeader(view: FailoverView): Election {',
        '  const epoch: string = view.epoch;',
        "  console.log('electing in', epoch);",
        "  return { leader: 'n2' };",
        '}',
        '',
      ].join('\n'),
    );
    const started = performance.now();
    const diagnostics = await typecheckLearnerFile(file);
    const elapsed = performance.now() - started;
    expect(diagnostics).toEqual([
      { file, line: 4, column: 9, code: 'TS2322', message: "Type 'number' is not assignable to type 'string'." },
      {
        file,
        line: 6,
        column: 3,
        code: 'TS2741',
        message: "Property 'epoch' is missing in type '{ leader: string; }' but required in type 'Election'.",
      },
    ]);
    // Generous bound for a loaded 2-core machine; typically well under half a second.
    expect(elapsed).toBeLessThan(3_000);
  });

  it('knows structuredClone, which the learner host leaves in place, as the deep copy it is', async () => {
    const file = join(scratch, 'clones.ts');
    await writeFile(file, ['export function copy(a: { n: number }): { n: number } { return structuredClone(a); }', 'export const bad: string = structuredClone(1);', ''].join('\n'));
    const diagnostics = await typecheckLearnerFile(file);
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([[2, 'TS2322']]);
  });

  it('joins the indented follow-up lines of a multi-line message', async () => {
    const file = join(scratch, 'chained.ts');
    await writeFile(
      file,
      [
        "import type { MemberView } from 'ddia-workbook/exercise';",
        "export const members: MemberView[] = [{ id: 'n1', reachable: 'yes', lastEpoch: 0, lastLsn: 0, epoch: 0 }];",
        'export const pick: (m: MemberView) => string = (m: string) => m;',
        'export function later(): void { setTimeout(() => undefined, 1); }',
        '',
      ].join('\n'),
    );
    const diagnostics = await typecheckLearnerFile(file);
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([
      [2, 'TS2322'],
      [3, 'TS2322'],
      [4, 'TS2304'],
    ]);
    expect(diagnostics[1]!.message).toBe(
      "Type '(m: string) => string' is not assignable to type '(m: MemberView) => string'.\n" +
        "Types of parameters 'm' and 'm' are incompatible.\n" +
        "Type 'MemberView' is not assignable to type 'string'.",
    );
    // Timers are undeclared for learners, matching the RealTimerError they would get at run time.
    expect(diagnostics[2]!.message).toBe("Cannot find name 'setTimeout'.");
  });

  it('confined to a folder, resolves only its own files and the public exercise types (F6)', async () => {
    const folder = join(scratch, 'confined');
    await mkdir(folder);
    const file = join(folder, 'leak.ts');
    await writeFile(join(folder, 'helper.ts'), 'export const three = 3;\n');
    await writeFile(
      file,
      [
        "import type { Election } from 'ddia-workbook/exercise';",
        "import { three } from './helper.ts';",
        "type Grader = typeof import('/proc/self/cwd/harness/grading/grade/grade-config.ts');",
        "export const leak: string = 0 as unknown as Grader['MAX_HIDDEN_SCHEDULES'];",
        "export const e: Election = { leader: 'n1', epoch: three };",
        '',
      ].join('\n'),
    );
    // Unconfined, the import pulls the grader's own sources into the student's diagnostics.
    expect(JSON.stringify(await typecheckLearnerFile(file))).toContain('proc/self/cwd/harness/');
    const confined = await typecheckLearnerFile(file, { confinedTo: folder });
    expect(confined.map((d) => [d.file, d.line, d.code])).toEqual([[file, 3, 'TS2307']]);
    expect(confined[0]!.message).not.toContain('600');
  });
});
