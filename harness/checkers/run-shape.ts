/**
 * The part of a failover run the checkers read. A structural subset of `FailoverRun`, so tests and
 * tools can hand-build a small run without simulating one.
 */
import type { FailoverRun } from '../cluster/index.ts';

/** The fields of a `FailoverRun` the checkers read; a real `FailoverRun` is one. */
export type FailoverRunLike = Pick<FailoverRun, 'notes' | 'history' | 'final' | 'timing' | 'recoveryStartsAt' | 'endsAt' | 'stoppedBy'>;
