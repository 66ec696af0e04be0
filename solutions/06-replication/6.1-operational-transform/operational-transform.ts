/**
 * Exercise 6.1: operational transformation, the function at the heart of a collaborative text editor.
 *
 * Two people edit the same text at the same time. Each applies their own edit at once and receives
 * the other's later, made on the text as it was before. `transform` rewrites the incoming edit so it
 * still does what its author meant on the text as it is now. Read README.md beside this file first.
 *
 * The intended effect, which fixes every answer except a tie: applying `applied` and then
 * `transform(op, applied)` has the effect of both edits:
 * - every inserted character is present, in the gap its author chose;
 * - every original character either edit deleted is gone, and no other;
 * - an insert inside a range the other deleted survives, where the range was;
 * - two inserts into one gap come out in the same order on both sides, by a tie rule of your choice
 *   that answers oppositely when the two ops are swapped (`transform(a, b)` and `transform(b, a)`);
 * - returned ops are valid on their text and carry `op.site`; `[]` when nothing is left.
 * Checked on fixed and generated pairs, both ways round: both orders give one text (TP1), and that
 * text is the intended one; and in editing sessions through a central server (clients going
 * offline, a flaky network, edits at one spot at one moment): every editor ends with the server's
 * text, every edit does what its author meant, and no two characters ever swap places.
 */
import type { TextOp } from 'ddia-workbook/exercise';

/** `text` after `op` (ready to use, not graded): for trying your transform on examples. */
export function applyOp(text: string, op: TextOp): string {
  if (op.kind === 'insert') return text.slice(0, op.pos) + op.text + text.slice(op.pos);
  return text.slice(0, op.pos) + text.slice(op.pos + op.length);
}

/**
 * `op` and `applied` were made concurrently on the same text, by different sites. `applied` has already
 * been applied; return what `op` must become to do what its author meant: usually one op, two when a
 * delete has to go around text inserted inside its range, none when everything it would delete is
 * already gone. Keep `op.site`.
 */
export function transform(op: TextOp, applied: TextOp): TextOp[] {
  if (op.kind === 'insert') {
    if (applied.kind === 'insert') {
      const goesFirst = applied.pos < op.pos || (applied.pos === op.pos && applied.site < op.site);
      return [goesFirst ? { ...op, pos: op.pos + applied.text.length } : op];
    }
    const end = applied.pos + applied.length;
    if (op.pos <= applied.pos) return [op];
    if (op.pos >= end) return [{ ...op, pos: op.pos - applied.length }];
    return [{ ...op, pos: applied.pos }];
  }
  const p = op.pos;
  const n = op.length;
  if (applied.kind === 'insert') {
    const q = applied.pos;
    const t = applied.text.length;
    if (q <= p) return [{ ...op, pos: p + t }];
    if (q >= p + n) return [op];
    return [{ ...op, length: q - p }, { ...op, pos: p + t, length: n - (q - p) }];
  }
  const d = applied.pos;
  const l = applied.length;
  const left = Math.max(0, Math.min(p + n, d) - p) + Math.max(0, p + n - Math.max(p, d + l));
  if (left === 0) return [];
  return [{ ...op, pos: p < d ? p : Math.max(d, p - l), length: left }];
}
