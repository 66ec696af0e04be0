/**
 * How a concurrent-writes run is shown: the siblings store's presenter (the learner's applyWrite and
 * mergeReplicas calls are its notes).
 */
import type { SiblingRun } from '../../cluster/index.ts';
import type { Presenter } from '../presenter.ts';
import { siblingsPresenter } from '../workloads/siblings/present.ts';

export const concurrentWritesPresenter: Presenter<SiblingRun> = siblingsPresenter;
