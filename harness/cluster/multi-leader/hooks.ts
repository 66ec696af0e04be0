/**
 * The learner-replaceable decisions of a `fifo-once` multi-leader run: where a copy of an update goes
 * next (`route`) and whether an update may be applied now (`canApply`). The cluster validates every
 * answer itself; a hook only asks.
 */
import type { Profile, RouteInfo, Stamped, Topology, UpdateDeps, VectorClock } from '../../exercise/index.ts';
import type { HookCall, HookOutcome } from '../hook.ts';

export interface TopologyHooks {
  route(update: RouteInfo, self: string, topology: Topology, call: HookCall): Promise<HookOutcome<unknown>>;
  canApply(update: UpdateDeps, applied: VectorClock, call: HookCall): Promise<HookOutcome<unknown>>;
}

/**
 * The learner-replaceable decisions of an `any-order` run (conflict-resolution): which version of a
 * field survives, two profiles merged, and (only in runs stamped by the learner) a new write's stamp.
 */
export interface ResolverHooks {
  lastWriteWins(a: Stamped<string>, b: Stamped<string>, call: HookCall): Promise<HookOutcome<unknown>>;
  mergeProfiles(a: Profile, b: Profile, call: HookCall): Promise<HookOutcome<unknown>>;
  nextTimestamp(clock: number, highestSeen: number, call: HookCall): Promise<HookOutcome<unknown>>;
}
