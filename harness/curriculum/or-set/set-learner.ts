/**
 * The OR-Set functions over a learner session, and how a wrong answer is told: the law it breaks, in
 * the meaning of the type (live adds and tombstones), with the states involved drawn small.
 */
import { OR_REFERENCE, liveAdds, orAtMost, orSetProblem, sameORSet, showORSet } from '../../checkers/index.ts';
import type { ORSet } from '../../exercise/index.ts';
import { LawBroken, lawAsker } from '../case-checks.ts';
import { statedBy } from '../expectation.ts';
import type { LearnerSession } from '../learner-session.ts';
import { ADD_ANSWERS, MERGE_ANSWERS, REMOVE_ANSWERS } from './set-answers.ts';

export type SetFn = 'orAdd' | 'orRemove' | 'orMerge' | 'orElements';

const showArg = (a: unknown): string => (typeof a === 'string' ? `'${a}'` : orSetProblem(a) === null ? showORSet(a as ORSet) : (JSON.stringify(a) ?? String(a)));
export const callText = (fn: string, args: readonly unknown[]): string => `${fn}(${args.map(showArg).join(', ')})`;

/** The four functions: each throws `LawBroken` when an answer is unusable or not an OR-Set. */
export function setLearner(session: LearnerSession, freezeArgs = false) {
  const ask = lawAsker(session, callText, freezeArgs) as (fn: SetFn, args: unknown[]) => Promise<unknown>;
  const set = async (fn: SetFn, args: unknown[]): Promise<ORSet> => {
    const got = await ask(fn, args);
    const problem = orSetProblem(got);
    if (problem !== null) throw new LawBroken(`${callText(fn, args)} returned ${problem}`);
    return got as ORSet;
  };
  return {
    /** The answer as given, unjudged. */
    ask,
    add: (s: ORSet, e: string, t: string) => set('orAdd', [s, e, t]),
    remove: (s: ORSet, e: string) => set('orRemove', [s, e]),
    merge: (a: ORSet, b: ORSet) => set('orMerge', [a, b]),
    elements: async (s: ORSet): Promise<unknown> => ask('orElements', [s]),
  };
}
export type SetLearner = ReturnType<typeof setLearner>;

const pair = (k: string): string => k.replace('\u0000', ' ');

/** How `got` differs from `want` in meaning: "milk c1-1 is live", "c1-1 is not in removed". */
export function meaningDiff(got: ORSet, want: ORSet): string[] {
  const [lg, lw] = [liveAdds(got), liveAdds(want)];
  const [tg, tw] = [new Set(got.removed), new Set(want.removed)];
  return [
    ...[...lw].filter((k) => !lg.has(k)).map((k) => `${pair(k)} is not live`),
    ...[...lg].filter((k) => !lw.has(k)).map((k) => `${pair(k)} is live`),
    ...[...tw].filter((t) => !tg.has(t)).map((t) => `${t} is not in removed`),
    ...[...tg].filter((t) => !tw.has(t)).map((t) => `${t} is in removed`),
  ];
}

/** A state on one line of a picture, with its elements. */
const row = (label: string, s: ORSet, width: number): string => `${label.padEnd(width)} = ${showORSet(s)}   elements {${OR_REFERENCE.elements(s).join(', ')}}`;

/** Names for the states of a merge picture, and the law a wrong merge of them breaks when it is not one of the four generic ones. */
export interface MergeStory {
  readonly a?: string;
  readonly b?: string;
  readonly law?: string;
}

/** A wrong merge: which law it breaks, and the two replicas, the merge and the acceptable state drawn. */
export function wrongMerge(a: ORSet, b: ORSet, got: ORSet, mirrored: ORSet | undefined, story: MergeStory = {}): LawBroken {
  const want = OR_REFERENCE.merge(a, b);
  const self = a === b;
  const call = self ? 'orMerge(A, A)' : 'orMerge(A, B)';
  const law =
    story.law ??
    (sameORSet(a, b)
      ? `idempotence: merging a state with itself must change nothing${self ? '' : ' (A and B are one state in two forms)'}`
      : !orAtMost(a, got) || !orAtMost(b, got)
        ? 'the upper bound: a merge must keep every add and every remove either replica has seen'
        : mirrored !== undefined && !sameORSet(got, mirrored)
          ? `commutativity: orMerge(B, A) returned ${showORSet(mirrored)}`
          : 'the least upper bound: a merge must not hold an add or a remove neither replica had');
  const diff = meaningDiff(got, want);
  // Only tombstones lost, the elements unchanged: the story's law (an element back) is not what went wrong yet.
  const dropped = want.removed.filter((t) => !got.removed.includes(t));
  const message =
    story.law !== undefined && dropped.length > 0 && dropped.length === diff.length
      ? `${call} dropped removed tag${dropped.length === 1 ? '' : 's'} ${dropped.join(', ')} (its elements are right); an older copy still listing ${dropped.length === 1 ? 'that add would bring it' : 'those adds would bring them'} back`
      : `${call} returned a state where ${diff.join(' and ')}; that breaks ${law}`;
  const labels = [story.a ? `A (${story.a})` : 'A', story.b ? `B (${story.b})` : 'B'];
  const width = Math.max(14, ...labels.map((l) => l.length));
  const picture = [row(labels[0]!, a, width), ...(self ? [] : [row(labels[1]!, b, width)]), row(call, got, width), row('acceptable', want, width)];
  return new LawBroken(message, undefined, statedBy(MERGE_ANSWERS, [a, b], got, [want]), picture);
}

/** A wrong `orAdd` or `orRemove`, with why in the type's meaning. */
export function wrongUpdate(fn: 'orAdd' | 'orRemove', s: ORSet, e: string, t: string, got: ORSet, law?: string): LawBroken {
  const want = fn === 'orAdd' ? OR_REFERENCE.add(s, e, t) : OR_REFERENCE.remove(s, e);
  const args = fn === 'orAdd' ? `s, '${e}', '${t}'` : `s, '${e}'`;
  const stillLive = [...liveAdds(got)].map(pair).filter((p) => p.startsWith(`${e} `) && fn === 'orRemove');
  const untombed = want.removed.filter((x) => !got.removed.includes(x));
  const why =
    law ??
    (fn === 'orAdd'
      ? `an add records (${e}, ${t}) with the tag it is given, live, and changes nothing else`
      : stillLive.length > 0
        ? `${e} is still in the set (${stillLive.join(', ')} is live, its tag not in removed): a remove removes every add of ${e} the set holds`
        : got.removed.includes(e) && !s.adds.some((x) => x.tag === e)
          ? `removed holds '${e}', the element, not the tags of its adds: a set that removes by name refuses every later add of ${e}, even one this remove never saw (a two-phase set, where the remove wins)`
          : untombed.length > 0
          ? `the tags of the removed adds (${untombed.join(', ')}) are not in removed, so the state moved down: a merge with a replica that still holds those adds brings ${e} back`
          : `a remove marks as removed exactly the adds of ${e} this set holds, and nothing else`);
  const label = `${fn}(${args})`;
  const width = Math.max(10, label.length);
  const picture = [row('s', s, width), row(label, got, width), row('acceptable', want, width)];
  const expected = fn === 'orAdd' ? statedBy(ADD_ANSWERS, [s, e, t], got, [want]) : statedBy(REMOVE_ANSWERS, [s, e], got, [want]);
  return new LawBroken(`${label} returned a state where ${meaningDiff(got, want).join(' and ')}: ${why}`, undefined, expected, picture);
}
