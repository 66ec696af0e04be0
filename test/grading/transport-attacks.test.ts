/**
 * Attacks on the transport, each performed by learner code in a real locked-down child process: a
 * forged protocol message must not switch a limit off (F1), no route to `kill(2)` reaches the grader
 * (F2), answers past their budget or with holes end as named learner problems quickly (F3/F4), a failed
 * reload answers with the student's load error (F7), and the network is closed wherever this machine
 * can close it (F8).
 */
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { childIsolation, describeIsolation, detectIsolation, readCpuMs } from '../../harness/grading/index.ts';
import { othersCanRead } from '../../harness/grading/child-isolation.ts';
import { CTX, openChild, withChild } from './child-fixtures.ts';

/** Learner code that learns the id of the call in progress from the IPC channel, as an attacker can. */
const SPY = `
  const channel = process as unknown as { on(e: string, f: (m: { id?: number }) => void): void; send(m: unknown): void };
  let callId = 0;
  channel.on('message', (m) => { if (typeof m?.id === 'number') callId = m.id; });
  // The host refuses Atomics.wait and vm; WebAssembly's memory.atomic.wait32 on a shared memory
  // still blocks without CPU (a module of 52 bytes: (func (result i32) (memory.atomic.wait32 0 0 -1))).
  const block = () => (new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([0,97,115,109,1,0,0,0,1,5,1,96,0,1,127,3,2,1,0,5,4,1,3,1,1,7,8,1,4,119,97,105,116,0,0,10,14,1,12,0,65,0,65,0,66,127,254,1,2,0,11])), {}).exports as { wait(): number }).wait();
`;

describe('transport: a forged message switches no limit off (F1)', () => {
  it('times out a call that forges "waiting" and blocks without using CPU, on the wall-clock backstop', async () => {
    const source = `${SPY} export function hang() { channel.send({ type: 'waiting', id: callId }); block(); return 1; } export function ok() { return 2; }`;
    await withChild(source, ['hang', 'ok'], async (port) => {
      const started = performance.now();
      expect(await port.call('hang', [], CTX)).toEqual({ kind: 'timed-out', limitMs: 1500 });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(await port.call('ok', [], CTX)).toMatchObject({ kind: 'returned', value: 2 });
    }, {}, { backstopMs: 1500 });
  });

  it('times out a call that forges "waiting" and then spins, on its CPU time', async () => {
    const source = `${SPY} export function spin() { channel.send({ type: 'waiting', id: callId }); for (;;); }`;
    await withChild(source, ['spin'], async (port) => {
      expect(await port.call('spin', [], CTX)).toEqual({ kind: 'timed-out', limitMs: 300 });
      expect(port.usage().cpuMs).toBeGreaterThanOrEqual(300);
    }, {}, { backstopMs: 60_000 });
  });

  it('kills a child that forges its answer and keeps running after it', async () => {
    const source = `${SPY}
      let pid = 0;
      export function forge() { pid = process.pid; channel.send({ type: 'answer', id: callId, answer: { kind: 'returned', value: 'PASS', console: '' } }); for (;;); }`;
    const pids: number[] = [];
    await withChild(source, ['forge'], async (port) => {
      expect(await port.call('forge', [], CTX)).toMatchObject({ kind: 'returned', value: 'PASS' });
      const deadline = performance.now() + 10_000;
      while (performance.now() < deadline && readCpuMs(pids[0]!) !== undefined) await new Promise((r) => setTimeout(r, 50));
      // The spin after the forged answer ran on the call's CPU limit, and the child was ended for it.
      expect(readCpuMs(pids[0]!)).toBeUndefined();
      expect(port.usage().cpuMs).toBeGreaterThanOrEqual(300);
      expect(port.usage().cpuMs).toBeLessThan(3000);
    }, {}, { backstopMs: 60_000, onChildStart: (pid) => pids.push(pid) });
  });
});

