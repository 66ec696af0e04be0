/**
 * The harness's transform: the rules of the exercise's hint 2, ties to the lower site. It is the answer
 * a failure states; judging never asks it for more than that, since any transform with the intended
 * effect passes.
 */
import type { TextOp } from '../../exercise/index.ts';

export function referenceTransform(op: TextOp, applied: TextOp): TextOp[] {
  if (op.kind === 'insert') {
    if (applied.kind === 'insert') {
      const before = applied.pos < op.pos || (applied.pos === op.pos && applied.site < op.site);
      return [before ? { ...op, pos: op.pos + applied.text.length } : op];
    }
    const end = applied.pos + applied.length;
    if (op.pos <= applied.pos) return [op];
    if (op.pos >= end) return [{ ...op, pos: op.pos - applied.length }];
    return [{ ...op, pos: applied.pos }];
  }
  const [p, n] = [op.pos, op.length];
  if (applied.kind === 'insert') {
    const [q, t] = [applied.pos, applied.text.length];
    if (q <= p) return [{ ...op, pos: p + t }];
    if (q >= p + n) return [op];
    return [
      { ...op, length: q - p },
      { ...op, pos: p + t, length: n - (q - p) },
    ];
  }
  const [d, l] = [applied.pos, applied.length];
  const left = Math.max(0, Math.min(p + n, d) - p) + Math.max(0, p + n - Math.max(p, d + l));
  if (left === 0) return [];
  return [{ ...op, pos: p < d ? p : Math.max(d, p - l), length: left }];
}
