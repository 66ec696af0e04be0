/**
 * The faults that end a fault phase, shared by every reference cluster: the network heals, loss and
 * duplication stop, held messages are released, paused nodes resume and crashed ones restart, except
 * those the scenario keeps down. Only nodes actually paused or crashed are touched, so the trace
 * shows what changed.
 */
import type { Fault, FaultSchedule, NodeStatus } from '../sim/index.ts';

export function recoveryFaults(
  scenario: { readonly faults: FaultSchedule; readonly keepDown: readonly string[] },
  nodes: readonly string[],
  status: (id: string) => NodeStatus,
): Fault[] {
  const faults: Fault[] = [{ kind: 'heal' }, { kind: 'link-faults-clear' }, { kind: 'network-faults', loss: 0, duplicate: 0 }];
  for (const { fault } of scenario.faults) if (fault.kind === 'hold') faults.push({ kind: 'release', from: fault.from, to: fault.to });
  for (const id of nodes) {
    if (status(id) === 'paused') faults.push({ kind: 'resume', node: id });
    if (status(id) === 'crashed' && !scenario.keepDown.includes(id)) faults.push({ kind: 'restart', node: id });
  }
  return faults;
}

/** What the recovery phase of a run will do: the faults it injects, and the crashed nodes it leaves down. */
export interface PlannedRecovery {
  readonly faults: readonly Fault[];
  readonly keptDown: readonly string[];
}

/**
 * The recovery a run of `scenario` performs when it gets that far, known before running it: only
 * faults change a node's status, so replaying the schedule's crashes, restarts, pauses and resumes
 * (by the simulator's rules for each) gives the statuses recovery will find. It describes a schedule
 * from its scenario alone; a test holds it to what real runs inject.
 */
export function plannedRecovery(scenario: { readonly faults: FaultSchedule; readonly keepDown?: readonly string[] }, nodes: readonly string[]): PlannedRecovery {
  const status = new Map<string, NodeStatus>(nodes.map((id) => [id, 'up']));
  for (const { fault } of [...scenario.faults].sort((a, b) => a.at - b.at)) {
    if (!('node' in fault) || !status.has(fault.node)) continue;
    const now = status.get(fault.node)!;
    if (fault.kind === 'crash') status.set(fault.node, 'crashed');
    else if (fault.kind === 'restart' && now === 'crashed') status.set(fault.node, 'up');
    else if (fault.kind === 'pause' && now === 'up') status.set(fault.node, 'paused');
    else if (fault.kind === 'resume' && now === 'paused') status.set(fault.node, 'up');
  }
  const keepDown = scenario.keepDown ?? [];
  return {
    faults: recoveryFaults({ faults: scenario.faults, keepDown }, nodes, (id) => status.get(id)!),
    keptDown: nodes.filter((id) => keepDown.includes(id) && status.get(id) === 'crashed'),
  };
}