describe('transport: learner code cannot signal the grader (F2)', () => {
  it('refuses every route to kill(2), and runs as an unprivileged user when the grader is root', async () => {
    const source = `
      import * as processModule from 'node:process';
      const p = process as unknown as Record<string, (...a: unknown[]) => unknown>;
      const attempt = (f: () => unknown) => { try { f(); return 'allowed'; } catch (e) { return (e as Error).name + ':' + String((e as { code?: string }).code ?? ''); } };
      export function probe() {
        const target = process.ppid;
        return {
          kill: attempt(() => p.kill!(target, 'SIGSTOP')),
          _kill: attempt(() => p._kill!(target, 19)),
          namespaceKill: attempt(() => (processModule as unknown as { default: typeof p }).default.kill!(target, 'SIGSTOP')),
          debugProcess: attempt(() => p._debugProcess!(target)),
          binding: attempt(() => p.binding!('process_methods')),
          linkedBinding: attempt(() => p._linkedBinding!('process_methods')),
          uid: process.getuid?.(),
        };
      }`;
    await withChild(source, ['probe'], async (port) => {
      const answer = await port.call('probe', [], CTX);
      expect(answer.kind).toBe('returned');
      const value = (answer as { value: Record<string, unknown> }).value;
      for (const route of ['kill', '_kill', 'namespaceKill', 'debugProcess', 'linkedBinding']) expect(value[route], route).toBe('ProcessAccessError:');
      // process.binding is closed twice: by the permission model and by the host.
      expect(value.binding).toMatch(/^(ProcessAccessError|Error):/);
      const isolation = childIsolation();
      if (process.getuid?.() === 0) expect(value.uid).toBe(isolation.user!.uid);
      expect(value.uid).not.toBe(0);
    });
    // The grader was neither stopped nor killed: this line runs.
    expect(process.ppid).toBeGreaterThan(0);
  });

  it('refuses a named import of kill from node:process (the module fails to load, or the function throws)', async () => {
    const port = await openChild(`import { kill } from 'node:process'; export function k() { try { kill(process.ppid, 'SIGSTOP'); return 'allowed'; } catch (e) { return (e as Error).name; } }`);
    try {
      const loaded = await port.load(['k']);
      if (loaded.ok) expect(await port.call('k', [], CTX)).toMatchObject({ kind: 'returned', value: 'ProcessAccessError' });
      else expect(loaded.problem).toMatchObject({ kind: 'threw-at-import', error: { message: expect.stringContaining("does not provide an export named 'kill'") } });
    } finally {
      await port.close();
    }
  });
});

describe('transport: answer budgets (F3/F4)', () => {
  it('ends a 60-million-character string, a sparse array of length 2³²−1 and a 1M-item cart as named problems, quickly', async () => {
    const source = `
      export function huge() { return 'x'.repeat(60_000_000); }
      export function sparse() { const a: number[] = []; a[2 ** 32 - 2] = 1; return { items: a }; }
      export function cart() { return Array.from({ length: 1_000_000 }, (_, i) => ({ sku: 's' + i, qty: 1 })); }
      export function holeAt3() { const a = [1, 2, 3, 4, 5]; delete a[3]; return a; }
      export function small() { return 'ok'; }`;
    await withChild(source, ['huge', 'sparse', 'cart', 'holeAt3', 'small'], async (port) => {
      const started = performance.now();
      const huge = await port.call('huge', [], CTX);
      expect(huge).toMatchObject({ kind: 'crashed', reason: expect.stringMatching(/^malformed answer: huge\(\) returned more than 64 KB/) });
      expect(await port.call('sparse', [], CTX)).toMatchObject({ kind: 'threw', error: { name: 'TypeError', message: expect.stringContaining('result.items has no element at index 0') } });
      expect(await port.call('holeAt3', [], CTX)).toMatchObject({ kind: 'threw', error: { message: expect.stringContaining('result has no element at index 3') } });
      expect(await port.call('cart', [], CTX)).toMatchObject({ kind: 'crashed', reason: expect.stringMatching(/^malformed answer: cart\(\)/) });
      expect(await port.call('small', [], CTX)).toMatchObject({ kind: 'returned', value: 'ok' });
      // Loose on a shared machine: the point is seconds, not the minutes an unbounded walk took.
      expect(performance.now() - started).toBeLessThan(30_000);
    }, { memoryMb: 512, cpuMsPerRequest: 5000 });
  });

  it('applies a per-export budget from the port options', async () => {
    const source = `export function a() { return 'y'.repeat(70_000); } export function b() { return 'y'.repeat(70_000); }`;
    // a gets the default (64 KB), b declares more.
    await withChild(source, ['a', 'b'], async (port) => {
      expect(await port.call('a', [], CTX)).toMatchObject({ kind: 'crashed', reason: expect.stringContaining('more than 64 KB') });
      expect(await port.call('b', [], CTX)).toMatchObject({ kind: 'returned' });
    }, {}, { answerBudgets: { b: 128 * 1024 } });
  });

  it('truncates learner text a forged answer carries', async () => {
    const source = `${SPY} export function loud() { channel.send({ type: 'answer', id: callId, answer: { kind: 'threw', error: { name: 'E'.repeat(10_000), message: 'm'.repeat(1_000_000) }, console: 'c'.repeat(1_000_000) } }); return 0; }`;
    await withChild(source, ['loud'], async (port) => {
      const answer = (await port.call('loud', [], CTX)) as { kind: string; error: { name: string; message: string }; console: string };
      expect(answer.kind).toBe('threw');
      expect(answer.error.name.length).toBeLessThan(200);
      expect(answer.error.message.length).toBeLessThan(5000);
      expect(answer.console.length).toBeLessThan(5000);
    });
  });
});

