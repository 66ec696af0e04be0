/**
 * The OR-Set laws, on reachable states in both input forms (fast-check) after fixed cases that catch
 * each known bug whatever the seed draws. A group's laws share one example per run and a memoised
 * session. Every answer is judged against the reference by meaning; the compound laws (add wins, a
 * re-add, both sides removing) are asked on the reference's own results, so a law is never blamed for
 * a broken input.
 */
import fc from 'fast-check';
import { OR_REFERENCE, duplicateEntries, sameORSet, showORSet } from '../../checkers/index.ts';
import type { ORSet } from '../../exercise/index.ts';
import { frozenInputsExplained, LawBroken, lawCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { statedBy } from '../expectation.ts';
import { ELEMENTS_ANSWERS, SET_ANSWER_SETS } from './set-answers.ts';
import { FIXED_ELEMENTS, FIXED_ENTRIES, FIXED_MERGES, FIXED_UPDATES, setExample, type SetExample } from './set-arbitraries.ts';
import { callText, setLearner, wrongMerge, wrongUpdate, type MergeStory, type SetLearner } from './set-learner.ts';

type LawCheckId = 'or-merge-laws' | 'or-update-laws' | 'or-elements-laws' | 'no-duplicate-entries' | 'inputs-not-mutated';

const CHECKS: readonly (CheckInfo & { id: LawCheckId })[] = [
  { id: 'or-merge-laws', title: 'orMerge is commutative, associative, idempotent and the least state containing both', weight: 2 },
  { id: 'or-update-laws', title: 'orAdd and orRemove only move the state up; an add the remove had not seen wins; a removed element can come back', weight: 3 },
  { id: 'or-elements-laws', title: 'orElements lists each element in the set once, in either input form', weight: 1 },
  { id: 'no-duplicate-entries', title: 'No result lists an (element, tag) or a removed tag twice', weight: 1 },
  { id: 'inputs-not-mutated', title: 'No function changes the sets it is given', weight: 1 },
];

async function judgedMerge(l: SetLearner, a: ORSet, b: ORSet, story?: MergeStory, mirror = false): Promise<ORSet> {
  const got = await l.merge(a, b);
  if (!sameORSet(got, OR_REFERENCE.merge(a, b))) throw wrongMerge(a, b, got, mirror ? await l.merge(b, a) : undefined, story);
  return got;
}

const mergeLaws = (l: SetLearner) =>
  fc.asyncProperty(setExample, async ({ a, b, c }: SetExample) => {
    await judgedMerge(l, a, a);
    const ab = await judgedMerge(l, a, b, undefined, true);
    await judgedMerge(l, b, a, undefined, true);
    const bc = await judgedMerge(l, b, c);
    // With every answer the least upper bound, associativity holds; these are the calls it makes.
    await judgedMerge(l, ab, c);
    await judgedMerge(l, a, bc);
  });

const updateLaws = (l: SetLearner) =>
  fc.asyncProperty(setExample, async ({ a: s, s0, e, t }: SetExample) => {
    const add = await l.add(s, e, t);
    if (!sameORSet(add, OR_REFERENCE.add(s, e, t))) throw wrongUpdate('orAdd', s, e, t, add);
    const removed = await l.remove(s, e);
    if (!sameORSet(removed, OR_REFERENCE.remove(s, e))) throw wrongUpdate('orRemove', s, e, t, removed);
    const [refAdd, refRemoved] = [OR_REFERENCE.add(s, e, t), OR_REFERENCE.remove(s, e)];
    await judgedMerge(l, s, refAdd, { a: 's', b: `orAdd(s, '${e}', '${t}')`, law: 'inflation: an add moves the state up, so merging the state from before it changes nothing' });
    await judgedMerge(l, refRemoved, s, { a: `orRemove(s, '${e}')`, b: 's', law: `inflation: a remove moves the state up, so merging the state from before it must not bring ${e} back` });
    const again = await l.add(refRemoved, e, t);
    if (!sameORSet(again, OR_REFERENCE.add(refRemoved, e, t))) throw wrongUpdate('orAdd', refRemoved, e, t, again, `a removed element can be added again: the add of ${e} with the new tag ${t} is live`);
    await judgedMerge(l, refRemoved, refAdd, {
      a: `orRemove(s, '${e}')`,
      b: `orAdd(s, '${e}', '${t}')`,
      law: `add wins: the remove had not seen the add ${t}, so ${e} stays in the set`,
    });
    const removed0 = await l.remove(s0, e);
    if (!sameORSet(removed0, OR_REFERENCE.remove(s0, e))) throw wrongUpdate('orRemove', s0, e, t, removed0);
    await judgedMerge(l, refRemoved, OR_REFERENCE.remove(s0, e), {
      a: `orRemove(s, '${e}')`,
      b: `orRemove(s0, '${e}')`,
      law: `a remove on both sides: every add of ${e} either side held was removed, so ${e} is not in the set`,
    });
  });

const elementsLaws = (l: SetLearner) =>
  fc.asyncProperty(setExample, async ({ a, b }: SetExample) => {
    for (const s of [a, b]) {
      const got = await l.elements(s);
      if (ELEMENTS_ANSWERS.accepts([s], got)) continue;
      const want = OR_REFERENCE.elements(s);
      const kept = s.adds.some((x) => s.removed.includes(x.tag));
      const why = !Array.isArray(got)
        ? 'a list of elements'
        : new Set(got).size !== got.length
          ? 'each element once, however many live adds it has'
          : `the elements with an add whose tag is not in removed${kept ? ' (this state still lists adds that were removed: states come in both forms)' : ''}`;
      throw new LawBroken(`orElements(${showORSet(s)}) returned ${JSON.stringify(got) ?? String(got)}; it is [${want.map((x) => `"${x}"`).join(', ')}]: ${why}`, undefined, statedBy(ELEMENTS_ANSWERS, [s], got, [want]));
    }
  });

const noDuplicates = (l: SetLearner) =>
  fc.asyncProperty(setExample, async ({ a, b, e, t }: SetExample) => {
    const calls: [string, unknown[], () => Promise<ORSet>][] = [
      ['orAdd', [a, e, t], () => l.add(a, e, t)],
      ['orRemove', [a, e], () => l.remove(a, e)],
      ['orMerge', [a, a], () => l.merge(a, a)],
      ['orMerge', [a, b], () => l.merge(a, b)],
    ];
    for (const [fn, args, ask] of calls) {
      const twice = duplicateEntries(await ask());
      if (twice.length > 0)
        throw new LawBroken(`${callText(fn, args)} returned a state that lists ${twice.join(', ')} twice: a state holds each (element, tag) once and each removed tag once, or it grows at every exchange, without bound`);
    }
  });

/** Every function once per example, its arguments deep-frozen: changing one throws on the learner side. */
const frozenInputs = (l: SetLearner) =>
  fc.asyncProperty(setExample, async ({ a, b, e, t }: SetExample) => {
    await l.ask('orAdd', [a, e, t]);
    await l.ask('orRemove', [a, e]);
    await l.ask('orMerge', [a, b]);
    await l.ask('orElements', [a]);
  });

const asExamples = (xs: readonly SetExample[]): SetExample[][] => xs.map((x) => [x]);

export const setLawChecks: CheckGroup = lawCheckGroup<LawCheckId>({
  checks: CHECKS,
  laws: {
    'or-merge-laws': (s) => mergeLaws(setLearner(s)) as never,
    'or-update-laws': (s) => updateLaws(setLearner(s)) as never,
    'or-elements-laws': (s) => elementsLaws(setLearner(s)) as never,
    'no-duplicate-entries': (s) => noDuplicates(setLearner(s)) as never,
    'inputs-not-mutated': (s) => frozenInputs(setLearner(s, true)) as never,
  },
  examples: {
    'or-merge-laws': asExamples(FIXED_MERGES),
    'or-update-laws': asExamples(FIXED_UPDATES),
    'or-elements-laws': asExamples(FIXED_ELEMENTS),
    'no-duplicate-entries': asExamples(FIXED_ENTRIES),
    'inputs-not-mutated': asExamples([...FIXED_UPDATES, ...FIXED_MERGES]),
  },
  numRuns: 40,
  hiddenTier: true,
  inputsNoun: 'sets',
  session: (check) => ({ memo: true, seedTag: (_fn, n) => `${check}:${n}` }),
  acceptableSets: SET_ANSWER_SETS,
  // The inputs were frozen, so a change to one threw: that throw is the broken law, not a missing answer.
  explain: frozenInputsExplained(
    'inputs-not-mutated',
    'set',
    'the harness froze the sets it passed, so changing one threw. Build and return a new set instead ([...set.removed, tag] is a fresh list).',
  ),
});
