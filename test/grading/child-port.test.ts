import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { childExecArgv, createChildPort, permissionFlags } from '../../harness/grading/index.ts';
import { transpileLearnerFile } from '../../harness/grading/transpile.ts';
import { CTX, withChild } from './child-fixtures.ts';

describe('child port: a locked-down learner process', () => {
  it('uses the permission flag of the running Node and one --allow-fs-read per file', () => {
    expect(permissionFlags('20.20.2')).toEqual(['--experimental-permission']);
    expect(permissionFlags('22.12.0')).toEqual(['--experimental-permission']);
    expect(permissionFlags('22.13.0')).toEqual(['--permission']);
    expect(permissionFlags('24.1.0')).toEqual(['--permission']);
    const argv = childExecArgv({ hostFile: '/h.js', readable: ['/e.js'], limits: { cpuMsPerRequest: 1, memoryMb: 400, lifetimeCpuSeconds: 1 } });
    expect(argv).toContain('--allow-fs-read=/h.js');
    expect(argv).toContain('--allow-fs-read=/e.js');
    expect(argv).toContain('--max-old-space-size=300');
    expect(argv.some((a) => a.startsWith('--allow-child-process') || a.startsWith('--allow-worker') || a.startsWith('--allow-fs-write'))).toBe(false);
  });

  it('answers calls, and refuses writes, reads outside its files, child processes and a non-empty environment', async () => {
    const source = `
      import { writeFileSync, readFileSync } from 'node:fs';
      import { execSync } from 'node:child_process';
      const attempt = (f: () => unknown) => { try { f(); return 'allowed'; } catch (e) { return String((e as { code?: string }).code); } };
      export function probe() {
        return {
          write: attempt(() => writeFileSync('/tmp/ddia-child-port-probe.txt', 'x')),
          read: attempt(() => readFileSync('/etc/hostname', 'utf8')),
          spawn: attempt(() => execSync('true')),
          env: Object.keys(process.env).filter((k) => !k.startsWith('NODE_CHANNEL')),
        };
      }
      export function add(a: number, b: number) { return a + b; }`;
    await withChild(source, ['probe', 'add'], async (port) => {
      expect(await port.call('add', [2, 3], CTX)).toEqual({ kind: 'returned', value: 5, console: '' });
      const probe = await port.call('probe', [], CTX);
      expect(probe).toMatchObject({ kind: 'returned', value: { write: 'ERR_ACCESS_DENIED', read: 'ERR_ACCESS_DENIED', spawn: 'ERR_ACCESS_DENIED', env: [] } });
      expect(existsSync('/tmp/ddia-child-port-probe.txt')).toBe(false);
    });
  });

  it('times a call out on CPU time, then answers the next call from a fresh process', async () => {
    await withChild('let n = 0; export function spin() { for (;;) n++; } export function ok() { return n; }', ['spin', 'ok'], async (port) => {
      expect(await port.call('spin', [], CTX)).toEqual({ kind: 'timed-out', limitMs: 300 });
      expect(await port.call('ok', [], CTX)).toEqual({ kind: 'returned', value: 0, console: '' });
      expect(port.usage().starts).toBe(2);
      expect(port.usage().cpuMs).toBeGreaterThanOrEqual(300);
    });
  });

  it('kills a process whose resident memory passes the limit, buffers included', async () => {
    const source = 'export function hoard() { const kept: Uint8Array[] = []; for (;;) kept.push(new Uint8Array(32 * 1024 * 1024).fill(1)); }';
    await withChild(source, ['hoard'], async (port) => {
      const answer = await port.call('hoard', [], CTX);
      expect(answer.kind).toBe('crashed');
      expect((answer as { reason: string }).reason).toMatch(/^out of memory/);
    }, { cpuMsPerRequest: 5000 });
  });

  it('reports process.exit as "exited" and a forged, malformed message as "malformed answer"', async () => {
    const source = `
      export function quit() { process.exit(0); }
      export function forge() { (process as unknown as { send(m: unknown): void }).send({ type: 'answer', id: 'PASS' }); for (;;); }`;
    await withChild(source, ['quit', 'forge'], async (port) => {
      expect(await port.call('quit', [], CTX)).toEqual({ kind: 'crashed', reason: 'exited with code 0' });
      const forged = await port.call('forge', [], CTX);
      expect(forged.kind).toBe('crashed');
      expect((forged as { reason: string }).reason).toMatch(/^malformed answer/);
    });
  });

  it('fails every call at once when the CPU budget of the pair is spent', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'child-port-test-'));
    writeFileSync(join(dir, 'l.ts'), 'export function spin() { for (;;); }');
    const compiled = await transpileLearnerFile(join(dir, 'l.ts'));
    rmSync(dir, { recursive: true, force: true });
    if (!compiled.ok) throw new Error('did not compile');
    const port = createChildPort({ code: compiled.code, filename: 'l.ts', limits: { cpuMsPerRequest: 300 }, budgetCpuMs: 500 });
    try {
      expect((await port.load(['spin'])).ok).toBe(true);
      expect(await port.call('spin', [], CTX)).toEqual({ kind: 'timed-out', limitMs: 300 });
      const second = await port.call('spin', [], CTX);
      expect(second.kind).toBe('crashed');
      const started = Date.now();
      const third = await port.call('spin', [], CTX);
      expect((third as { reason: string }).reason).toMatch(/^timeout: the submission used its whole CPU budget/);
      expect(Date.now() - started).toBeLessThan(100);
    } finally {
      await port.close();
    }
  });
});
