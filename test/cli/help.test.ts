/**
 * The help screen is the learner's: the authors' `dev` commands get one line, and a mistyped command
 * gets a suggestion, never a stack trace.
 */
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../harness/cli/io.ts';
import { main } from '../../harness/cli/main.ts';
import { ROOT } from './run-workbook.ts';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { root: ROOT, out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, env: {} };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('workbook help', () => {
  it('keeps the dev commands out of the main list, with one line for authors', async () => {
    const { code, out } = await run(['help']);
    expect(code).toBe(0);
    expect(out).not.toMatch(/^ {2}workbook (dev )?verify/m);
    expect(out).not.toMatch(/^ {2}workbook dev sync-stubs/m);
    expect(out).toContain('for authors: workbook dev verify | dev sync-stubs');
  });

  it('lists the dev commands under workbook dev', async () => {
    const { code, out } = await run(['dev']);
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}workbook dev verify /m);
    expect(out).toMatch(/^ {2}workbook dev sync-stubs /m);
  });

  it('suggests the nearest command for a typo, as a usage error', async () => {
    for (const [typed, meant, what] of [['chek', 'check', 'command'], ['lsit', 'list', 'command'], ['dev verfy', 'verify', 'dev command'], ['sync-stubs', 'dev sync-stubs', 'command']] as const) {
      const r = await run(typed.split(' '));
      expect(r.code, typed).toBe(2);
      expect(r.err).toContain(`unknown ${what} "${typed.split(' ').pop()}"`);
      expect(r.err).toContain(`did you mean "${meant}"?`);
      expect(r.err).not.toContain('internal error');
    }
    // dev verify is found (its options are parsed) without running the whole curriculum.
    const r = await run(['dev', 'verify', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Unknown option '--bogus'");
  });
});
