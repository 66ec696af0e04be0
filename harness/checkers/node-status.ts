/**
 * Whether a node was up, paused or crashed at some point of a run, replayed from the trace's fault
 * events. The replay follows the simulator's rules (a restart only revives a crashed node, a pause
 * only freezes a running one), because the recovery phase injects `restart` and `resume` for every
 * member and most of them are no-ops.
 */
import type { NodeStatus, TraceEvent } from '../sim/index.ts';

/** The status of `node` just before trace event `beforeIndex`, from the faults recorded until then. */
export function nodeStatusBefore(trace: readonly TraceEvent[], node: string, beforeIndex: number): NodeStatus {
  let status: NodeStatus = 'up';
  for (let i = 0; i < beforeIndex && i < trace.length; i++) {
    const e = trace[i]!;
    if (e.kind !== 'fault') continue;
    const f = e.fault;
    switch (f.kind) {
      case 'crash':
        if (f.node === node) status = 'crashed';
        break;
      case 'restart':
        if (f.node === node && status === 'crashed') status = 'up';
        break;
      case 'pause':
        if (f.node === node && status === 'up') status = 'paused';
        break;
      case 'resume':
        if (f.node === node && status === 'paused') status = 'up';
        break;
      default:
        break;
    }
  }
  return status;
}
