/**
 * Teardown: steps run once, kills before removals and each newest first, when the process exits and,
 * under `teardownOnSignals`, when a signal ends it (Node runs no 'exit' listener then); the signal
 * still ends the process, a process that handles it itself keeps doing so, and one that never asked
 * keeps Node's own signal handling (a learner's watch restores its raw terminal that way).
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
  writeFileSync(file, `import { atTeardown, teardownOnSignals } from ${JSON.stringify(join(ROOT, 'harness', 'grading', 'teardown.ts'))};\nconst say = (s: string) => process.stdout.write(s + '\\n');\n${body}\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (signal !== undefined && out.includes('ready\n')) child.kill(signal);
  });
  return new Promise((resolve) => child.on('close', (code, sig) => resolve({ out, code, signal: sig })));
}

describe('atTeardown', () => {
  it('runs every step once, kills before removals and newest first, when a signal ends the process, and the signal still ends it', async () => {
    const r = await run(
      `teardownOnSignals();
       atTeardown(() => say('folder'), 'remove');
       atTeardown(() => { throw new Error('already gone'); });
       const drop = atTeardown(() => say('dropped'));
       atTeardown(() => say('compiler'));
       atTeardown(() => say('later folder'), 'remove');
       atTeardown(() => say('later compiler'));
       drop();
       say('ready');
       setInterval(() => undefined, 1000);`,
      'SIGTERM',
    );
    expect(r.out.split('\n').filter(Boolean)).toEqual(['ready', 'later compiler', 'compiler', 'later folder', 'folder']);
    expect(r.signal).toBe('SIGTERM');
  }, 30_000);

  it('runs the steps on a plain exit, and once only', async () => {
    const r = await run(`atTeardown(() => say('step')); process.on('exit', () => say('exit')); say('ready');`);
    expect(r.out.split('\n').filter(Boolean)).toEqual(['ready', 'step', 'exit']);
    expect(r.code).toBe(0);
  }, 30_000);

  it('leaves the ending to a process that handles the signal itself', async () => {
    const r = await run(
      `teardownOnSignals();
       process.on('SIGINT', () => { say('own handler'); process.exit(130); });
       atTeardown(() => say('step'));
       say('ready');
       setInterval(() => undefined, 1000);`,
      'SIGINT',
    );
    expect(r.out.split('\n').filter(Boolean)).toEqual(['ready', 'own handler', 'step']);
    expect(r.code).toBe(130);
  }, 30_000);

  it('takes no signal over unless asked: the process keeps Node’s own handling', async () => {
    const r = await run(`atTeardown(() => say('step')); say(String(process.listenerCount('SIGTERM') + process.listenerCount('SIGINT'))); say('ready'); setInterval(() => undefined, 1000);`, 'SIGTERM');
    expect(r.out.split('\n').filter(Boolean)).toEqual(['0', 'ready']);
    expect(r.signal).toBe('SIGTERM');
  }, 30_000);
});
