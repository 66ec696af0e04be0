/**
 * Types of the topology-routing exercise (DDIA 4.2): where a leader sends a replicated update next,
 * and whether it may apply an update now.
 */
import type { VectorClock } from './vector-clock.ts';

/** Which leader sends replication traffic to which (DDIA's three topologies). Every leader id appears exactly once. */
export type Topology =
  /** Each leader passes what it applies (its own writes and those it receives) to the next one in `ring`; the last to the first. */
  | { readonly kind: 'circular'; readonly ring: readonly string[] }
  /** The hub passes what it applies to the leaves; a leaf sends only to the hub. */
  | { readonly kind: 'star'; readonly hub: string; readonly leaves: readonly string[] }
  /** Every leader sends its own writes directly to every other. */
  | { readonly kind: 'all-to-all'; readonly leaders: readonly string[] };

/** What routing needs to know about one copy of an update. */
export interface RouteInfo {
  /** The leader whose client wrote the update. */
  readonly origin: string;
  /** The leaders that have sent this copy so far, in order, the origin first. Empty for your own new write. */
  readonly path: readonly string[];
}

/** `ignore`: do not apply this copy. Otherwise apply it and pass it on to `sendTo` (possibly nobody). */
export type Routing =
  | { readonly ignore: true }
  | { readonly ignore: false; readonly sendTo: readonly string[] };

/** What an update depends on. */
export interface UpdateDeps {
  readonly origin: string;
  /** 1, 2, 3, … per origin. */
  readonly seq: number;
  /** How many updates of each origin its origin had applied when its client wrote it (its own entry: seq − 1). A missing entry is 0. */
  readonly deps: VectorClock;
}
