/** One edit of a shared text, at a position in the text its author saw. */
export type TextOp =
  /** Inserts `text` (at least one character) before position `pos` (0 = at the start, length = at the end). */
  | { readonly kind: 'insert'; readonly pos: number; readonly text: string; readonly site: string }
  /** Deletes `length` (≥ 1) characters starting at `pos`. */
  | { readonly kind: 'delete'; readonly pos: number; readonly length: number; readonly site: string };
