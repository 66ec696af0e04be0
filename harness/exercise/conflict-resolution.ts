/**
 * Types of the conflict-resolution exercise (DDIA 4.3): a version of a value as the leader that
 * accepted it stamped it, and a user profile every leader holds and merges.
 */

/** A value together with how the leader that accepted it stamped it. */
export interface Stamped<V> {
  readonly value: V;
  /** The accepting leader's clock in ms when it accepted the write. Leaders' clocks can be skewed and can jump. */
  readonly timestamp: number;
  /** The leader that accepted the write. */
  readonly leader: string;
  /** The client write's id, e.g. "c2-3". A write re-sent to a second leader after a lost ack is accepted twice:
   *  two versions with one `write`. A version is identified by (write, leader, timestamp). */
  readonly write: string;
}

/** A user profile as every leader holds it. */
export interface Profile {
  /** name, email, phone, city: each field holds one stamped value; a field nobody has written is absent. */
  readonly fields: Readonly<Record<string, Stamped<string>>>;
  /** Add-only: every interest anyone added. Order does not matter. */
  readonly interests: readonly string[];
}
