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
