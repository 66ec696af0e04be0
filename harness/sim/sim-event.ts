/**
 * What the simulation schedules (deliveries, timers, faults, scripted actions, task deadlines) and
 * what it keeps per node. Internal to `sim/`: nodes see only their `NodeContext`.
 */
import type { DriftingClock } from './clock.ts';
import type { Fault } from './faults.ts';
import type { NodeBehaviour, NodeContext, NodeFactory, NodeStatus } from './node.ts';
import type { PendingTask } from './pending-work.ts';
import type { SeededRandom } from './random.ts';

/**
 * Every event, whatever its kind, is one of these with every field set in the same order. One hidden
 * class keeps the queue's comparisons and `dispatch` monomorphic: with an object literal per kind they
 * were polymorphic, the simulator's hottest code. Build events with the functions below, which give
 * each kind its narrow type.
 */
type EventKind = 'deliver' | 'timer' | 'fault' | 'action' | 'deadline';

class EventRecord {
  time = 0;
  seq = 0;
  constructor(
    readonly k: EventKind,
    /** Where it happens: a message's receiver, a timer's owner. */
    readonly node: SimNode | undefined,
    /** A message's sender. */
    readonly from: SimNode | undefined,
    /** Message id or timer id. */
    readonly id: number,
    /** The node's incarnation when the message was sent or the timer set; a crash in between voids it. */
    readonly incarnation: number,
    /** Timer name or action label. */
    readonly name: string,
    /** The message or the timer's payload. */
    readonly data: unknown,
    readonly fault: Fault | undefined,
    readonly run: (() => void) | undefined,
    readonly task: PendingTask | undefined,
  ) {}
}

export type DeliverEvent = EventRecord & { readonly k: 'deliver'; readonly node: SimNode; readonly from: SimNode };
export type TimerEvent = EventRecord & { readonly k: 'timer'; readonly node: SimNode };
export type FaultEvent = EventRecord & { readonly k: 'fault'; readonly fault: Fault };
export type ActionEvent = EventRecord & { readonly k: 'action'; readonly run: () => void };
export type DeadlineEvent = EventRecord & { readonly k: 'deadline'; readonly task: PendingTask };
export type SimEvent = DeliverEvent | TimerEvent | FaultEvent | ActionEvent | DeadlineEvent;

export const deliverEvent = (from: SimNode, to: SimNode, id: number, incarnation: number, msg: unknown): DeliverEvent =>
  new EventRecord('deliver', to, from, id, incarnation, '', msg, undefined, undefined, undefined) as DeliverEvent;
export const timerEvent = (node: SimNode, timer: number, incarnation: number, name: string, payload: unknown): TimerEvent =>
  new EventRecord('timer', node, undefined, timer, incarnation, name, payload, undefined, undefined, undefined) as TimerEvent;
export const faultEvent = (fault: Fault): FaultEvent =>
  new EventRecord('fault', undefined, undefined, 0, 0, '', undefined, fault, undefined, undefined) as FaultEvent;
export const actionEvent = (label: string, run: () => void): ActionEvent =>
  new EventRecord('action', undefined, undefined, 0, 0, label, undefined, undefined, run, undefined) as ActionEvent;
export const deadlineEvent = (task: PendingTask): DeadlineEvent =>
  new EventRecord('deadline', undefined, undefined, 0, 0, '', undefined, undefined, undefined, task) as DeadlineEvent;

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
  /** Bumped at every crash; the SimNode object itself lives for the whole run, across restarts. */
  incarnation: number;
  behaviour: NodeBehaviour<unknown> | undefined;
  ctx: NodeContext<unknown> | undefined;
  /** Events that came due while paused, run in order on resume. */
  backlog: SimEvent[];
  cancelled: Set<number>;
}
