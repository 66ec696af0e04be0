/**
 * A vector clock: one counter per node id. A missing id counts as 0, so `{ n1: 0 }` and `{}` are the
 * same clock. Clocks are values: functions that take one never change it and return a new one.
 */
export type VectorClock = Readonly<Record<string, number>>;

/**
 * How clock `a` relates to clock `b`: `before` (every entry ≤, one <), `after` (the mirror),
 * `equal` (every entry the same), or `concurrent` (each is ahead of the other somewhere).
 */
export type Ordering = 'before' | 'after' | 'equal' | 'concurrent';
