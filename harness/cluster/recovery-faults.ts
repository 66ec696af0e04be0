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

/**
 * The recovery faults a run of `scenario` injects when it gets that far, known before running it:
 * only faults change a node's status, so replaying the schedule's crashes, restarts, pauses and
 * resumes (with the simulator's rules for each) gives the statuses recovery will find. Used to
 * describe a schedule from its scenario alone.
 */
export function plannedRecoveryFaults(scenario: { readonly faults: FaultSchedule; readonly keepDown?: readonly string[] }, nodes: readonly string[]): Fault[] {
  const status = new Map<string, NodeStatus>(nodes.map((id) => [id, 'up']));
  for (const { fault } of [...scenario.faults].sort((a, b) => a.at - b.at)) {
    if (!('node' in fault) || !status.has(fault.node)) continue;
    const now = status.get(fault.node)!;
    if (fault.kind === 'crash') status.set(fault.node, 'crashed');
    else if (fault.kind === 'restart' && now === 'crashed') status.set(fault.node, 'up');
    else if (fault.kind === 'pause' && now === 'up') status.set(fault.node, 'paused');
    else if (fault.kind === 'resume' && now === 'paused') status.set(fault.node, 'up');
  }
  return recoveryFaults({ faults: scenario.faults, keepDown: scenario.keepDown ?? [] }, nodes, (id) => status.get(id)!);
}
