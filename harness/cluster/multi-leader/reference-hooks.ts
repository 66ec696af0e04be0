/**
 * The reference routing and apply rule of the `fifo-once` cluster: DDIA's tagging (a copy that has
 * passed through you is ignored) and causal delivery by dependency counts. The cluster runs these
 * unless a run is given other hooks; the exercise's acceptable sets are built around them.
 */
import type { Profile, RouteInfo, Routing, Stamped, Topology, UpdateDeps, VectorClock } from '../../exercise/index.ts';
import type { ResolverHooks, TopologyHooks } from './hooks.ts';
import { referenceNextTimestamp } from './profile.ts';
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

/** The reference resolver of `any-order` runs: the higher timestamp, then the higher leader, then the higher write id. */
export function referenceLastWriteWins<V>(a: Stamped<V>, b: Stamped<V>): Stamped<V> {
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp ? a : b;
  if (a.leader !== b.leader) return a.leader > b.leader ? a : b;
  return a.write >= b.write ? a : b;
}

export function referenceMergeProfiles(a: Profile, b: Profile): Profile {
  const fields: Record<string, Stamped<string>> = {};
  for (const f of new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])) {
    const [x, y] = [a.fields[f], b.fields[f]];
    fields[f] = x && y ? referenceLastWriteWins(x, y) : (x ?? y)!;
  }
  return { fields, interests: [...new Set([...a.interests, ...b.interests])] };
}

export const referenceResolverHooks: ResolverHooks = {
  lastWriteWins: async (a, b) => ({ ok: true, value: referenceLastWriteWins(a, b) }),
  mergeProfiles: async (a, b) => ({ ok: true, value: referenceMergeProfiles(a, b) }),
  nextTimestamp: async (clock, highestSeen) => ({ ok: true, value: referenceNextTimestamp(clock, highestSeen) }),
};
