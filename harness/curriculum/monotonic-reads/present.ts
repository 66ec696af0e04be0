/**
 * monotonic-reads' runs, shown as every replication-lag run is except for sessionKey: this exercise
 * has none (one session per user), so the proxy answers it itself and the call is routine, not one
 * of the learner's.
 */
import type { SessionCallRecord, SessionRun } from '../../cluster/index.ts';
import { quiet, type Presenter } from '../presenter.ts';
import { replicaReadsPresenter } from '../workloads/replica-reads/present.ts';

export const monotonicPresenter: Presenter<SessionRun> = {
  ...replicaReadsPresenter,
  note: (name, data) => (name === 'session-call' && (data as SessionCallRecord).fn === 'sessionKey' ? quiet('one session per user') : replicaReadsPresenter.note(name, data)),
};
