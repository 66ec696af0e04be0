/** Sibling sets as the harness reads them: shape checks, write ids, and set equality. */
import type { CartSibling } from './sibling-logic.ts';
import { showExact } from '../show-value.ts';
import { clockProblem, compareClocks, showClock } from './version-vector.ts';

/**
 * Why `x` is not a list of cart siblings (`{ value: { write, items }, clock }`), or null; only the
 * elements `judged` says are looked at, so a check of one part of a list can leave the rest to another.
 */
export function siblingsProblem(x: unknown, judged: (element: unknown) => boolean = () => true): string | null {
  if (!Array.isArray(x)) return `${preview(x)}, not an array of siblings`;
  for (const [i, s] of x.entries()) {
    if (!judged(s)) continue;
    if (typeof s !== 'object' || s === null) return `${preview(x)}: element ${i} is not a { value, clock } sibling`;
    const { value, clock } = s as { value?: unknown; clock?: unknown };
    if (typeof value !== 'object' || value === null || typeof (value as { write?: unknown }).write !== 'string')
      return `${preview(x)}: element ${i} has no value (each sibling keeps the value it was written with)`;
    const problem = clockProblem(clock);
    if (problem !== null) return `${preview(x)}: element ${i}'s clock: ${problem}`;
  }
  return null;
}

/** The write ids of a sibling set, in its order. */
export function writeIds(siblings: readonly CartSibling[]): string[] {
  return siblings.map((s) => s.value.write);
}

/** The same siblings (write ids and equal clocks), in any order, each once. */
export function sameSiblingSet(a: readonly CartSibling[], b: readonly CartSibling[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s) => b.some((t) => t.value.write === s.value.write && compareClocks(s.clock, t.clock) === 'equal')) &&
    b.every((s) => a.some((t) => t.value.write === s.value.write));
}

/** `[c1-2 {n1:2}, c2-1 {n2:1}]`. */
export function showSiblings(siblings: readonly CartSibling[]): string {
  const shown = siblings.slice(0, 8).map((s) => `${s.value.write} ${showClock(s.clock)}`);
  return `[${shown.join(', ')}${siblings.length > 8 ? `, … (${siblings.length} in all)` : ''}]`;
}

function preview(x: unknown): string {
  const text = showExact(x);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
