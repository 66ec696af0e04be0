/**
 * The transform law examples: a base text of 0–8 unique characters and two concurrent ops from
 * different sites among c1–c4, biased to where transforms go wrong: one position, adjacent
 * positions, delete boundaries, overlapping and nested deletes, an insert strictly inside a delete,
 * position 0. Each site inserts fresh characters, but in three pairs in ten both sites type the
 * same text, so a tie decided by the text alone answers both calls alike; a character and its author
 * are its identity. The fixed pairs come first, one per known bug.
 */
import fc from 'fast-check';
import type { TextOp } from '../../exercise/index.ts';

/** One cell: two concurrent ops on one base text. */
export interface OpPair {
  readonly base: string;
  readonly a: TextOp;
  readonly b: TextOp;
}

const BASE = 'abcdefgh';
const SITES = ['c1', 'c2', 'c3', 'c4'] as const;
const FRESH = ['XYZ', 'PQR', 'UVW', 'JKL'];

const ins = (pos: number, text: string, site: string): TextOp => ({ kind: 'insert', pos, text, site });
const del = (pos: number, length: number, site: string): TextOp => ({ kind: 'delete', pos, length, site });

/** An op on a text of `len` characters: an insert (1–3 characters from `fresh`, or exactly `same` when given) or a delete inside the text, near `anchor`. */
function opNear(len: number, anchor: number, fresh: string, site: string, same: string | undefined): fc.Arbitrary<TextOp> {
  const near = fc.integer({ min: -1, max: 1 }).map((d) => Math.min(len, Math.max(0, anchor + d)));
  const text = same === undefined ? fc.integer({ min: 1, max: 3 }).map((n) => fresh.slice(0, n)) : fc.constant(same);
  const insert = fc.tuple(fc.oneof(near, fc.integer({ min: 0, max: len })), text).map(([pos, t]) => ins(pos, t, site));
  if (len === 0) return insert;
  const start = fc.oneof(near.map((p) => Math.min(p, len - 1)), fc.integer({ min: 0, max: len - 1 }));
  const remove = start.chain((pos) => fc.integer({ min: 1, max: len - pos }).map((n) => del(pos, n, site)));
  return fc.oneof(insert, remove);
}

export const opPair: fc.Arbitrary<OpPair> = fc
  .record({
    len: fc.integer({ min: 0, max: 8 }),
    sites: fc.shuffledSubarray([...SITES], { minLength: 2, maxLength: 2 }),
    anchor: fc.integer({ min: 0, max: 8 }),
    // 1–3 (three pairs in ten): both sites insert that many of the first site's fresh characters, one text.
    same: fc.integer({ min: 0, max: 9 }),
  })
  .chain(({ len, sites, anchor, same }) => {
    const base = BASE.slice(0, len);
    const at = Math.min(anchor, len);
    const [fa, fb] = sites.map((s) => FRESH[SITES.indexOf(s as never)]!) as [string, string];
    const shared = same >= 1 && same <= 3 ? fa.slice(0, same) : undefined;
    return fc.tuple(opNear(len, at, fa, sites[0]!, shared), opNear(len, at, fb, sites[1]!, shared)).map(([a, b]) => ({ base, a, b }));
  });

/** The fixed pairs, in the design's order: ties (of different texts, then of the same text), different lengths, equal and overlapping deletes, inserts at a delete's edges and inside it, position 0, the empty text, a tie at the end. */
export const FIXED_PAIRS: readonly OpPair[] = [
  { base: 'ab', a: ins(1, 'x', 'c1'), b: ins(1, 'y', 'c2') },
  { base: 'ab', a: ins(1, 'x', 'c2'), b: ins(1, 'y', 'c1') },
  { base: 'ab', a: ins(1, 'x', 'c1'), b: ins(1, 'x', 'c2') },
  { base: 'ab', a: ins(1, 'x', 'c2'), b: ins(1, 'x', 'c1') },
  { base: 'xy', a: ins(0, 'AB', 'c1'), b: ins(1, 'S', 'c2') },
  { base: 'abcd', a: del(1, 2, 'c1'), b: del(1, 2, 'c2') },
  { base: 'abcdef', a: del(1, 3, 'c1'), b: del(2, 3, 'c2') },
  { base: 'abcdef', a: del(1, 4, 'c1'), b: del(2, 2, 'c2') },
  { base: 'abcd', a: del(1, 2, 'c1'), b: ins(2, 'X', 'c2') },
  { base: 'abcd', a: del(1, 2, 'c1'), b: ins(1, 'X', 'c2') },
  { base: 'abcd', a: del(1, 2, 'c1'), b: ins(3, 'X', 'c2') },
  { base: 'abcd', a: del(0, 2, 'c1'), b: ins(0, 'X', 'c2') },
  { base: 'abcd', a: ins(3, 'X', 'c1'), b: del(0, 2, 'c2') },
  { base: '', a: ins(0, 'x', 'c1'), b: ins(0, 'y', 'c2') },
  { base: 'abc', a: ins(3, 'PQ', 'c3'), b: ins(3, 'U', 'c4') },
];

/**
 * The fixed ties, an even number of them (at one gap in both site orders, of different and of equal
 * texts; the empty text; the end):
 * asked one direction for all and then the other, a rule that flips with every call answers some
 * tie's two calls alike.
 */
export const FIXED_TIES: readonly OpPair[] = FIXED_PAIRS.filter(({ a, b }) => a.kind === 'insert' && b.kind === 'insert' && a.pos === b.pos);
