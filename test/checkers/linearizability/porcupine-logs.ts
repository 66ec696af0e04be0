/**
 * Parsers for porcupine's Jepsen-style test logs (test/fixtures/histories/porcupine-*), following its
 * `parseKvLog` and `parseJepsenLog`: one line per event, the line number is the time. An operation
 * that never got an `:ok`/`:fail` has no return (porcupine closes it at the end with an unknown
 * output, which means the same).
 */
import type { KeyValueOp, RegisterOp } from '../../../harness/checkers/linearizability/index.ts';

/** A kv log (`{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}`) as a key-value history. */
export function parseKvLog(text: string): KeyValueOp[] {
  const event = /^\{:process (\d+), :type :(invoke|ok), :f :(get|put|append), :key "(.*?)", :value (nil|"(.*)")\}$/;
  const ops: (KeyValueOp & { return?: number })[] = [];
  const open = new Map<string, number>();
  lines(text).forEach((line, t) => {
    const m = event.exec(line);
    if (m === null) throw new Error(`kv log line ${t + 1} not understood: ${line}`);
    const [, process, type, f, key, , value] = m as unknown as [string, string, string, 'get' | 'put' | 'append', string, string, string | undefined];
    if (type === 'invoke') {
      open.set(process, ops.length);
      ops.push({ client: `p${process}`, key, op: f, ...(f === 'get' ? {} : { value: value ?? '' }), call: t });
      return;
    }
    const i = open.get(process);
    if (i === undefined) throw new Error(`kv log line ${t + 1}: process ${process} completes nothing`);
    open.delete(process);
    ops[i] = { ...ops[i]!, return: t, ...(f === 'get' ? { output: value ?? '' } : {}) };
  });
  return ops;
}

/** An etcd Jepsen log (`INFO  jepsen.util - 3\t:ok\t:cas\t[1 4]`) as a register history on one key. */
export function parseEtcdLog(text: string): RegisterOp[] {
  const event = /^INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(invoke|ok|fail|info)\s+:(read|write|cas)\s+(.*)$/;
  const ops: RegisterOp[] = [];
  const open = new Map<string, number>();
  const number = (s: string): number | undefined => (s === 'nil' ? undefined : Number(s));
  lines(text).forEach((line, t) => {
    const m = event.exec(line);
    if (m === null) return; // Jepsen's other log lines
    const [, process, type, f, arg] = m as unknown as [string, string, string, 'read' | 'write' | 'cas', string];
    const cas = /^\[(\d+) (\d+)\]$/.exec(arg);
    if (type === 'invoke') {
      open.set(process, ops.length);
      const base = { client: `p${process}`, key: 'r', call: t };
      if (f === 'read') ops.push({ ...base, op: 'read' });
      if (f === 'write') ops.push({ ...base, op: 'write', value: Number(arg) });
      if (f === 'cas') ops.push({ ...base, op: 'cas', expected: Number(cas![1]), value: Number(cas![2]) });
      return;
    }
    const i = open.get(process);
    if (i === undefined) throw new Error(`etcd log line ${t + 1}: process ${process} completes nothing`);
    open.delete(process);
    // `:info` (timed out): the client never learned; the operation stays without a return.
    if (type === 'info') return;
    const op = ops[i]!;
    // A read that failed (timed out) returned nothing: like one that never completed, it tells nothing.
    if (f === 'read' && type === 'fail') return;
    if (f === 'read') ops[i] = { ...op, output: number(arg), return: t };
    else if (f === 'cas') ops[i] = { ...op, output: type === 'ok', return: t };
    else ops[i] = { ...op, return: t };
  });
  return ops;
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}
