/**
 * The leaderless store's messages. Requests carry a `req` number chosen by their sender, so a reply
 * (or a duplicate of one) is matched to exactly the request it answers.
 */

/** A versioned value as a replica stores it; version 0 means never written. */
export interface Versioned {
  readonly value: unknown;
  readonly version: number;
}

/** One stored hint, as a fallback node keeps it durably (see `Hint` in the exercise API). */
export interface StoredHint {
  readonly key: string;
  readonly value: unknown;
  readonly version: number;
  readonly hintFor: string;
}

export type LeaderlessMessage =
  /** Writer → replica: store this version (for `hintFor`, when the receiver is a fallback). */
  | { type: 'put'; req: number; key: string; value: unknown; version: number; hintFor?: string }
  /** Replica → writer: the value (or the hint for `hintFor`) is in durable storage. */
  | { type: 'put-ok'; req: number; key: string; version: number; hintFor?: string }
  | { type: 'get'; req: number; key: string }
  | { type: 'get-ok'; req: number; key: string; value: unknown; version: number }
  /** Reader → replica: read repair; applied only if newer. */
  | { type: 'repair'; req: number; key: string; value: unknown; version: number }
  | { type: 'repair-ok'; req: number; key: string; version: number }
  /** Fallback → home replica: a hinted write handed off. */
  | { type: 'handoff'; key: string; value: unknown; version: number }
  /** Home replica → fallback: it now durably holds `key` at `version` or newer. */
  | { type: 'handoff-ok'; key: string; version: number }
  /** Anti-entropy: a replica pushes what it holds for keys both are home replicas of. */
  | { type: 'sync'; entries: readonly { key: string; value: unknown; version: number }[] };
