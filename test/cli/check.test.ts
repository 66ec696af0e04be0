/**
 * End-to-end: `workbook check` on fixture files (passing, failing, throwing, hanging, not compiling,
 * missing an export), as a learner would run it, plus the JSON and replay contracts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchWorkbook, workbookIn } from '../fixtures/ux/scratch-workbook.ts';
import { ROOT, workbook } from './run-workbook.ts';

const fixture = (name: string): string => join(ROOT, 'test', 'fixtures', 'cli', name);
const scratch = mkdtempSync(join(tmpdir(), 'workbook-cli-'));

/** Broken files live outside the repository so the project's own type-check never sees them. */
function scratchFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('workbook check', () => {
  it('passes the reference solution and exits 0', async () => {
    const r = await workbook(['check', 'failover-coordinator', '--solution']);
    expect(r.stdout).toContain('All checks pass. 9/9 checks passed, score 15/15.');
    expect(r.code).toBe(0);
  });

  it('fails the untouched stub with "not implemented yet", advises the TODOs instead of a hint, and exits 1', async () => {
    // A fresh workbook: the checkout's own progress (hints already shown) must not change what is printed.
    const r = await workbookIn(scratchWorkbook(), ['check', 'failover-coordinator']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[not implemented yet]');
    expect(r.stdout).toContain('not implemented yet: validateSafeFailover');
    expect(r.stdout).toContain('0/9 checks passed, score 0/15');
    expect(r.stdout).toContain('Not implemented yet: replace the TODO(human) parts of');
    expect(r.stdout).not.toMatch(/Hint \d\/3/);
  });

  it('reports a throw with its message and file:line, never as "unsafe"', async () => {
    const r = await workbook(['check', 'failover-coordinator', '--file', fixture('throws.ts')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/validateSafeFailover threw TypeError: .*reachable/);
    expect(r.stdout).toMatch(/at .*throws\.ts:6:\d+/);
  });

  it('reports a refused timer or a bug inside the learner\'s promise first, with its line, not what followed from it', async () => {
    for (const [name, line, wording] of [
      ['timer-in-promise.ts', 28, 'quorumRead threw RealTimerError: setTimeout is not available'],
      ['timer-in-callback.ts', 32, 'quorumRead: a callback inside it threw RealTimerError: setTimeout is not available'],
      ['throws-in-callback.ts', 32, "quorumRead: a callback inside it threw TypeError: Cannot read properties of undefined (reading 'seen')"],
    ] as const) {
      const r = await workbook(['check', 'quorum-reader', '--file', fixture(name), '--json']);
      const failed = (JSON.parse(r.stdout) as { checks: { status: string; message: string; location?: string }[] }).checks.filter((c) => c.status !== 'passed');
      expect(failed.length, name).toBeGreaterThan(0);
      for (const c of failed) {
        expect(c.message, name).toContain(wording);
        expect(c.message, name).not.toMatch(/did not ask|never settled/);
        expect(c.location, name).toMatch(new RegExp(`${name.replace('.', '\\.')}:${line}:\\d+$`));
      }
    }
  });

  it('reports an infinite loop as a timeout and does not hang', async () => {
    const r = await workbook(['check', 'failover-coordinator', '--file', fixture('hangs.ts')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('timed out: infinite loop or livelock?');
    expect(r.stdout).not.toMatch(/Hint \d\/3/);
    expect(r.ms).toBeLessThan(60_000);
  });

  it('reports a syntax error with file:line and fails every check', async () => {
    const file = scratchFile('syntax.ts', "import type { FailoverView } from 'ddia-workbook/exercise';\nexport function validateSafeFailover(view: FailoverView) {\n  return { safe: true ;\n}\n");
    const r = await workbook(['check', 'failover-coordinator', '--file', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/your file does not compile \(.*syntax\.ts:3:\d+\)/);
    expect(r.stdout).toContain('0/9 checks passed');
    expect(r.stdout).toContain('Your file does not compile: fix line 3 first');
    expect(r.stdout).not.toMatch(/Hint \d\/3/);
  });

  it('reports type errors with file:line even when the code runs', async () => {
    const solution = await import('node:fs').then((fs) => fs.readFileSync(join(ROOT, 'solutions/06-replication/2.3-failover-coordinator/failover-coordinator.ts'), 'utf8'));
    const file = scratchFile('typed.ts', solution.replace('return { leader: best.id, epoch: epoch + 1 };', "const wrong: number = 'n2';\n  return { leader: best.id, epoch: epoch + 1 + (wrong ? 0 : 0) };"));
    const r = await workbook(['check', 'failover-coordinator', '--file', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/type errors \(1\):\n\s+.*typed\.ts:\d+:\d+ TS2322/);
  });

  it('names a missing export and what the file does export', async () => {
    const r = await workbook(['check', 'failover-coordinator', '--file', fixture('missing-export.ts')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('your file does not export a function named electNewLeader (it exports: validateSafeFailover)');
  });

  it('says so when an exercise does not exist, with exit code 2', async () => {
    const r = await workbook(['check', 'no-such-exercise']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('there is no exercise "no-such-exercise". Exercises: 2.1 replication-ack, 2.2 follower-bootstrap, 2.3 failover-coordinator');
  });
});

describe('workbook check --json and --replay', () => {
  it('prints byte-identical JSON across runs and nothing else on stdout; a replay reproduces the failure', async () => {
    const buggy = fixture('lowest-log.ts');
    const [a, b] = [await workbook(['check', 'failover-coordinator', '--file', buggy, '--json']), await workbook(['check', 'failover-coordinator', '--file', buggy, '--json'])];
    expect(a.code).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    const result = JSON.parse(a.stdout) as { checks: { id: string; status: string; message: string; replay?: string }[]; timings?: unknown };
    expect(result.timings).toBeUndefined();
    const failed = result.checks.find((c) => c.replay !== undefined && c.status === 'failed');
    expect(failed, 'a failed cluster check with a replay token').toBeDefined();

    const replayed = await workbook(['check', 'failover-coordinator', '--file', buggy, '--json', '--replay', failed!.replay!]);
    const again = JSON.parse(replayed.stdout) as { replayed: boolean; checks: { id: string; status: string; message: string }[] };
    expect(again.replayed).toBe(true);
    expect(again.checks.find((c) => c.id === failed!.id)).toMatchObject({ status: 'failed' });
  });

  it('says when a failure does not reproduce in a fresh module: the code keeps state between calls', async () => {
    const r = await workbook(['check', 'failover-coordinator', '--file', fixture('stateful.ts')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('your code keeps state between calls (module-level variables)');
  });

  const token = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const spec = { family: 'leader-pause', members: 3, seed: 7, latencyMax: 2, lossPct: 0, pauseAt: 300, pauseFor: 400, skewMs: 0, driftPct: 0 };

  it('refuses a damaged, truncated, hand-edited or foreign replay token as a usage error, naming what is wrong', async () => {
    const cases: [string, string][] = [
      ['not-a-token', 'it is not a replay token (was it cut when copying?)'],
      [token({ ex: 'failover-coordinator', f: 1, spec }).slice(0, 60), 'it is not a replay token (was it cut when copying?)'],
      [token({ ex: 'failover-coordinator', f: 1, spec: { ...spec, pauseFor: 'long' } }), 'its field "pauseFor" should be a whole number, not "long"'],
      [token({ ex: 'failover-coordinator', f: 1, spec: { ...spec, pauseFor: 10_000_000 } }), 'a field of the "leader-pause" scenario is outside the range its generator draws from'],
      [token({ ex: 'failover-coordinator', f: 1, spec: { ...spec, extra: 1 } }), 'the scenario has an unknown field "extra"'],
      [token({ ex: 'quorum-reader', f: 1, spec }), 'it is a token of the exercise "quorum-reader"'],
    ];
    for (const [t, why] of cases) {
      const r = await workbook(['check', 'failover-coordinator', '--solution', '--replay', t]);
      expect(r.code, why).toBe(2);
      expect(r.stderr).toContain(`this replay token is not valid for failover-coordinator: ${why}`);
      expect(r.stderr).not.toContain('internal error');
      expect(r.stdout).toBe('');
    }
  });

  it('refuses a token of an older replay format with a plain message, and replays a valid hand-written one', async () => {
    const old = await workbook(['check', 'failover-coordinator', '--solution', '--replay', token({ v: '0.1.0', ex: 'failover-coordinator', sc: { spec, scenario: {} } })]);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain('this replay token was made by an older version of the workbook');
    const other = await workbook(['check', 'failover-coordinator', '--solution', '--replay', token({ ex: 'failover-coordinator', f: 99, spec })]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('replay format 99');
    const valid = await workbook(['check', 'failover-coordinator', '--solution', '--json', '--replay', token({ ex: 'failover-coordinator', f: 1, spec })]);
    expect(valid.code).toBe(0);
    expect((JSON.parse(valid.stdout) as { replayed: boolean }).replayed).toBe(true);
  });
});
