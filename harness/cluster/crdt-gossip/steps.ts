/**
 * Scripted steps of a gossip run: a client op, every client starting, or a fault, fired at a true
 * time or once every condition holds, keyed to the harness's record (what a replica knows, a state
 * sent on a link since an earlier step), with the end of the fault phase as the fallback. Steps are
 * spec data: they print, replay and shrink like faults.
 */
import { describeFault, type Fault } from '../../sim/index.ts';

export type GossipCondition =
  /** Replica `at` (or every replica) knows every op of `knows` (write ids, e.g. `c1-1`). */
  | { readonly knows: readonly string[]; readonly at: string }
  /** Replica `from` has sent `to` a state since step `since` (0-based) fired. */
  | { readonly sent: { readonly from: string; readonly to: string }; readonly since: number }
  /** Step number `step` (0-based) has fired. */
  | { readonly step: number };

export type GossipStepAction =
  /** Client `client` makes op `op` ("increment", "add milk", "remove milk"), queued behind its op in flight. */
  | { readonly kind: 'write'; readonly client: string; readonly op: string }
  | { readonly kind: 'start-clients' }
  | { readonly kind: 'fault'; readonly fault: Fault };

export interface GossipStep {
  /** A true time, or conditions that must all hold. */
  readonly when: { readonly atMs: number } | readonly GossipCondition[];
  readonly afterMs?: number;
  readonly action: GossipStepAction;
}

/** What conditions are judged against: the run's record so far. */
export interface GossipFacts {
  knows(replica: string): ReadonlySet<string>;
  readonly replicas: readonly string[];
  /** True times at which `from` sent `to` a state. */
  sends(from: string, to: string): readonly number[];
  /** When step `i` fired, if it has. */
  firedAt(i: number): number | undefined;
}

export function conditionHolds(c: GossipCondition, facts: GossipFacts): boolean {
  if ('knows' in c) return (c.at === 'all' ? facts.replicas : [c.at]).every((r) => c.knows.every((op) => facts.knows(r).has(op)));
  if ('sent' in c) {
    const since = facts.firedAt(c.since);
    return since !== undefined && facts.sends(c.sent.from, c.sent.to).some((t) => t >= since);
  }
  return facts.firedAt(c.step) !== undefined;
}

/** The step in one line: "when n2 knows c1-1 and step 2 has fired: c2 makes its op (decrement)". */
export function describeGossipStep(step: GossipStep): string {
  const when = 'atMs' in step.when ? `t=${step.when.atMs}ms` : `when ${step.when.map(describeCondition).join(' and ')}`;
  return `${when}${step.afterMs ? ` +${step.afterMs}ms` : ''}: ${describeAction(step.action)}`;
}

function describeCondition(c: GossipCondition): string {
  if ('knows' in c) return `${c.at === 'all' ? 'every replica knows' : `${c.at} knows`} ${c.knows.join(', ')}`;
  if ('sent' in c) return `${c.sent.from} has sent ${c.sent.to} a state since step ${c.since + 1}`;
  return `step ${c.step + 1} has fired`;
}

function describeAction(a: GossipStepAction): string {
  switch (a.kind) {
    case 'write':
      return `${a.client}: ${a.op}`;
    case 'start-clients':
      return 'every client starts writing';
    case 'fault':
      return describeFault(a.fault);
  }
}
