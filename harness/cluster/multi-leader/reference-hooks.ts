/**
 * The reference routing and apply rule of the `fifo-once` cluster: DDIA's tagging (a copy that has
 * passed through you is ignored) and causal delivery by dependency counts. The cluster runs these
 * unless a run is given other hooks; the exercise's acceptable sets are built around them.
 */
import type { RouteInfo, Routing, Topology, UpdateDeps, VectorClock } from '../../exercise/index.ts';
import type { TopologyHooks } from './hooks.ts';
import { linksFrom } from './topology.ts';

/** Where a copy must go (the least set): the next leader of a ring, the hub's leaves, an origin's peers; never a leader on the path. */
export function requiredSendTo(update: RouteInfo, self: string, topology: Topology): readonly string[] {
  const own = update.path.length === 0;
  const relays = topology.kind === 'circular' || (topology.kind === 'star' && self === topology.hub);
  if (!own && !relays) return [];
  return linksFrom(topology, self).filter((l) => !update.path.includes(l));
}

export function referenceRoute(update: RouteInfo, self: string, topology: Topology): Routing {
  if (update.path.includes(self)) return { ignore: true };
  return { ignore: false, sendTo: requiredSendTo(update, self, topology) };
}

export function referenceCanApply(update: UpdateDeps, applied: VectorClock): boolean {
  return Object.entries(update.deps).every(([k, n]) => n <= (applied[k] ?? 0));
}

export const referenceTopologyHooks: TopologyHooks = {
  route: async (update, self, topology) => ({ ok: true, value: referenceRoute(update, self, topology) }),
  canApply: async (update, applied) => ({ ok: true, value: referenceCanApply(update, applied) }),
};
