/**
 * Exercise 4.3: conflict resolution. Three leaders accept edits to one user profile and replicate
 * them to each other; you write the resolver every leader runs on what arrives. Read README.md beside
 * this file first.
 *
 * The contract (the harness checks all of it):
 * - Every leader runs these functions on whatever arrives, in any order, as often as the network
 *   delivers it, and on its own new writes; leaders must end equal. So a result must not depend on
 *   the order of the arguments, on grouping or on repetition.
 * - Ties (equal timestamps) must be decided by something that differs between any two versions and
 *   is the same on every leader. A version is identified by (write, leader, timestamp).
 * - Inputs are never changed: return a new object, or one of the versions you were given.
 * - Both functions depend only on their arguments. LWW's losses are shown to you, never failed.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { Profile, Stamped } from 'ddia-workbook/exercise';

/**
 * The version that survives: the higher timestamp; equal timestamps decided the same way in both
 * argument orders and on every leader. Returns one of its arguments (an equal copy is fine).
 */
export function lastWriteWins<V>(a: Stamped<V>, b: Stamped<V>): Stamped<V> {
  // TODO(human): keep one of the two versions. Stuck? `./workbook hint conflict-resolution`.
  throw new NotImplementedError('lastWriteWins');
}

/**
 * Two profiles merged: every field present in either, a field in both resolved as your
 * lastWriteWins resolves it; the interests of both, each once.
 */
export function mergeProfiles(a: Profile, b: Profile): Profile {
  // TODO(human): one profile holding what both hold.
  throw new NotImplementedError('mergeProfiles');
}

/**
 * Optional, weight 0: the timestamp for a new write — an integer, at least `clock`, above
 * `highestSeen` (every timestamp this leader has seen; 0 before any). Delete it to skip its checks.
 */
export function nextTimestamp(clock: number, highestSeen: number): number {
  // TODO(human): a stamp no version this leader has seen can beat.
  throw new NotImplementedError('nextTimestamp');
}
