/**
 * Shared by the link tests: three nodes a, b, c under every fault a link must survive (crashes,
 * restarts, pauses, partitions, holds, lossy and duplicating links, network loss, duplication and
 * reordering), and the payloads each node received, read from its `got` notes.
 */
import fc from 'fast-check';
import type { PhasedScenario } from '../../harness/cluster/index.ts';
import type { Fault, TimedFault, TraceEvent } from '../../harness/sim/index.ts';

export const LINK_NODES = ['a', 'b', 'c'] as const;

const node$ = fc.constantFrom(...LINK_NODES);
const other = (x: string, y: string): string => (y === x ? (x === 'a' ? 'b' : 'a') : y);
const fault: fc.Arbitrary<Fault> = fc.oneof(
  node$.map((n): Fault => ({ kind: 'crash', node: n })),
  node$.map((n): Fault => ({ kind: 'restart', node: n })),
  node$.map((n): Fault => ({ kind: 'pause', node: n })),
  node$.map((n): Fault => ({ kind: 'resume', node: n })),
  node$.map((n): Fault => ({ kind: 'partition', sides: [[n], LINK_NODES.filter((x) => x !== n)] })),
  fc.constant<Fault>({ kind: 'heal' }),
  fc.tuple(node$, node$).map(([x, y]): Fault => ({ kind: 'hold', from: x, to: other(x, y) })),
  fc.tuple(node$, node$).map(([x, y]): Fault => ({ kind: 'release', from: x, to: other(x, y) })),
  fc.record({ loss: fc.double({ min: 0, max: 0.8, noNaN: true }), duplicate: fc.double({ min: 0, max: 0.5, noNaN: true }) }).map((f): Fault => ({ kind: 'link-faults', between: ['a', 'b'], ...f })),
);

export const linkScenario: fc.Arbitrary<PhasedScenario> = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  latency: fc.integer({ min: 1, max: 20 }).map((max) => ({ min: 1, max })),
  loss: fc.constantFrom(0, 0.05, 0.3),
  duplicate: fc.constantFrom(0, 0.1, 0.4),
  reorder: fc.constantFrom(0, 0.05, 0.5),
  faults: fc.array(fc.record({ at: fc.integer({ min: 0, max: 400 }), fault }), { maxLength: 8 }).map((fs: TimedFault[]) => [...fs].sort((x, y) => x.at - y.at)),
  faultPhaseMs: fc.constant(450),
});

/** Payloads received per directed link `from->to`, in the order the receiver's consumer took them. */
export function receivedPayloads(notes: readonly TraceEvent[]): Map<string, string[]> {
  const got = new Map<string, string[]>();
  for (const e of notes) {
    if (e.kind !== 'note' || e.name !== 'got') continue;
    const { from, payload } = e.data as { from: string; payload: string };
    const key = `${from}->${e.node}`;
    got.set(key, [...(got.get(key) ?? []), payload]);
  }
  return got;
}

/** `a-1`, `a-2`, …: the payloads node `from` sends, in order. */
export const sentPayloads = (from: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${from}-${i + 1}`);
