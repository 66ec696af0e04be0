/**
 * Teardown: steps run once, newest first, when the process exits and when a signal ends it (Node runs
 * no 'exit' listener then); the signal still ends the process, unless the process handles it itself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-workbook.ts';

const dir = mkdtempSync(join(tmpdir(), 'ddia-teardown-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `body` (after `atTeardown` is imported) in a Node process; `signal` is sent once it prints "ready". */
function run(body: string, signal?: NodeJS.Signals): Promise<{ out: string; code: number | null; signal: NodeJS.Signals | null }> {
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, `import { atTeardown } from ${JSON.stringify(join(ROOT, 'harness', 'grading', 'teardown.ts'))};\nconst say = (s: string) => process.stdout.write(s + '\\n');\n${body}\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (signal !== undefined && out.includes('ready\n')) child.kill(signal);
  });
  return new Promise((resolve) => child.on('close', (code, sig) => resolve({ out, code, signal: sig })));
}

describe('atTeardown', () => {
  it('runs every step once, newest first, when a signal ends the process, and the signal still ends it', async () => {
    const r = await run(
      `atTeardown(() => say('folder'));
       atTeardown(() => { throw new Error('already gone'); });
       const drop = atTeardown(() => say('dropped'));
       atTeardown(() => say('compiler'));
       drop();
       say('ready');
       setInterval(() => undefined, 1000);`,
      'SIGTERM',
    );
    expect(r.out.split('\n').filter(Boolean)).toEqual(['ready', 'compiler', 'folder']);
    expect(r.signal).toBe('SIGTERM');
  }, 30_000);

  it('runs the steps on a plain exit, and once only', async () => {
    const r = await run(`atTeardown(() => say('step')); process.on('exit', () => say('exit')); say('ready');`);
    expect(r.out.split('\n').filter(Boolean)).toEqual(['ready', 'step', 'exit']);
    expect(r.code).toBe(0);
  }, 30_000);

  it('leaves the ending to a process that handles the signal itself', async () => {
    const r = await run(
      `process.on('SIGINT', () => { say('own handler'); process.exit(130); });
       atTeardown(() => say('step'));
       say('ready');
       setInterval(() => undefined, 1000);`,
      'SIGINT',
    );
    expect(r.out.split('\n').filter(Boolean)).toEqual(['ready', 'own handler', 'step']);
    expect(r.code).toBe(130);
  }, 30_000);
});
