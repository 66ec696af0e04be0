/**
 * External reference histories: porcupine's own test logs, with the verdicts its tests expect
 * (`porcupine_test.go`: `TestKv1ClientOk` … `TestKv10ClientsBad`, `TestEtcdJepsen000` …). The kv logs
 * are multi-key, so they also check that partitioning by key is exact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKeyValueLinearizability, checkLinearizability } from '../../../harness/checkers/linearizability/index.ts';
import { parseEtcdLog, parseKvLog } from './porcupine-logs.ts';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'histories');
const read = (sub: string, file: string): string => readFileSync(join(dir, sub, file), 'utf8');

describe('porcupine kv histories (get/put/append, several keys)', () => {
  for (const [file, expected] of [
    ['c01-ok.txt', 'linearizable'],
    ['c01-bad.txt', 'not-linearizable'],
    ['c10-ok.txt', 'linearizable'],
    ['c10-bad.txt', 'not-linearizable'],
  ] as const) {
    it(`${file}: ${expected}, as porcupine says`, () => {
      const history = parseKvLog(read('porcupine-kv', file));
      expect(history.length).toBeGreaterThan(30);
      expect(new Set(history.map((op) => op.key)).size).toBeGreaterThan(1);
      const verdict = checkKeyValueLinearizability(history);
      expect(verdict.outcome).toBe(expected);
      if (verdict.outcome === 'not-linearizable') {
        // The counterexample names a real get of the key it blames.
        const blocked = history[verdict.counterexample.stuck[0]!]!;
        expect(blocked.key).toBe(verdict.counterexample.key);
        expect(verdict.explanation).toContain(`key ${JSON.stringify(verdict.counterexample.key)} is not linearizable`);
      }
    });
  }

  it('c01-bad (one client, so sequential): the get it blames is the first that a plain replay contradicts', () => {
    const history = parseKvLog(read('porcupine-kv', 'c01-bad.txt'));
    const verdict = checkKeyValueLinearizability(history);
    if (verdict.outcome !== 'not-linearizable') throw new Error(`expected a violation, got ${verdict.outcome}`);
    const store = new Map<string, string>();
    const firstWrong = history.findIndex((op) => {
      const now = store.get(op.key) ?? '';
      if (op.op === 'put') store.set(op.key, op.value!);
      if (op.op === 'append') store.set(op.key, now + op.value!);
      return op.op === 'get' && op.output !== now;
    });
    expect(firstWrong).toBeGreaterThanOrEqual(0);
    expect(verdict.counterexample.stuck[0]).toBe(firstWrong);
    expect(verdict.counterexample.key).toBe(history[firstWrong]!.key);
  });
});

describe('porcupine etcd histories (read/write/cas register, timeouts)', () => {
  for (const [n, ok] of [
    ['000', false],
    ['001', false],
    ['002', true],
    ['003', false],
    ['005', true],
    ['007', true],
    ['018', true],
    ['025', true],
  ] as const) {
    it(`etcd_${n}.log: ${ok ? 'linearizable' : 'not linearizable'}, as porcupine says`, () => {
      const history = parseEtcdLog(read('porcupine-etcd', `etcd_${n}.log`));
      expect(history.length).toBeGreaterThan(50);
      expect(history.some((op) => op.return === undefined)).toBe(true);
      expect(checkLinearizability(history).outcome).toBe(ok ? 'linearizable' : 'not-linearizable');
    });
  }
});
