/**
 * How a sloppy-quorum run is shown: the leaderless store's presenter, whose notes include the hints
 * the learner's fallbacks store, hand off and drop.
 */
import type { LeaderlessRun } from '../../cluster/index.ts';
import type { Presenter } from '../presenter.ts';
import { leaderlessPresenter } from '../workloads/leaderless/present.ts';

export const sloppyQuorumPresenter: Presenter<LeaderlessRun> = leaderlessPresenter;
