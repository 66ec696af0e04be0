/**
 * Concurrent text edits judged by their effect. Every character of a base text is unique and one
 * site's inserted ones are fresh, so a character and its author are its identity (two sites may type
 * the same text): the intended result of two concurrent edits is then fixed (every inserted character
 * in the gap its author chose, every character either edit deleted gone, no other), except for the
 * order of two inserts into one gap, which may go either way as long as both sides agree.
 * Representations do not matter: one range or single-character deletes, either order of a split,
 * all have the same effect.
 */
import type { TextOp } from '../../exercise/index.ts';

/** `text` after `op`; the caller has checked `op` is valid on it. */
export function applyTextOp(text: string, op: TextOp): string {
  return op.kind === 'insert' ? text.slice(0, op.pos) + op.text + text.slice(op.pos) : text.slice(0, op.pos) + text.slice(op.pos + op.length);
}

/** Why `x` is not a valid op on `text` made by `site`, or null: positions in range, delete length ≥ 1, insert text non-empty, the site kept. */
export function textOpProblem(x: unknown, text: string, site: string): string | null {
  if (typeof x !== 'object' || x === null) return `${JSON.stringify(x) ?? String(x)} is not an op`;
  const op = x as Record<string, unknown>;
  if (op.kind !== 'insert' && op.kind !== 'delete') return `an op of kind ${JSON.stringify(op.kind) ?? 'undefined'}, not 'insert' or 'delete'`;
  if (op.site !== site) return `an op with site ${JSON.stringify(op.site) ?? 'undefined'}: keep op.site (${JSON.stringify(site)}), later ties need it`;
  if (typeof op.pos !== 'number' || !Number.isInteger(op.pos) || op.pos < 0) return `${op.kind === 'insert' ? 'an insert' : 'a delete'} at position ${JSON.stringify(op.pos) ?? 'undefined'}, not a position`;
  if (op.kind === 'insert') {
    if (typeof op.text !== 'string' || op.text === '') return 'an insert of no text: an insert inserts at least one character';
    if (op.pos > text.length) return `an insert at ${op.pos} in ${JSON.stringify(text)}, whose last position is ${text.length}`;
    return null;
  }
  if (typeof op.length !== 'number' || !Number.isInteger(op.length) || op.length < 1) return `a delete of length ${JSON.stringify(op.length) ?? 'undefined'}: a delete removes at least one character (return [] when nothing is left)`;
  if (op.pos + op.length > text.length) return `a delete of ${op.length} at ${op.pos} in ${JSON.stringify(text)}, past its end (length ${text.length})`;
  return null;
}

/**
 * Applies a list of ops one after another to `text`, each checked first; the text at the end, or the
 * first op's problem (with its index).
 */
export function applyTextOps(text: string, ops: unknown, site: string): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string } {
  return walkTextOps(text, ops, site, () => undefined);
}

/** applyTextOps, telling `applied` of each op once it is known valid, before the next is checked. */
function walkTextOps(
  text: string,
  ops: unknown,
  site: string,
  applied: (op: TextOp) => void,
): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string } {
  if (!Array.isArray(ops)) return { ok: false, problem: `${JSON.stringify(ops) ?? String(ops)}, not a list of ops` };
  let t = text;
  for (const [i, op] of ops.entries()) {
    const p = textOpProblem(op, t, site);
    if (p !== null) return { ok: false, problem: ops.length > 1 ? `op ${i + 1} of ${ops.length} is ${p}` : p };
    t = applyTextOp(t, op as TextOp);
    applied(op as TextOp);
  }
  return { ok: true, text: t };
}

/** A text with who typed each character ('' for the base text's). */
export interface AuthoredText {
  readonly text: string;
  readonly by: readonly string[];
}

/** Moves the authors of `by` as `op` moves the characters they typed. */
function authorsAfter(by: string[], op: TextOp): void {
  if (op.kind === 'insert') by.splice(op.pos, 0, ...Array.from(op.text, () => op.site));
  else by.splice(op.pos, op.length);
}

/**
 * The texts one cell's answer (`transform(a, b)`, `transform(b, a)`) leads to on each side, each
 * character with its author, or the first invalid one's problem. Two sites can type the same
 * characters, so equal texts can still hold their inserts in opposite orders: the authors tell.
 */
