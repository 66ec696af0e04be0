/**
 * The register history the linearizability checker takes: operations on read/write/compare-and-set
 * registers, one register per key, with invocation and completion times taken from one clock.
 */

/** One client operation on the register `key`. */
export interface RegisterOp {
  readonly client: string;
  readonly key: string;
  readonly op: 'read' | 'write' | 'cas';
  /** The value written (`write`), or written on success (`cas`). */
  readonly value?: unknown;
  /** `cas` only: the value the register must hold for the swap to happen. */
  readonly expected?: unknown;
  /**
   * `read`: the value returned. `cas`: `true` if it swapped, `false` if it did not, absent when the
   * client never learned (the operation may or may not have happened). Ignored for `write`.
   */
  readonly output?: unknown;
  /** When the client invoked the operation. */
  readonly call: number;
  /**
   * When the client learned the outcome. Absent (or `Infinity`) for an operation that never completed:
   * it may have taken effect at any time after `call`, or never. A read that never completed tells
   * nothing and is ignored.
   */
  readonly return?: number;
}
