/**
 * The transform laws, on fixed pairs and then generated ones (fast-check), each cell asked both ways
 * round on a base the harness knows: TP1 (both orders give one text) and intention (that text does
 * what both authors meant). Both laws share one generator and a memoised session per check. Effects
 * are compared, never representations; a tie may go either way as long as the two calls agree.
 */
import fc from 'fast-check';
import { allowedOutcomes, applyTextOp, applyTextOps, authoredOutcomes, referenceTransform, sameAuthored, showAnswers, showAuthored, showTextOp, showTextOps } from '../../checkers/index.ts';
import type { TextOp } from '../../exercise/index.ts';
import { frozenInputsExplained, LawBroken, lawAsker, lawCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { statedBy } from '../expectation.ts';
import type { LearnerSession } from '../learner-session.ts';
import { FIXED_PAIRS, FIXED_TIES, opPair, type OpPair } from './op-arbitraries.ts';
import { PAIR_ANSWERS, TRANSFORM_ANSWER_SETS } from './transform-answers.ts';
import { tp2Lesson } from './tp2-lesson.ts';

type LawCheckId = 'tp1-convergence' | 'intention-preserved';

const CHECKS: readonly (CheckInfo & { id: LawCheckId })[] = [
  { id: 'tp1-convergence', title: 'transform is valid and both orders of two concurrent edits give the same text (TP1)', weight: 3 },
  { id: 'intention-preserved', title: 'That text does what both authors meant: every insert kept in its place, exactly the deleted characters gone', weight: 2 },
];

const name = (op: TextOp): string => `${op.site}'s ${showTextOp(op)}`;

/** The two calls of one cell and their texts, or the first invalid answer. */
async function cell(ask: (fn: string, args: unknown[]) => Promise<unknown>, { base, a, b }: OpPair) {
  const ab = await ask('transform', [a, b]);
  const ba = await ask('transform', [b, a]);
  const afterB = applyTextOp(base, b);
  const afterA = applyTextOp(base, a);
  const want = [referenceTransform(a, b), referenceTransform(b, a)];
  const header = `text ${JSON.stringify(base)}; ${a.site}: ${showTextOp(a)} → ${JSON.stringify(afterA)}; ${b.site}: ${showTextOp(b)} → ${JSON.stringify(afterB)}`;
  const r = authoredOutcomes(base, a, b, [ab, ba]);
  if (!r.ok) {
    const [op, other] = r.which === 0 ? [a, b] : [b, a];
    const [got, ok] = showAnswers([[ab, ba][r.which], want[r.which]]);
    throw new LawBroken(
      `transform(${name(op)}, ${name(other)}) returned ${got}, which is not valid on ${JSON.stringify(r.on)}: ${r.problem}`,
      undefined,
      statedBy(PAIR_ANSWERS, [base, a, b], [ab, ba], [want]),
      [header, `acceptable: transform(${name(op)}, ${name(other)}) = ${ok}`],
    );
  }
  const [s1, s2] = r.sides;
  const [t1, t2] = [s1.text, s2.text];
  const shown = showAnswers([ab, ba, ...want]);
  // Equal texts typed by two sites read alike in either order: then the picture shows who typed what.
  const text = (s: typeof s1) => (sameAuthored(s1, s2) || t1 !== t2 ? JSON.stringify(s.text) : `${JSON.stringify(s.text)} (${showAuthored(s)})`);
  const picture = [
    header,
    `transform(${a.site}'s, ${b.site}'s) = ${shown[0]}  → ${JSON.stringify(afterB)} becomes ${text(s1)}`,
    `transform(${b.site}'s, ${a.site}'s) = ${shown[1]}  → ${JSON.stringify(afterA)} becomes ${text(s2)}`,
  ];
  const acceptable = `acceptable: transform(${a.site}'s, ${b.site}'s) = ${shown[2]}, transform(${b.site}'s, ${a.site}'s) = ${shown[3]}`;
  return { ab, ba, s1, s2, t1, t2, want, picture, acceptable };
}

const tp1 = (ask: ReturnType<typeof lawAsker>) =>
  fc.asyncProperty(opPair, async (pair: OpPair) => {
    const { ab, ba, s1, s2, t1, t2, want, picture, acceptable } = await cell(ask, pair);
    if (sameAuthored(s1, s2)) return;
    const { a, b } = pair;
    const tie = a.kind === 'insert' && b.kind === 'insert' && a.pos === b.pos;
    const why = tie ? 'Both inserts are at one position: one of them has to go first on both sides, so both calls must agree which (compare the sites).' : 'Where did the other edit change the text relative to yours: before, after, or overlapping?';
    const what =
      t1 === t2
        ? `both orders end in ${JSON.stringify(t1)}, but with ${a.site}'s and ${b.site}'s inserts in opposite orders (TP1 broken: the texts read alike, yet a cursor, a comment or an author's colour on those characters ends up elsewhere on each side). Both insert ${JSON.stringify(a.kind === 'insert' ? a.text : '')} at one position, and the two calls answered alike; a tie rule must answer oppositely when the two ops are swapped, even when their texts are equal (compare the sites).`
        : `the two orders end in different texts, ${JSON.stringify(t1)} and ${JSON.stringify(t2)} (TP1 broken). ${why}`;
    throw new LawBroken(what, undefined, statedBy(PAIR_ANSWERS, [pair.base, a, b], [ab, ba], [want]), [...picture, acceptable]);
  });

/** What a text has that the intended one has not, and the other way round, in characters. */
function charDiff(got: string, allowed: readonly string[], pair: OpPair): string {
  const inserted = new Set([pair.a, pair.b].flatMap((op) => (op.kind === 'insert' ? [...op.text] : [])));
  const want = allowed[0]!;
  const lost = [...want].filter((c) => !got.includes(c));
  const extra = [...got].filter((c) => !want.includes(c));
  const parts: string[] = [];
  const lostInserted = lost.filter((c) => inserted.has(c));
  if (lostInserted.length > 0) parts.push(`it has no ${lostInserted.map((c) => `'${c}'`).join(', ')}, typed concurrently: a delete must not swallow an insert made inside its range`);
  const lostBase = lost.filter((c) => !inserted.has(c));
  if (lostBase.length > 0) parts.push(`it lost ${lostBase.map((c) => `'${c}'`).join(', ')}, which neither edit deleted`);
  if (extra.length > 0) parts.push(`it still has ${extra.map((c) => `'${c}'`).join(', ')}, which an edit deleted`);
  if (parts.length === 0) parts.push('its characters are right but not in their places: each insert goes in the gap its author chose');
  return parts.join('; ');
}

const intention = (ask: ReturnType<typeof lawAsker>) =>
  fc.asyncProperty(opPair, async (pair: OpPair) => {
    const { ab, ba, t1, t2, want, picture } = await cell(ask, pair);
    const allowed = allowedOutcomes(pair.base, pair.a, pair.b);
    const wrong = [t1, t2].find((t) => !allowed.includes(t));
    if (wrong === undefined) return;
    throw new LawBroken(
      `the edits end in ${JSON.stringify(wrong)}, which is not what both authors meant (${allowed.map((t) => JSON.stringify(t)).join(' or ')}): ${charDiff(wrong, allowed, pair)}`,
      undefined,
      statedBy(PAIR_ANSWERS, [pair.base, pair.a, pair.b], [ab, ba], [want]),
      picture,
    );
  });

type Ask = (fn: string, args: unknown[]) => Promise<unknown>;

/**
 * The fixed ties' first directions, then their second ones, into the session's memo before any cell
 * is asked: a cell's two calls never come back to back there, so an answer that depends on anything
 * but the arguments (a flag flipped per call) disagrees with itself; each cell then reads its
 * answers back. Stops at the first call without an answer, which its cell reports.
 */
async function askTiesApart(ask: Ask): Promise<void> {
  for (const [x, y] of [...FIXED_TIES.map(({ a, b }) => [a, b]), ...FIXED_TIES.map(({ a, b }) => [b, a])]) {
    if (!(await ask('transform', [x, y]).then(() => true, () => false))) return;
  }
}

const asker = (s: LearnerSession): Ask => {
  // Frozen, as on the CRDT exercises: an editor keeps the ops it transforms in its history.
  const ask = lawAsker(s, (fn, args) => `${fn}(${(args as TextOp[]).map((op) => (typeof op === 'object' && op !== null ? name(op) : String(op))).join(', ')})`, true);
  let apart: Promise<void> | undefined;
  return async (fn, args) => {
    apart ??= askTiesApart(ask);
    await apart;
    return ask(fn, args);
  };
};

/**
 * The fixed ties asked of two freshly loaded copies of the module, one all first directions first,
 * the other all second directions first; then one copy's answer to each direction against the other
 * copy's to the opposite one. The server and every client run their own copy and meet a tie's two
 * directions in their own order, so a tie decided once and kept (first seen wins) agrees with
 * itself in one process and diverges across two. A rule on the two ops alone answers alike in both.
 */
async function tiesAcrossModules(fresh: () => Promise<LearnerSession | undefined>): Promise<void> {
  const there = FIXED_TIES.map(({ a, b }) => [a, b] as const);
  const back = FIXED_TIES.map(({ a, b }) => [b, a] as const);
  const copies: Ask[] = [];
  for (const order of [[...there, ...back], [...back, ...there]]) {
    const session = await fresh();
    if (session === undefined) return;
    const ask = lawAsker(session, (fn, args) => `${fn}(${(args as TextOp[]).map(name).join(', ')})`, true);
    for (const [x, y] of order) await ask('transform', [x, y]);
    copies.push(ask); // memoised: asking again reads the answer back
  }
  const [first, second] = copies as [Ask, Ask];
  for (const { base, a, b } of FIXED_TIES) {
    for (const [one, other] of [[first, second], [second, first]] as const) {
      const ab = await one('transform', [a, b]);
      const ba = await other('transform', [b, a]);
      const r = authoredOutcomes(base, a, b, [ab, ba]);
      if (r.ok && sameAuthored(...r.sides)) continue;
      const [sab, sba] = showAnswers([ab, ba]);
      const valid = [applyTextOps(applyTextOp(base, b), ab, a.site), applyTextOps(applyTextOp(base, a), ba, b.site)] as const;
      const ends = (which: 0 | 1): string => {
        const v = valid[which];
        if (!v.ok) return `, which is not valid (${v.problem})`;
        return ` ends in ${JSON.stringify(v.text)}${r.ok && r.sides[0].text === r.sides[1].text ? ` (${showAuthored(r.sides[which])})` : ''}`;
      };
      throw new LawBroken(
        `transform depends on more than its two ops: in one freshly loaded copy of your module transform(${name(a)}, ${name(b)}) = ${sab}${ends(0)}, in another transform(${name(b)}, ${name(a)}) = ${sba}${ends(1)}`,
        undefined,
        statedBy(PAIR_ANSWERS, [base, a, b], [ab, ba], [[referenceTransform(a, b), referenceTransform(b, a)]]),
        [
          `text ${JSON.stringify(base)}; ${name(a)} and ${name(b)} insert into one gap`,
          'the copies were asked the ties in opposite orders: the server and each client run their own copy of your code and meet the two directions in their own order, so a tie decided by what one copy saw before (module-level state) is decided the other way on another machine. Decide it from the two ops alone (compare the sites).',
        ],
      );
    }
  }
}

export const transformLawChecks: CheckGroup = lawCheckGroup<LawCheckId>({
  checks: CHECKS,
  laws: {
    'tp1-convergence': (s) => tp1(asker(s)) as never,
    'intention-preserved': (s) => intention(asker(s)) as never,
  },
  examples: {
    'tp1-convergence': FIXED_PAIRS.map((p) => [p]),
    'intention-preserved': FIXED_PAIRS.map((p) => [p]),
  },
  lessons: { 'tp1-convergence': (s) => tp2Lesson(asker(s)) },
  freshModuleLaws: { 'tp1-convergence': tiesAcrossModules },
  numRuns: 200,
  hiddenTier: true,
  inputsNoun: 'edits',
  session: (check) => ({ memo: true, seedTag: (_fn, n) => `${check}:${n}` }),
  acceptableSets: TRANSFORM_ANSWER_SETS,
  // The ops were frozen, so a change to one threw: that throw is TP1's cell broken, not a missing answer.
  explain: frozenInputsExplained(
    'tp1-convergence',
    'text op',
    'the harness froze the ops it passed, so changing one threw. Return new ops instead ({ ...op, pos } is a fresh one): the editor keeps the ops it transforms in its history.',
  ),
});
