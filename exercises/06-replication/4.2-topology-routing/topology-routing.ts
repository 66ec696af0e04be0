/**
 * Exercise 4.2: replication topologies. Several leaders accept writes and replicate them to each other
 * over a circular, star or all-to-all topology; you decide where a copy goes next and when an update
 * may be applied. Read README.md beside this file first.
 *
 * The contract (the harness checks all of it):
 * - Every leader applies every update exactly once, never before an update it depends on, and sends
 *   only on links its topology has (see the comments on `Topology`: DDIA's definitions).
 * - The cluster never drops a duplicate for you: a copy `route` does not ignore goes to `canApply`
 *   and, when allowed, is applied. The cluster appends each sender to `path` (DDIA's tagging).
 * - Receiver rule 1: a copy whose path contains `self` has already passed through you.
 * - Receiver rule 2: an update may be applied once this leader has applied everything its `deps`
 *   counts, its origin's previous update included.
 * - Both functions depend only on their arguments.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { RouteInfo, Routing, Topology, UpdateDeps, VectorClock } from 'ddia-workbook/exercise';

/**
 * Called for each of your own new writes (path []) and for every copy you receive. `{ ignore: true }`:
 * do not apply this copy. Otherwise the copy is applied (once `canApply` allows it) and passed on to
 * `sendTo`, possibly nobody (`sendTo: []`). Valid answers name no leader twice and only leaders `self`
 * has a link to; sending a copy to a leader already on its path is allowed (that leader ignores it).
 */
export function route(update: RouteInfo, self: string, topology: Topology): Routing {
  // TODO(human): ignore, or say who gets this copy next. Stuck? `./workbook hint topology-routing`.
  throw new NotImplementedError('route');
}

/** May `update` be applied now, given how many updates of each origin this leader has applied? A missing entry is 0. */
export function canApply(update: UpdateDeps, applied: VectorClock): boolean {
  // TODO(human): true once everything the update depends on has been applied here.
  throw new NotImplementedError('canApply');
}
