/**
 * How a run of the vector-clock exercise's integration check is shown: the siblings store's
 * presenter (the store runs on the learner's clocks).
 */
import type { SiblingRun } from '../../cluster/index.ts';
import type { Presenter } from '../presenter.ts';
import { siblingsPresenter } from '../workloads/siblings/present.ts';

export const vectorClockPresenter: Presenter<SiblingRun> = siblingsPresenter;