export function authoredOutcomes(
  base: string,
  a: TextOp,
  b: TextOp,
  answer: readonly [unknown, unknown],
): { readonly ok: true; readonly sides: readonly [AuthoredText, AuthoredText] } | { readonly ok: false; readonly which: 0 | 1; readonly on: string; readonly problem: string } {
  const sides: AuthoredText[] = [];
  for (const [which, [first, then, ops]] of ([[b, a, answer[0]], [a, b, answer[1]]] as const).entries()) {
    const by = Array.from(base, () => '');
    authorsAfter(by, first);
    const on = applyTextOp(base, first);
    const r = walkTextOps(on, ops, then.site, (op) => authorsAfter(by, op));
    if (!r.ok) return { ok: false, which: which as 0 | 1, on, problem: r.problem };
    sides.push({ text: r.text, by });
  }
  return { ok: true, sides: sides as [AuthoredText, AuthoredText] };
}

/** Both sides hold the same characters by the same authors in the same order. */
export const sameAuthored = (x: AuthoredText, y: AuthoredText): boolean => x.text === y.text && x.by.every((s, i) => s === y.by[i]);

/** A text by author runs: `"a", c2's "x", c1's "x", "b"`. */
export function showAuthored({ text, by }: AuthoredText): string {
  const runs: string[] = [];
  for (let i = 0; i < text.length; ) {
    let j = i + 1;
    while (j < text.length && by[j] === by[i]) j++;
    runs.push(by[i] === '' ? JSON.stringify(text.slice(i, j)) : `${by[i]}'s ${JSON.stringify(text.slice(i, j))}`);
    i = j;
  }
  return runs.join(', ') || '""';
}

/** The gaps of a base text an op affects: an insert's gap, a delete's range of characters. */
const deleted = (op: TextOp): Set<number> => new Set(op.kind === 'delete' ? Array.from({ length: op.length }, (_, i) => op.pos + i) : []);

/**
 * The texts that do what both authors meant, for concurrent `a` and `b` on `base`: one, or two when
 * both insert at one position (either may go first).
 */
export function allowedOutcomes(base: string, a: TextOp, b: TextOp): string[] {
  const gone = new Set([...deleted(a), ...deleted(b)]);
  const build = (first: TextOp, second: TextOp): string => {
    let out = '';
    for (let g = 0; g <= base.length; g++) {
      for (const op of [first, second]) if (op.kind === 'insert' && op.pos === g) out += op.text;
      if (g < base.length && !gone.has(g)) out += base[g]!;
    }
    return out;
  };
  return [...new Set([build(a, b), build(b, a)])];
}

/** An op in words: `insert "xy" at 1`, `delete 2 at 0`. */
export function showTextOp(op: TextOp): string {
  return op.kind === 'insert' ? `insert ${JSON.stringify(op.text)} at ${op.pos}` : `delete ${op.length} at ${op.pos}`;
}

/** A list of ops in words, `[insert "x" at 1]` (with `sites`, `[insert "x" at 1 by c1]`), or the value as given when it is not one. */
export function showTextOps(ops: unknown, sites = false): string {
  if (!Array.isArray(ops)) return JSON.stringify(ops) ?? String(ops);
  const one = (op: TextOp): string => `${showTextOp(op)}${sites ? ` by ${typeof op.site === 'string' ? op.site : JSON.stringify(op.site) ?? 'no site'}` : ''}`;
  return `[${ops.map((op) => (typeof op === 'object' && op !== null && ((op as TextOp).kind === 'insert' || (op as TextOp).kind === 'delete') ? one(op as TextOp) : JSON.stringify(op))).join(', ')}]`;
}

/**
 * `shown` in words, each with its ops' sites when two of `shown` and `compared` would otherwise read
 * alike though their sites differ: an answer that lost a site must not print as the acceptable one.
 */
export function showAnswers(shown: readonly unknown[], compared: readonly unknown[] = []): string[] {
  const all = [...shown, ...compared];
  const sites = all.some((x, i) => all.some((y, j) => j > i && showTextOps(x) === showTextOps(y) && showTextOps(x, true) !== showTextOps(y, true)));
  return shown.map((x) => showTextOps(x, sites));
}
