/**
 * The TP2 lesson, information only: two mirrored three-site puzzles run through the learner's own
 * transform, integrating the third edit along the two orders a peer-to-peer editor could use. With a
 * central server TP1 is enough; without one, at least one puzzle ends in two texts under any
 * deterministic tie rule, because after the delete the two inserts tie with identical arguments in
 * both puzzles, while the other path orders them by their original places, which differ.
 */
import { applyTextOp, applyTextOps } from '../../checkers/index.ts';
import type { TextOp } from '../../exercise/index.ts';

type Ask = (fn: string, args: unknown[]) => Promise<unknown>;

/** `xs` and `ys`, concurrent lists, each transformed to apply after the other (cell by cell). */
async function transformLists(ask: Ask, xs: readonly TextOp[], ys: readonly TextOp[]): Promise<[TextOp[], TextOp[]]> {
  if (xs.length === 0 || ys.length === 0) return [[...xs], [...ys]];
  if (xs.length > 1) {
    const [x1, y1] = await transformLists(ask, xs.slice(0, 1), ys);
    const [rest, y2] = await transformLists(ask, xs.slice(1), y1);
    return [[...x1, ...rest], y2];
  }
  if (ys.length > 1) {
    const [x1, y1] = await transformLists(ask, xs, ys.slice(0, 1));
    const [x2, rest] = await transformLists(ask, x1, ys.slice(1));
    return [x2, [...y1, ...rest]];
  }
  const x = (await ask('transform', [xs[0], ys[0]])) as TextOp[];
  const y = (await ask('transform', [ys[0], xs[0]])) as TextOp[];
  if (!Array.isArray(x) || !Array.isArray(y)) throw new Error('not a list');
  return [x, y];
}

const run = (text: string, ops: readonly TextOp[]): string => {
  const r = applyTextOps(text, ops, ops[0]?.site ?? '');
  if (!r.ok) throw new Error(r.problem);
  return r.text;
};

/** The texts of the two integration orders of `o3` after `o1` and `o2` (all concurrent, on `base`). */
async function paths(ask: Ask, base: string, o1: TextOp, o2: TextOp, o3: TextOp): Promise<[string, string]> {
  // Path 1: o1, then o2 transformed against it, then o3 against both; path 2 swaps o1 and o2.
  const [o2after1] = await transformLists(ask, [o2], [o1]);
  const [o3after1] = await transformLists(ask, [o3], [o1]);
  const [o3path1] = await transformLists(ask, o3after1, o2after1);
  const [o1after2] = await transformLists(ask, [o1], [o2]);
  const [o3after2] = await transformLists(ask, [o3], [o2]);
  const [o3path2] = await transformLists(ask, o3after2, o1after2);
  const one = run(run(applyTextOp(base, o1), o2after1), o3path1);
  const two = run(run(applyTextOp(base, o2), o1after2), o3path2);
  return [one, two];
}

export async function tp2Lesson(ask: Ask): Promise<readonly string[]> {
  const del: TextOp = { kind: 'delete', pos: 0, length: 1, site: 'c1' };
  const puzzles: [string, TextOp, TextOp][] = [
    ['c2 inserts "N" after "a", c3 inserts "3" before it', { kind: 'insert', pos: 1, text: 'N', site: 'c2' }, { kind: 'insert', pos: 0, text: '3', site: 'c3' }],
    ['c2 inserts "N" before "a", c3 inserts "3" after it', { kind: 'insert', pos: 0, text: 'N', site: 'c2' }, { kind: 'insert', pos: 1, text: '3', site: 'c3' }],
  ];
  const lines: string[] = [];
  for (const [story, n, three] of puzzles) {
    const [one, two] = await paths(ask, 'abc', del, n, three);
    if (one !== two) lines.push(`on "abc", c1 deletes "a", ${story}: integrating c3's edit after c1's then c2's gives ${JSON.stringify(one)}, after c2's then c1's ${JSON.stringify(two)}`);
  }
  if (lines.length === 0) return [];
  return [
    'Lesson (TP2, not graded): your transform is enough with a central server, which puts every edit in one order (TP1). Peers that integrate edits in different orders also need TP2:',
    ...lines.map((l) => `  ${l}`),
    'No transform of this shape (positions in the visible text, no tombstones, no history) satisfies TP2 (Randolph et al. 2013), so peer-to-peer OT (adOPTed, SOCT2, GOTO) transforms over a richer model, such as one that keeps deleted characters as tombstones (Oster et al. 2006); many peer-to-peer editors use CRDTs instead.',
  ];
}
