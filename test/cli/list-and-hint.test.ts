/**
 * End-to-end: the workbook without a terminal lists exercises and exits 0 (never waits on a prompt),
 * hints go one step further each time, and bad input is a message with exit code 2.
 */
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { EXERCISES } from '../../harness/curriculum/index.ts';
import type { CliIo } from '../../harness/cli/io.ts';
import { pristineStubText } from '../fixtures/ux/pristine-stub.ts';
import { scratchWorkbook as fullScratchWorkbook, workbookIn } from '../fixtures/ux/scratch-workbook.ts';
import { ROOT, workbook } from './run-workbook.ts';

/** A copy of the learner-facing files in a scratch folder (the original stubs, never the working ones), so progress files land there. */
function scratchWorkbook(): string {
  const root = mkdtempSync(join(tmpdir(), 'workbook-root-'));
  for (const dir of ['exercises', 'solutions', 'chapters']) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
  for (const e of EXERCISES) writeFileSync(join(root, e.file), pristineStubText(e));
  return root;
}

function captureIo(root: string): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { root, out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, env: {}, stdout: () => out, stderr: () => err };
}

describe('workbook without arguments and workbook list', () => {
  it('prints the exercise list with status and the next step, and exits 0 without a terminal', async () => {
    const r = await workbookIn(fullScratchWorkbook(), []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`DDIA chapter 6, Replication: \\d+/${EXERCISES.length} exercises done`));
    expect(r.stdout).toContain('failover-coordinator');
    expect(r.stdout).not.toMatch(/\u001b\[/);
    // The authors' command stays out of the learner's screens.
    expect(r.stdout).not.toMatch(/verify/i);
  });

  it('lists the exercises in manifest order, each with the chapter section it practises', async () => {
    const io = captureIo(scratchWorkbook());
    await main(['list'], io);
    const rows = io.stdout().split('\n').filter((l) => EXERCISES.some((e) => l.includes(` ${e.id} `)));
    expect(rows.map((l) => l.split(/\s+/).slice(1, 3))).toEqual(EXERCISES.map((e) => [e.section.number, e.id]));
    expect(io.stdout()).not.toMatch(/^\S\s+\d+\. /m);
  });

  it('shows "not started" for an untouched stub, "done" after a passing check, "changed" after an edit', async () => {
    const root = scratchWorkbook();
    const io = captureIo(root);
    await main(['list'], io);
    expect(io.stdout()).toMatch(/failover-coordinator\s+not started/);
    const file = join(root, 'exercises/06-replication/2.3-failover-coordinator/failover-coordinator.ts');
    cpSync(join(root, 'solutions/06-replication/2.3-failover-coordinator/failover-coordinator.ts'), file);
    const checked = captureIo(root);
    expect(await main(['check', 'failover-coordinator'], checked)).toBe(0);
    const after = captureIo(root);
    await main(['list'], after);
    expect(after.stdout()).toMatch(/failover-coordinator\s+done/);
    expect(after.stdout()).toContain(`1/${EXERCISES.length} exercises done`);
    writeFileSync(file, `${await import('node:fs').then((fs) => fs.readFileSync(file, 'utf8'))}\n// an edit\n`);
    const edited = captureIo(root);
    await main(['list'], edited);
    expect(edited.stdout()).toMatch(/failover-coordinator\s+changed since last check/);
  });

  it('survives a corrupt progress file: warns, keeps the old file aside, and goes on', async () => {
    const root = scratchWorkbook();
    mkdirSync(join(root, '.workbook'));
    writeFileSync(join(root, '.workbook', 'progress.json'), 'not json at all');
    const io = captureIo(root);
    expect(await main(['list'], io)).toBe(0);
    expect(io.stderr()).toContain('Your progress file was unreadable; it was moved to');
  });
});

describe('workbook hint', () => {
  it('gives the three levels of the first check\'s hint in order, then says that was the last', async () => {
    const root = scratchWorkbook();
    const texts: string[] = [];
    for (let i = 0; i < 4; i++) {
      const io = captureIo(root);
      expect(await main(['hint', 'failover-coordinator'], io)).toBe(0);
      texts.push(io.stdout());
    }
    expect(texts[0]).toMatch(/^Hint 1\/3 for failover-coordinator · Refuses to fail over while the leader still answers:/);
    expect(texts[1]).toMatch(/^Hint 2\/3/);
    expect(texts[2]).toMatch(/^Hint 3\/3/);
    expect(texts[3]).toMatch(/^Hint 3\/3/);
    expect(texts[3]).toContain('That was the last level');
  });

  it('answers an unknown command or exercise with a message and exit code 2', async () => {
    const io = captureIo(scratchWorkbook());
    expect(await main(['hint', 'nope'], io)).toBe(2);
    expect(io.stderr()).toContain('there is no exercise "nope"');
    const io2 = captureIo(scratchWorkbook());
    expect(await main(['frobnicate'], io2)).toBe(2);
    expect(io2.stderr()).toContain('unknown command "frobnicate"');
  });
});

describe('workbook dev verify', () => {
  // What verify asserts of every exercise, test/curriculum/exercise-sweep.ts asserts too, fixture by
  // fixture; here the command itself is under test, on one scenario exercise and one of laws only.
  it('finds the exercises it is given consistent: stubs fail, solutions pass, every check catches a buggy variant (by its old name, which says the new one first)', async () => {
    // In a fresh copy with the original stubs and the buggy variants: a learner's started exercise is not the stub.
    const dir = fullScratchWorkbook();
    cpSync(join(ROOT, 'test', 'fixtures', 'buggy'), join(dir, 'test', 'fixtures', 'buggy'), { recursive: true });
    const r = await workbookIn(dir, ['verify', 'failover-coordinator', '6.2'], {}, 200_000);
    expect(r.stderr).toMatch(/^workbook verify is now `workbook dev verify`/);
    expect(r.stdout).toMatch(/^failover-coordinator$/m);
    expect(r.stdout).toMatch(/^vector-clock$/m);
    expect(r.stdout).not.toMatch(/^quorum-reader$/m);
    expect(r.stdout).toContain('stub fails every check with "not implemented yet" (9/9)');
    expect(r.stdout).toContain('every check catches a buggy variant');
    expect(r.stdout).toContain('The curriculum is consistent.');
    expect(r.code).toBe(0);
  }, 220_000);

  it('names an unknown exercise as a usage error, not an empty success', async () => {
    const r = await workbookIn(fullScratchWorkbook(), ['dev', 'verify', 'nope']);
    expect(r.stderr).toContain('there is no exercise "nope"');
    expect(r.code).toBe(2);
  });
});
