/**
 * Scripted steps: what a targeted scenario makes happen (a client write, a hold or release, a
 * partition, a crash, a ring repair), each fired at a true time or when a named fact appears in the
 * run's record, `afterMs` later, with the end of the fault phase as the fallback. Steps are spec
 * data, so they print, replay and shrink like faults. A step that depends on the network is keyed to
 * the record, never to a clock (with loss and resends such times are unreliable).
 */
import { describeFault, type Fault } from '../../sim/index.ts';
import type { OpKind } from './messages.ts';

/** When a step fires. */
export type StepTrigger =
  /** At this true time. */
  | { readonly atMs: number }
  /** When leader `at` has applied update `applied` (e.g. `n1-1`). */
  | { readonly applied: string; readonly at: string }
  /** When leader `at` has asked `route` about a copy of update `routed` (it has received one). */
  | { readonly routed: string; readonly at: string }
  /** When step number `step` (0-based, in the scenario's list) has fired. */
  | { readonly step: number }
  /** When leader `at` has stamped a new write to field `stamped` (`any-order`). */
  | { readonly stamped: string; readonly at: string };

export type StepAction =
  /** Client `client` writes now (queued behind its write in flight). */
  | { readonly kind: 'write'; readonly client: string; readonly op: OpKind }
  /** Leader `leader` accepts a write of its own client now, as if it had just arrived (`any-order`). */
  | { readonly kind: 'accept'; readonly leader: string; readonly op: OpKind }
  /** Every scripted client starts writing on its own. */
  | { readonly kind: 'start-clients' }
  | { readonly kind: 'fault'; readonly fault: Fault }
  /** Leader `removed` (crashed, kept down) leaves the ring, which closes over the gap (`fifo-once` only). */
  | { readonly kind: 'ring-repair'; readonly removed: string };

export interface ScriptedStep {
  readonly when: StepTrigger;
  readonly afterMs?: number;
  readonly action: StepAction;
}

/** A fact of the record a trigger may wait for. */
export type RecordFact = { readonly name: string; readonly node: string; readonly data: unknown };

/** Whether `fact` is what `trigger` waits for. */
export function triggeredBy(trigger: StepTrigger, fact: RecordFact): boolean {
  if ('applied' in trigger) return fact.name === 'ml-apply' && fact.node === trigger.at && (fact.data as { update: string }).update === trigger.applied;
  if ('stamped' in trigger) return fact.name === 'ml-write' && fact.node === trigger.at && (fact.data as { field?: string }).field === trigger.stamped;
  if ('routed' in trigger) return fact.name === 'ml-route' && fact.node === trigger.at && (fact.data as { update: string }).update === trigger.routed;
  return false;
}

/** The step in one line, e.g. "when n2 has applied n1-1, +0 ms: c2 writes (add)". */
export function describeStep(step: ScriptedStep): string {
  const when =
    'atMs' in step.when
      ? `t=${step.when.atMs}ms`
      : 'applied' in step.when
        ? `when ${step.when.at} has applied ${step.when.applied}`
        : 'routed' in step.when
          ? `when ${step.when.at} has received ${step.when.routed}`
          : 'stamped' in step.when
            ? `when ${step.when.at} stamps a write to ${step.when.stamped}`
            : `when step ${step.when.step + 1} has fired`;
  const after = step.afterMs ? ` +${step.afterMs}ms` : '';
  return `${when}${after}: ${describeAction(step.action)}`;
}

function describeAction(a: StepAction): string {
  switch (a.kind) {
    case 'write':
      return `${a.client} writes${a.op === 'any' ? '' : ` (${a.op})`}`;
    case 'accept':
      return `${a.leader} accepts a write of its client${a.op === 'any' ? '' : ` (${a.op})`}`;
    case 'start-clients':
      return 'every client starts writing';
    case 'fault':
      return describeFault(a.fault);
    case 'ring-repair':
      return `the ring closes without ${a.removed}`;
  }
}
