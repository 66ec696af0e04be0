/**
 * The leaderless store's published constants (printed with failures, so learners can reason about
 * what "in time" means).
 */
export interface LeaderlessTiming {
  /** A replica that has not answered a read or repair within this many ms counts as failed for it. */
  readonly replicaTimeoutMs: number;
  /** A read still unsettled after this much simulated time never settles. */
  readonly readDeadlineMs: number;
  /** Writers resend a put to replicas that have not acknowledged it this often. */
  readonly writeRetransmitMs: number;
  /** A write without w acks by then is given up (it is not rolled back: it may or may not have happened). */
  readonly writeTimeoutMs: number;
  /** Each replica pushes its values to another home replica of each key this often. */
  readonly antiEntropyMs: number;
  /** Fallback nodes (re)send their hints to home replicas this often, until acknowledged. */
  readonly handoffMs: number;
  /** A writer treats a node as unreachable once a put to it has gone unanswered this long. */
  readonly suspectAfterMs: number;
}

export const DEFAULT_LEADERLESS_TIMING: LeaderlessTiming = Object.freeze({
  replicaTimeoutMs: 300,
  readDeadlineMs: 5000,
  writeRetransmitMs: 40,
  writeTimeoutMs: 400,
  antiEntropyMs: 250,
  handoffMs: 100,
  suspectAfterMs: 60,
});
