/**
 * What each call into the concurrent-writes functions may answer, given exactly what it was given:
 * judged with the harness's version vectors. The first call outside its acceptable set is what a
 * learner is shown; a property broken while every call was acceptable is a harness bug.
 */
import { clockProblem, compareClocks, coveredBy, referenceSiblings, showClock, showSiblings, type CartSibling } from '../../cluster/index.ts';
import type { SiblingRun } from '../../cluster/index.ts';
import { callNotes, type CallNote } from '../../checkers/index.ts';
import type { SiblingNote } from '../../cluster/index.ts';
import { statedBy, type AcceptableSet, type StatedExpectation, type WrongAnswer } from '../expectation.ts';

/** The first call of `run` outside its acceptable set, in words, with what it states as acceptable, or undefined. */
export function firstBadCall(run: Pick<SiblingRun, 'notes'>): { readonly t: number; readonly node: string; readonly text: string; readonly expected: StatedExpectation } | undefined {
  for (const call of callNotes(run)) {
    const wrong = judgeCall(call);
    if (wrong !== null) return { t: call.t, node: call.node, text: `at t=${call.t} ms ${call.node} called ${wrong.text}`, expected: wrong.expected };
  }
  return undefined;
}

/**
 * How a decision case reports a write into its frozen arguments (the README: never change the arrays
 * or clocks you are given): a wrong answer, with this advice.
 */
export const FROZEN_SIBLINGS = {
  noun: 'list, sibling or clock',
  advice: 'the harness froze what it passed you, so changing it threw (push, splice, sort and assigning to a clock all change it). Build and return new arrays and clocks instead, e.g. [...siblings] and { ...clock }.',
} as const;

/** One call as a question: what it was given (its note without the learner's answer). */
export type CallQuestion = { readonly node: string; readonly note: SiblingNote };

/** What a call answered: the context of `readContext`, the sibling set of the other two. */
const answerOf = (note: SiblingNote): unknown => (note.fn === 'readContext' ? note.context : note.after);
const withAnswer = (note: SiblingNote, answer: unknown): SiblingNote =>
  (note.fn === 'readContext' ? { ...note, context: answer } : { ...note, after: answer }) as SiblingNote;
/** The question a call at `node` asked: its note without the answer. */
export const questionOf = (node: string, note: SiblingNote): CallQuestion => ({ node, note: withAnswer(note, undefined) });

/** The answers each call may give: judged by the harness's version vectors (`judgeCall`'s rules). */
export const CALL_ANSWERS: AcceptableSet<CallQuestion, unknown> = {
  name: 'concurrent-writes/call',
  accepts: (q, answer) => {
    try {
      return judgeCall({ t: 0, node: q.node, note: withAnswer(q.note, answer) }) === null;
    } catch {
      // An answer of the wrong shape is not acceptable.
      return false;
    }
  },
};

/** The answers of an applyWrite question right in one aspect, whatever the other: each holds every answer CALL_ANSWERS holds. */
const writeAnswers = (aspect: WriteAspect): AcceptableSet<CallQuestion, unknown> => ({
  name: `concurrent-writes/apply-write-${aspect}`,
  accepts: (q, answer) => {
    try {
      return q.note.fn === 'applyWrite' && applyWriteFinding(q.node, { ...q.note, after: answer as WriteNote['after'] }, aspect) === null;
    } catch {
      return false;
    }
  },
});
export const WRITE_ANSWERS: Readonly<Record<WriteAspect, AcceptableSet<CallQuestion, unknown>>> = { siblings: writeAnswers('siblings'), counter: writeAnswers('counter') };

