/** How a topology-routing run is shown: the multi-leader cluster's presenter (the learner's answers are its notes). */
import type { MultiLeaderRun } from '../../cluster/index.ts';
import type { Presenter } from '../presenter.ts';
import { multiLeaderPresenter } from '../workloads/multi-leader/present.ts';

export const topologyRoutingPresenter: Presenter<MultiLeaderRun> = multiLeaderPresenter;
