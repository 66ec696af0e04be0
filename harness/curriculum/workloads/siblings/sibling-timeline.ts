/**
 * Which parts of a siblings-store run a learner should see: reads and writes with their contexts,
 * what each replica's calls returned, synchronisation that carried values, and faults, in the words
 * of the exercise's presenter.
 */
import type { SiblingRun } from '../../../cluster/index.ts';
import type { Presenter } from '../../presenter.ts';
import { buildTimeline, type Timeline, type TimelineFocus } from '../../timeline.ts';
import { siblingsPresenter } from './present.ts';

const MAX_ENTRIES = 60;

export function siblingTimeline(run: SiblingRun, focus: readonly TimelineFocus[], presenter: Presenter<SiblingRun> = siblingsPresenter): Timeline {
  return buildTimeline(run.trace, { lanes: presenter.lanes(run), presenter, focus, maxEntries: MAX_ENTRIES });
}