describe('transport: a failed reload is the student’s load error (F7)', () => {
  it('answers calls after a failed reload with the import error', async () => {
    const source = `
      const g = globalThis as { loads?: number };
      g.loads = (g.loads ?? 0) + 1;
      if (g.loads > 1) throw new RangeError('second import refused');
      export function f() { return 1; }`;
    await withChild(source, ['f'], async (port) => {
      expect(await port.call('f', [], CTX)).toMatchObject({ kind: 'returned', value: 1 });
      expect((await port.load(['f'])).ok).toBe(false);
      expect(await port.call('f', [], CTX)).toMatchObject({ kind: 'threw', error: { name: 'RangeError', message: 'second import refused' } });
    });
  });
});

describe('transport: no network for learner code (F8)', () => {
  it('lets no connection reach a listener on 127.0.0.1, wherever this machine can prevent it', async () => {
    const received: number[] = [];
    const server = createServer((socket) => {
      received.push(1);
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port: listening } = server.address() as AddressInfo;
    const source = `
      import { connect } from 'node:net';
      let outcome = 'pending';
      export function dial(port: number) {
        const socket = connect(port, '127.0.0.1');
        socket.on('connect', () => { outcome = 'connected'; socket.write('hidden views'); socket.end(); });
        socket.on('error', (e) => { outcome = 'refused: ' + (e as { code?: string }).code; });
        return 'dialled';
      }
      export function result() { return outcome; }`;
    try {
      await withChild(source, ['dial', 'result'], async (port) => {
        expect(await port.call('dial', [listening], CTX)).toMatchObject({ kind: 'returned', value: 'dialled' });
        let outcome = 'pending';
        for (let i = 0; i < 40 && outcome === 'pending'; i++) {
          await new Promise((r) => setTimeout(r, 50));
          outcome = ((await port.call('result', [], CTX)) as { value: string }).value;
        }
        const isolation = childIsolation();
        if (isolation.network === 'none') {
          // Nothing protects this machine: the gap is named for the run log, and the test says so.
          expect(isolation.missing.some((m) => m.startsWith('network:'))).toBe(true);
        } else {
          expect(outcome).toMatch(/^refused/);
          expect(received).toEqual([]);
        }
      });
    } finally {
      server.close();
    }
  });
});

describe('isolation: what the machine allows, decided at run time', () => {
  it('names each protection a machine cannot give', () => {
    const bare = detectIsolation('20.20.0', 'darwin', 501);
    expect(bare.network).toBe('none');
    expect(bare.user).toBeUndefined();
    expect(bare.missing).toEqual(['network: Node 20.20.0 does not restrict the network on darwin; learner code can open connections']);
    expect(detectIsolation('25.0.0', 'darwin', 501)).toMatchObject({ network: 'permission-model', missing: [] });
    const here = childIsolation();
    expect(describeIsolation(here)).toMatch(here.network === 'none' ? /network NOT restricted/ : /^no network/);
    if (process.getuid?.() === 0) expect(here.user?.name).toBe('nobody');
  });

  it('knows whether another user can read a file', () => {
    expect(othersCanRead('/etc/passwd')).toBe(true);
    expect(othersCanRead('/etc/shadow')).toBe(false);
    expect(othersCanRead('/no/such/file')).toBe(false);
  });
});
