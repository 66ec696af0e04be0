/**
 * What the simulation schedules (deliveries, timers, faults, scripted actions, task deadlines) and
 * what it keeps per node. Internal to `sim/`: nodes see only their `NodeContext`.
 */
import type { DriftingClock } from './clock.ts';
import type { Fault } from './faults.ts';
import type { NodeBehaviour, NodeContext, NodeFactory, NodeStatus } from './node.ts';
import type { PendingTask } from './pending-work.ts';
import type { SeededRandom } from './random.ts';

export type SimEvent = { time: number; seq: number } & (
  /** `incarnation`: the receiver's at send time; a crash in between loses the message. */
  | { k: 'deliver'; id: number; from: string; to: string; fromTid: number; toTid: number; incarnation: number; msg: unknown }
  | { k: 'timer'; node: string; incarnation: number; timer: number; name: string; payload: unknown }
  | { k: 'fault'; fault: Fault }
  | { k: 'action'; label: string; run: () => void }
  | { k: 'deadline'; task: PendingTask }
);

export interface SimNode {
  readonly id: string;
  /** The node's id as interned in the trace. */
  readonly tid: number;
  readonly factory: NodeFactory<unknown>;
  readonly storage: Map<string, unknown>;
  readonly clock: DriftingClock;
  readonly rng: SeededRandom;
  readonly netRng: SeededRandom;
  status: NodeStatus;
  incarnation: number;
  behaviour: NodeBehaviour<unknown> | undefined;
  ctx: NodeContext<unknown> | undefined;
  /** Events that came due while paused, run in order on resume. */
  backlog: SimEvent[];
  cancelled: Set<number>;
}

/** A message on its way, as queued, held or backlogged. */
export type DeliverEvent = Extract<SimEvent, { k: 'deliver' }>;
