/** The multi-leader cluster's published timing (printed with liveness failures). */
export const MULTI_LEADER_TIMING = Object.freeze({
  /** A reliable link resends its unacknowledged entries this often. */
  linkResendMs: 30,
  /** An `any-order` update is resent to a leader that has not acknowledged it this often. */
  resendMs: 30,
  /** A client resends an unacknowledged write this often. */
  clientRetryMs: 60,
  /** Think time between a client's writes. */
  thinkMinMs: 10,
  thinkMaxMs: 60,
  /** A leader pushes its whole state to its next linked peer this often (anti-entropy, `state` delivery). */
  antiEntropyMs: 40,
  /** How long the recovery phase lasts: by then a correct learner has converged. */
  recoveryMs: 1000,
  /** How long, in simulated time, a leader waits for one answer of the learner's code before calling it stuck. */
  logicDeadlineMs: 5000,
  /** The run stops when one update is enqueued on one link this many times (the second time is already a loop). */
  maxEnqueuesPerLink: 3,
});

export type MultiLeaderTiming = typeof MULTI_LEADER_TIMING;