/** Why one call's answer is not acceptable, with the acceptable answer it names, or null. */
export function judgeCall({ node, note }: CallNote): WrongAnswer | null {
  const wrong = (text: string, acceptable: unknown): WrongAnswer => ({ text, expected: statedBy(CALL_ANSWERS, questionOf(node, note), answerOf(note), [acceptable]) });
  switch (note.fn) {
    case 'readContext': {
      const join = referenceSiblings.readContext(note.siblings);
      if (compareClocks(note.context, join) === 'equal') return null;
      return wrong(`readContext(${showSiblings(note.siblings)}) and you returned ${showClock(note.context)}; acceptable: a clock equal to ${showClock(join)}, covering every sibling's clock and nothing more`, join);
    }
    case 'mergeReplicas': {
      const expected = referenceSiblings.mergeReplicas(note.own, note.received);
      if (sameSiblings(note.after, expected, [...note.own, ...note.received])) return null;
      return wrong(`mergeReplicas(${showSiblings(note.own)}, ${showSiblings(note.received)}) and you returned ${showSiblings(note.after)}; acceptable: ${showSiblings(expected)} in any order (every sibling no other one is strictly after, once)`, expected);
    }
    case 'applyWrite': {
      const found = applyWriteFinding(node, note);
      return found === null ? null : wrong(found.text, found.acceptable);
    }
  }
}

/**
 * The two halves of an applyWrite answer, judged apart so that a check can name the half the learner
 * got wrong: which old siblings it kept (and the new value, once), and the new value's clock.
 */
export type WriteAspect = 'siblings' | 'counter';
type WriteNote = Extract<SiblingNote, { fn: 'applyWrite' }>;

/** Why an applyWrite answer is wrong in `aspect` (in both when absent), with the acceptable answer it names. */
export function applyWriteFinding(node: string, note: WriteNote, aspect?: WriteAspect): { readonly text: string; readonly acceptable: unknown } | null {
  const call = `applyWrite(${showSiblings(note.before)}, ${note.write}, context ${showClock(note.context)}, "${node}") and you returned ${showSiblings(note.after)}`;
  const kept = note.before.filter((s) => !coveredBy(s.clock, note.context));
  const others = note.after.filter((s) => s.value.write !== note.write);
  const fresh = note.after.filter((s) => s.value.write === note.write);
  const keptText = kept.length === 0 ? 'no old sibling (the context covers them all)' : `the siblings the context does not cover, ${showSiblings(kept)}`;
  let top = note.context[node] ?? 0;
  for (const s of note.before) top = Math.max(top, s.clock[node] ?? 0);
  const clockWanted = { ...note.context, [node]: top + 1 };
  // The acceptable answer the words describe: the kept siblings and the new value with a fresh counter.
  const acceptable = [...kept, { value: { write: note.write, items: fresh[0]?.value.items ?? [] }, clock: clockWanted }];
  if (aspect !== 'counter') {
    if (!sameSiblings(others, kept, note.before)) return { text: `${call}; acceptable: ${keptText}, plus the new value`, acceptable };
    if (fresh.length !== 1) return { text: `${call}; acceptable: the new value ${note.write} exactly once, beside ${keptText}`, acceptable };
  }
  if (aspect === 'siblings') return null;
  // Every copy of the new value is judged, so the counter half stands on its own when the siblings half is wrong.
  for (const { clock } of fresh) {
    const onlyNode = Object.keys({ ...clock, ...note.context }).every((k) => k === node || (clock[k] ?? 0) === (note.context[k] ?? 0));
    // Negated so that a NaN counter, which no comparison holds for, is not taken for a fresh one.
    if (clockProblem(clock) !== null || !onlyNode || !((clock[node] ?? 0) > top))
      return { text: `${call}; acceptable: the new value's clock is the context with ${node}'s entry raised above ${top} (the highest ${node} counter in sight), e.g. ${showClock(clockWanted)}`, acceptable };
  }
  return null;
}

/** The same write ids, each once, with equal clocks, and values unchanged from the inputs. */
function sameSiblings(actual: readonly CartSibling[], expected: readonly CartSibling[], inputs: readonly CartSibling[]): boolean {
  if (actual.length !== expected.length) return false;
  const ids = new Set(actual.map((s) => s.value.write));
  if (ids.size !== actual.length) return false;
  return expected.every((e) =>
    actual.some(
      (a) =>
        a.value.write === e.value.write &&
        // A NaN entry compares as neither ahead nor behind: it would pass for an equal clock.
        clockProblem(a.clock) === null &&
        compareClocks(a.clock, e.clock) === 'equal' &&
        inputs.some((i) => i.value.write === a.value.write && JSON.stringify(i.value.items) === JSON.stringify(a.value.items)),
    ),
  );
}
