/**
 * Exercise 2.1: what an acknowledgement waits for, and which policy a deployment needs.
 *
 * The leader writes every entry to its own disk and ships it to the followers, which report how far
 * they have received, flushed and applied. You decide how far the leader may acknowledge under a
 * policy in the style of PostgreSQL's `synchronous_standby_names` and `synchronous_commit`, and which
 * policy a deployment's needs call for. Read README.md beside this file first.
 */
import { NotImplementedError } from 'ddia-workbook/exercise';
import type { AckPolicy, AckView, Deployment, Needs } from 'ddia-workbook/exercise';

/**
 * The highest position the leader may acknowledge now: every write at or below it is on the
 * standbys `policy` makes synchronous at this moment, at the stage `policy.level` names (README:
 * "What a policy means"), and no higher position is. A policy that waits for no standby: the
 * leader's own position. A policy that cannot be met right now: 0.
 *
 * The checks hold you to: no write acknowledged before its policy is met, none kept waiting once it
 * is, acknowledged writes surviving the failures the policy promises to survive, and under
 * remote_apply, acknowledged writes visible on the synchronous standbys.
 */
export function ackPosition(policy: AckPolicy, view: AckView): number {
  // TODO(human): decide from the policy and the view alone. Stuck? `./workbook hint replication-ack`.
  throw new NotImplementedError('ackPosition');
}

/**
 * A policy for `deployment` that meets every one of `needs`, and makes writes wait no more than
 * they require (no later stage, no more confirmations).
 */
export function choosePolicy(deployment: Deployment, needs: Needs): AckPolicy {
  // TODO(human): return { level, sync: { method, count, names } } for these needs.
  throw new NotImplementedError('choosePolicy');
}
