/**
 * How a quorum-reader run is shown: the leaderless store's presenter, the learner's reader first.
 */
import type { LeaderlessRun } from '../../cluster/index.ts';
import type { Presenter } from '../presenter.ts';
import { leaderlessPresenter } from '../workloads/leaderless/present.ts';

export const quorumReaderPresenter: Presenter<LeaderlessRun> = leaderlessPresenter;
