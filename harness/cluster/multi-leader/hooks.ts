/**
 * The learner-replaceable decisions of a `fifo-once` multi-leader run: where a copy of an update goes
 * next (`route`) and whether an update may be applied now (`canApply`). The cluster validates every
 * answer itself; a hook only asks.
 */
import type { RouteInfo, Topology, UpdateDeps, VectorClock } from '../../exercise/index.ts';
import type { HookCall, HookOutcome } from '../hook.ts';

export interface TopologyHooks {
  route(update: RouteInfo, self: string, topology: Topology, call: HookCall): Promise<HookOutcome<unknown>>;
  canApply(update: UpdateDeps, applied: VectorClock, call: HookCall): Promise<HookOutcome<unknown>>;
}
