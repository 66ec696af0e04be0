import { describe, expect, it } from 'vitest';
import { FIXTURES, openFixture, withFixture } from './learner-fixtures.ts';

const CTX = { seed: 7, now: 1_700_000_000_000 };

const VIEW = {
  suspectedLeader: 'n1',
  epoch: 3,
  members: [
    { id: 'n1', reachable: false, lastEpoch: 3, lastLsn: 10, epoch: 3 },
    { id: 'n2', reachable: true, lastEpoch: 3, lastLsn: 9, epoch: 3 },
    { id: 'n3', reachable: true, lastEpoch: 3, lastLsn: 10, epoch: 3 },
  ],
};

describe('worker port: answers', () => {
  it('answers a call with the value the learner function returned', async () => {
    await withFixture('failover-passing.ts', ['validateSafeFailover'], async (port) => {
      expect(await port.call('validateSafeFailover', [VIEW], CTX)).toEqual({
        kind: 'returned',
        value: { safe: true },
        console: '',
      });
      const isolated = { ...VIEW, members: VIEW.members.map((m) => ({ ...m, reachable: m.id === 'n2' })) };
      expect(await port.call('validateSafeFailover', [isolated], CTX)).toEqual({
        kind: 'returned',
        value: { safe: false, reason: 'only 1 of 3 members answered' },
        console: '',
      });
      expect(await port.call('validateLater', [VIEW], CTX)).toMatchObject({ kind: 'returned', value: { safe: true } });
    });
  });

  it('makes Math.random, Date, performance and crypto a function of the call context', async () => {
    await withFixture('determinism.ts', ['sample'], async (port) => {
      const first = await port.call('sample', [], { seed: 1, now: 5_000 });
      const again = await port.call('sample', [], { seed: 1, now: 5_000 });
      const otherSeed = await port.call('sample', [], { seed: 2, now: 5_000 });
      if (first.kind !== 'returned' || otherSeed.kind !== 'returned') throw new Error(JSON.stringify(first));
      expect(again).toEqual(first);
      const value = first.value as Record<string, unknown>;
      expect(value).toMatchObject({
        now: 5_000,
        date: 5_000,
        performance: 5_000,
        isDate: true,
        explicitDate: '1970-01-02T00:00:00.000Z',
      });
      expect(value.dateCall).toBe(new Date(5_000).toString());
      expect(value.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const other = otherSeed.value as Record<string, unknown>;
      expect(other.random).not.toEqual(value.random);
      expect(other.uuid).not.toBe(value.uuid);
      expect(other.bytes).not.toEqual(value.bytes);
      expect(new Set(value.random as number[]).size).toBe(3);
      // node:crypto draws from the same seeded stream as globalThis.crypto, not from the OS.
      const viaNode = await port.call('sampleNodeCrypto', [], { seed: 1, now: 5_000 });
      expect(viaNode).toMatchObject({ kind: 'returned', value: { uuid: value.uuid } });
    });
  });

  it("simulates or refuses the machine's other readings: node:crypto's other draws, the process's clocks and meters, performance, Intl, os, Atomics.wait", async () => {
    await withFixture('determinism.ts', ['sampleMachine'], async (port) => {
      const first = await port.call('sampleMachine', [], { seed: 1, now: 5_000 });
      const again = await port.call('sampleMachine', [], { seed: 1, now: 5_000 });
      const otherSeed = await port.call('sampleMachine', [], { seed: 2, now: 5_000 });
      if (first.kind !== 'returned' || otherSeed.kind !== 'returned') throw new Error(JSON.stringify(first));
      expect(again).toEqual(first);
      expect(first.value).toMatchObject({
        hrtime: [5, 0],
        hrtimeBigint: '5000000000n',
        uptime: 5,
        cpuUsage: { user: 5_000_000, system: 0 },
        memoryUsage: 'MachineReadingError',
        timeOrigin: 0,
        mark: 'MachineReadingError',
        histogram: 'MachineReadingError',
        intl: '00:00:05',
        loadavg: [0, 0, 0],
        osUptime: 5,
        setPriority: 'ProcessAccessError',
        atomicsWait: 'MachineReadingError',
      });
      const [one, other] = [first.value, otherSeed.value] as Record<string, number[]>[];
      for (const key of ['randomBytes', 'viaCallback', 'randomFillSync'] as const) expect(other![key], key).not.toEqual(one![key]);
      expect(one!.randomInt![0]).toBeGreaterThanOrEqual(0);
      expect(one!.randomInt![0]).toBeLessThan(10);
      expect([5, 6]).toContain(one!.randomInt![1]);
    });
    await withFixture('determinism.ts', ['sampleVm'], async (port) => {
      expect(await port.call('sampleVm', [], { seed: 1, now: 5_000 })).toMatchObject({ kind: 'returned', value: ['MachineReadingError', 'MachineReadingError', 'MachineReadingError'] });
    });
  });

  it('refuses real timers with a RealTimerError, whether global or imported from node:timers', async () => {
    await withFixture('timers.ts', ['waitWithGlobal', 'waitWithImport'], async (port) => {
      for (const fn of ['waitWithGlobal', 'waitWithImport']) {
        const answer = await port.call(fn, [], CTX);
        if (answer.kind !== 'threw') throw new Error(`${fn}: ${JSON.stringify(answer)}`);
        expect(answer.error.name).toBe('RealTimerError');
        expect(answer.error.message).toContain('setTimeout is not available in exercise code: the simulator owns time');
      }
      expect(await port.call('microtasksAreFine', [], CTX)).toMatchObject({ kind: 'returned', value: 'ok' });
    });
  });

  it('answers timed-out for an infinite loop, then runs the next call on a fresh worker', async () => {
    await withFixture(
      'hang.ts',
      ['spin', 'answer'],
      async (port) => {
        const started = Date.now();
        expect(await port.call('spin', [], CTX)).toEqual({ kind: 'timed-out', limitMs: 300 });
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(await port.call('answer', [], CTX)).toEqual({ kind: 'returned', value: 42, console: '' });
        // A fresh module: the spinning instance's counter did not survive the restart.
        expect(await port.call('callsSoFar', [], CTX)).toEqual({ kind: 'returned', value: 0, console: '' });
      },
      { callTimeoutMs: 300 },
    );
  });

  it('reports a throw with its message and the TypeScript line it came from', async () => {
    await withFixture('throws.ts', ['electNewLeader'], async (port) => {
      expect(await port.call('electNewLeader', [1], CTX)).toMatchObject({ kind: 'returned', value: 'n1' });
      const answer = await port.call('electNewLeader', [-1], CTX);
      if (answer.kind !== 'threw') throw new Error(JSON.stringify(answer));
      expect(answer.error).toMatchObject({
        name: 'RangeError',
        message: 'term must not be negative, got -1',
        location: `${FIXTURES}/throws.ts:6:11`,
      });
      expect(answer.error.stack).toContain(`at electNewLeader (${FIXTURES}/throws.ts:6:11)`);
      expect(answer.error.stack).not.toContain('data:');
      expect(answer.error.stack).not.toContain('learner-host');
    });
  });

  it('locates throws in sibling files, in async code, and from exercise errors', async () => {
    await withFixture('throws.ts', ['quorum', 'rejects', 'stub'], async (port) => {
      expect(await port.call('quorum', [1], CTX)).toMatchObject({
        kind: 'threw',
        error: { message: '1 acks, 3 needed', location: `${FIXTURES}/throws-helper.ts:3:28` },
      });
      expect(await port.call('rejects', [], CTX)).toMatchObject({
        kind: 'threw',
        error: { name: 'TypeError', message: 'async failure', location: `${FIXTURES}/throws.ts:21:9` },
      });
      expect(await port.call('stub', [], CTX)).toMatchObject({
        kind: 'threw',
        error: { name: 'NotImplementedError', location: `${FIXTURES}/throws.ts:12:9` },
      });
    });
  });

  it('turns non-Error throws and unsendable return values into plain errors', async () => {
    await withFixture('throws.ts', ['throwsString', 'returnsFunction'], async (port) => {
      expect(await port.call('throwsString', [], CTX)).toMatchObject({
        kind: 'threw',
        error: { name: 'NonErrorThrown', message: "threw 'just a string', which is not an Error" },
      });
      const answer = await port.call('returnsFunction', [], CTX);
      if (answer.kind !== 'threw') throw new Error(JSON.stringify(answer));
      expect(answer.error.name).toBe('UnserializableValueError');
      expect(answer.error.message).toContain('returnsFunction() returned a value the harness cannot receive');
    });
  });

  it('answers never-settled for a promise that can never settle', async () => {
    await withFixture('never-settles.ts', ['stuck', 'awaitsStuck'], async (port) => {
      expect(await port.call('stuck', [], CTX)).toEqual({ kind: 'never-settled', console: '' });
      expect(await port.call('awaitsStuck', [], CTX)).toEqual({ kind: 'never-settled', console: '' });
    });
  });

  it('captures console output per call and truncates it at 2048 characters', async () => {
    await withFixture('console.ts', ['chatty', 'mixed'], async (port) => {
      expect(await port.call('chatty', [2], CTX)).toEqual({
        kind: 'returned',
        value: 2,
        console: 'line 0 { i: 0 }\nline 1 { i: 1 }\n',
      });
      expect(await port.call('mixed', [], CTX)).toEqual({
        kind: 'returned',
        value: 'done',
        console: 'info\nwarn\nlogged, not thrown\nraw stdout\n',
      });
      // An unhandled rejection keeps its line, so a refused timer thrown this way is reported where it was thrown.
      const floats = await port.call('floats', [], CTX);
      expect(floats).toMatchObject({ kind: 'returned', value: 1 });
      expect((floats as { console: string }).console).toMatch(/^returned anyway\n\[unhandled promise rejection\] Error: nobody awaited this \(at \S*console\.ts:15:\d+\)\n$/);
      const long = await port.call('chatty', [1000], CTX);
      if (long.kind !== 'returned') throw new Error(JSON.stringify(long));
      expect(long.console).toHaveLength(2048 + '…[truncated]'.length);
      expect(long.console.endsWith('…[truncated]')).toBe(true);
      expect(long.console.startsWith('line 0 { i: 0 }\n')).toBe(true);
    });
  });

  it('resets module state on a fresh load', async () => {
    await withFixture('module-state.ts', ['increment'], async (port) => {
      const values = [];
      for (let i = 0; i < 3; i++) values.push(await port.call('increment', [], CTX));
      expect(values.map((a) => (a.kind === 'returned' ? a.value : a.kind))).toEqual([1, 2, 3]);
      expect(await port.load(['increment'])).toEqual({ ok: true });
      expect(await port.call('increment', [], CTX)).toMatchObject({ kind: 'returned', value: 1 });
    });
  });
});

describe('worker port: load problems', () => {
  it('reports an error thrown while importing the module', async () => {
    const port = await openFixture('import-throws.ts');
    try {
      const loaded = await port.load(['use']);
      expect(loaded).toMatchObject({
        ok: false,
        problem: {
          kind: 'threw-at-import',
          error: { name: 'Error', message: 'config missing at import time', location: `${FIXTURES}/import-throws.ts:2:9` },
        },
      });
      // A failed load is the learner's outcome: calls answer with its error, never "before a successful load()".
      expect(await port.call('use', [], CTX)).toMatchObject({ kind: 'threw', error: { name: 'Error', message: 'config missing at import time' } });
    } finally {
      await port.close();
    }
  });

  it('reports a required export that is missing or not a function', async () => {
    const port = await openFixture('failover-passing.ts');
    try {
      const exports = ['notAFunction', 'validateLater', 'validateSafeFailover'];
      expect(await port.load(['validateSafeFailover', 'electNewLeader'])).toEqual({
        ok: false,
        problem: { kind: 'missing-export', name: 'electNewLeader', exports },
      });
      expect(await port.load(['notAFunction'])).toEqual({
        ok: false,
        problem: { kind: 'missing-export', name: 'notAFunction', exports },
      });
    } finally {
      await port.close();
    }
  });
});

describe('worker port: crashes', () => {
  it('answers crashed when learner code calls process.exit, and recovers', async () => {
    await withFixture('process-exit.ts', ['quit', 'fine'], async (port) => {
      expect(await port.call('quit', [], CTX)).toEqual({ kind: 'crashed', reason: 'exited with code 0' });
      expect(await port.call('fine', [], CTX)).toMatchObject({ kind: 'returned', value: 'still here' });
    });
  });

  it('answers crashed with "out of memory" when learner code exhausts the heap limit', async () => {
    await withFixture(
      'memory-bomb.ts',
      ['bomb'],
      async (port) => {
        expect(await port.call('bomb', [], CTX)).toEqual({ kind: 'crashed', reason: 'out of memory' });
      },
      { memoryLimitMb: 64, callTimeoutMs: 10_000 },
    );
  });

  it('refuses calls after close', async () => {
    const port = await openFixture('module-state.ts');
    expect(await port.load(['increment'])).toEqual({ ok: true });
    await port.close();
    await expect(port.call('increment', [], CTX)).rejects.toMatchObject({ code: 'ERR_PORT_CLOSED', message: 'this learner port was closed' });
  });
});
