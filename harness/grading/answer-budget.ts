/**
 * The size and shape budget of what learner code sends back. Everything a learner side answers is
 * untrusted data that the harness will walk, compare and quote, so before any check sees a value it is
 * measured here, in bounded work: the walk stops as soon as the value is past its budget, and an array
 * is never walked index by index past what its present elements could pay for (a sparse array of
 * length 2³²−1 costs as little as its few elements).
 */

// Declared with the manifest entry (which validates it); a leaf import keeps the transport light.
import { MIN_ANSWER_BUDGET_BYTES } from '../curriculum/exercise-entry.ts';

export { MIN_ANSWER_BUDGET_BYTES };

/**
 * Bytes an export's answer may take when its manifest entry declares no budget of its own. Every
 * reference and buggy-fixture answer of the workbook measures under 6 KB (mergeReplicas is the
 * largest), so 64 KB is more than 8 × any of them, and small enough that a check doing quadratic
 * work on an answer still ends in well under a second.
 */
export const DEFAULT_ANSWER_BUDGET_BYTES = MIN_ANSWER_BUDGET_BYTES;

/** Answer budgets in bytes by export name; exports not named use `DEFAULT_ANSWER_BUDGET_BYTES`. */
export type AnswerBudgets = Readonly<Record<string, number>>;

/** What measuring a value found. `path` names where, as learner code would write it (`result.items[3]`). */
export type AnswerShape =
  | { readonly ok: true; readonly bytes: number }
  | { readonly ok: false; readonly problem: 'over-budget'; readonly budget: number }
  | { readonly ok: false; readonly problem: 'sparse-array'; readonly path: string; readonly index: number };

/** The budget of `fn`'s answers under `budgets`. */
export function answerBudgetOf(budgets: AnswerBudgets | undefined, fn: string): number {
  const declared = budgets !== undefined && Object.hasOwn(budgets, fn) ? budgets[fn] : undefined;
  return declared ?? DEFAULT_ANSWER_BUDGET_BYTES;
}

/**
 * Measures `value` (anything structured clone can carry) in roughly JSON-sized bytes, stopping once it
 * is past `budget`. A shared or cyclic object counts once. A hole in an array is reported with its
 * index: checks read arrays element by element, and a hole is a learner bug, not a size problem.
 */
export function measureAnswer(value: unknown, budget: number, root = 'result'): AnswerShape {
  let bytes = 0;
  const seen = new Set<object>();
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    bytes += 2;
    if (bytes > budget) return { ok: false, problem: 'over-budget', budget };
    if (typeof v === 'string') bytes += v.length;
    else if (typeof v === 'bigint') bytes += Math.ceil(bitLength(v) / 3);
    else if (typeof v !== 'object' || v === null) bytes += 8;
    else if (!seen.has(v)) {
      seen.add(v);
      const shape = pushChildren(v, path, budget - bytes, stack);
      if (shape !== undefined) return shape;
      if (ArrayBuffer.isView(v)) bytes += v.byteLength;
      else if (v instanceof ArrayBuffer) bytes += v.byteLength;
    }
    if (bytes > budget) return { ok: false, problem: 'over-budget', budget };
  }
  return { ok: true, bytes };
}

/** Queues the parts of one object; a shape problem or an over-budget element count ends the walk. */
function pushChildren(v: object, path: string, left: number, stack: { value: unknown; path: string }[]): AnswerShape | undefined {
  if (Array.isArray(v)) {
    const present = v.length > left ? Object.keys(v) : undefined;
    // More slots than the budget could pay for: either holes (name the first) or simply too big.
    if (present !== undefined) {
      const hole = firstHole(present, v.length);
      if (hole !== undefined) return { ok: false, problem: 'sparse-array', path, index: hole };
      return { ok: false, problem: 'over-budget', budget: left };
    }
    for (let i = v.length - 1; i >= 0; i--) {
      if (!(i in v)) return { ok: false, problem: 'sparse-array', path, index: firstHoleBelow(v, i) };
      stack.push({ value: v[i], path: `${path}[${i}]` });
    }
    return undefined;
  }
  if (v instanceof Map) {
    if (v.size > left) return { ok: false, problem: 'over-budget', budget: left };
    for (const [k, x] of v) stack.push({ value: k, path: `${path}.key` }, { value: x, path: `${path}.get(…)` });
    return undefined;
  }
  if (v instanceof Set) {
    if (v.size > left) return { ok: false, problem: 'over-budget', budget: left };
    for (const x of v) stack.push({ value: x, path: `${path}.values()` });
    return undefined;
  }
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Date || v instanceof RegExp) return undefined;
  if (v instanceof Error) {
    stack.push({ value: v.message, path: `${path}.message` });
    return undefined;
  }
  const keys = Object.keys(v);
  if (keys.length > left) return { ok: false, problem: 'over-budget', budget: left };
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    stack.push({ value: key, path }, { value: (v as Record<string, unknown>)[key], path: `${path}.${key.length > 40 ? `${key.slice(0, 40)}…` : key}` });
  }
  return undefined;
}

/** The first index missing from an array's own keys (index keys come first, in ascending order). */
function firstHole(keys: readonly string[], length: number): number | undefined {
  for (let i = 0; i < keys.length && i < length; i++) if (keys[i] !== String(i)) return i;
  return keys.length < length ? Math.min(keys.length, length) : undefined;
}

/** The lowest hole at or below `i` (called only when `i` is a hole, on an array short enough to scan). */
function firstHoleBelow(v: readonly unknown[], i: number): number {
  let first = i;
  for (let j = i - 1; j >= 0; j--) if (!(j in v)) first = j;
  return first;
}

function bitLength(n: bigint): number {
  const abs = n < 0n ? -n : n;
  // toString(16) is linear in the digits, which the message that carried them already paid for.
  return abs.toString(16).length * 4;
}
