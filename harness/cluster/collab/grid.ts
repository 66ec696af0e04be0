/**
 * The transform grid (Jupiter): list A against list B, both made on base S, cell by cell. Each cell
 * asks the learner twice, `transform(a, b)` and `transform(b, a)`, on a base the harness knows; a
 * cell's answers are checked before they are used, and a list result widens its row or column.
 * Recursion ends: each cell at most doubles one op. Returns A after B and B after A, or undefined
 * when the run stopped (an answer without a usable value).
 */
import type { TextOp } from '../../exercise/index.ts';
import type { CollabLogic } from './logic.ts';

/** One cell asked: both answers valid on their texts, or undefined (the run stops). */
export type Cell = (base: string, a: TextOp, b: TextOp) => Promise<readonly [readonly TextOp[], readonly TextOp[]] | undefined>;

export async function transformLists(logic: CollabLogic, cell: Cell, base: string, A: readonly TextOp[], B: readonly TextOp[]): Promise<[TextOp[], TextOp[]] | undefined> {
  if (A.length === 0 || B.length === 0) return [[...A], [...B]];
  if (A.length === 1 && B.length === 1) {
    const got = await cell(base, A[0]!, B[0]!);
    return got === undefined ? undefined : [[...got[0]], [...got[1]]];
  }
  if (A.length > 1) {
    const first = await transformLists(logic, cell, base, [A[0]!], B);
    if (first === undefined) return undefined;
    const rest = await transformLists(logic, cell, logic.apply(base, [A[0]!]), A.slice(1), first[1]);
    return rest === undefined ? undefined : [[...first[0], ...rest[0]], rest[1]];
  }
  const first = await transformLists(logic, cell, base, A, [B[0]!]);
  if (first === undefined) return undefined;
  const rest = await transformLists(logic, cell, logic.apply(base, [B[0]!]), first[0], B.slice(1));
  return rest === undefined ? undefined : [rest[0], [...first[1], ...rest[1]]];
}
