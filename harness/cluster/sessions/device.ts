/**
 * A user device behind the session proxy: it runs its operations one at a time, waiting its think
 * time between them, and records each in the history in true time (`put` with the acknowledged lsn,
 * `get` with the version shown), as the session-guarantee checkers read them.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { DeviceMessage } from './messages.ts';
import type { Signals } from './signals.ts';

/**
 * One operation: a put of `value`, or a get; sent `thinkMs` after the previous one completed (or after
 * boot), or, with `after`, `thinkMs` after that signal too (a scripted operation). `signal` fires when
 * the answer reaches the device.
 */
export type DeviceOp = ({ readonly kind: 'put'; readonly key: string; readonly value: string; readonly thinkMs: number } | { readonly kind: 'get'; readonly key: string; readonly thinkMs: number }) & {
  readonly after?: string;
  readonly signal?: string;
};

export interface DeviceConfig {
  readonly proxy: string;
  readonly ops: readonly DeviceOp[];
  /** Where scripted operations wait and devices fire; needed when any op has `after` or `signal`. */
  readonly signals?: Signals;
}

export function createDevice(ctx: NodeContext<DeviceMessage>, config: DeviceConfig): NodeBehaviour<DeviceMessage> {
  let next = 0;
  let current: { op: number; history: number } | undefined;
  const schedule = (): void => {
    const op = config.ops[next];
    if (op === undefined) return;
    if (op.after === undefined || config.signals === undefined) return void ctx.setTimer('op', op.thinkMs);
    config.signals.on(op.after, () => void ctx.setTimer('op', op.thinkMs));
  };
  schedule();
  return {
    onTimer(name) {
      if (name !== 'op' || current !== undefined) return;
      const op = config.ops[next]!;
      const history = ctx.invoke(op.kind, op.kind === 'put' ? { key: op.key, value: op.value } : { key: op.key });
      current = { op: next, history };
      ctx.send(config.proxy, op.kind === 'put' ? { type: 'put', op: next, key: op.key, value: op.value } : { type: 'get', op: next, key: op.key });
    },
    onMessage(_from, msg) {
      if (current === undefined || !('op' in msg) || msg.op !== current.op) return;
      if (msg.type === 'put-ok') ctx.complete(current.history, 'ok', { lsn: msg.lsn });
      else if (msg.type === 'get-ok') ctx.complete(current.history, 'ok', { value: msg.value, version: msg.version, replica: msg.replica });
      else if (msg.type === 'get-fail') ctx.complete(current.history, 'fail', { reason: msg.reason });
      else return;
      const signal = config.ops[current.op]!.signal;
      current = undefined;
      if (signal !== undefined) config.signals?.fire(signal);
      next++;
      schedule();
    },
  };
}
