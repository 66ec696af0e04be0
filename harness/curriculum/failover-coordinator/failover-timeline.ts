/**
 * Which parts of a failover run a learner should see: the coordinator's rounds and messages, who
 * served when, truncations and faults, in the failover presenter's words. Heartbeats, replication
 * traffic and client writes are left out (hundreds of them), except commits a verdict points at.
 */
import type { FailoverRun } from '../../cluster/index.ts';
import { buildTimeline, type Timeline, type TimelineFocus } from '../timeline.ts';
import { failoverPresenter } from './present.ts';

const MAX_ENTRIES = 60;

export function failoverTimeline(run: FailoverRun, focus: readonly TimelineFocus[]): Timeline {
  return buildTimeline(run.trace, { lanes: failoverPresenter.lanes(run), presenter: failoverPresenter, focus, maxEntries: MAX_ENTRIES });
}
