/**
 * Decision cases for `applyWrite`, including those the cluster runs cannot reach: a client writes with
 * a stale context (a blind write, or the context of an older read) to a replica whose siblings hold a
 * higher counter of that replica than the context does, or with a context ahead of every sibling. A
 * new clock of `context[node] + 1`, or one that ignores the context, then equals or falls behind an
 * existing clock, and a value is silently lost; the README's rule is a counter above every counter of
 * this replica in sight. Every case is judged twice, once per half of the answer (which siblings were
 * kept, and the new value's clock), so the failing check names the half the learner got wrong. The
 * siblings half also asks readContext: the context a read hands out is what the next write replaces
 * by. Every argument is frozen: a function that writes into one fails the case.
 */
import { clockProblem, siblingsProblem, type CartSibling } from '../../cluster/index.ts';
import type { VectorClock } from '../../exercise/index.ts';
import { caseCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { statedBy } from '../expectation.ts';
import { applyWriteFinding, CALL_ANSWERS, FROZEN_SIBLINGS, judgeCall, questionOf, WRITE_ANSWERS, type WriteAspect } from './acceptable-calls.ts';

const CHECKS: readonly CheckInfo[] = [
  { id: 'write-replaces-what-it-saw', title: 'applyWrite replaces exactly the siblings its context covers and keeps every other one', weight: 1 },
  { id: 'write-counter-above-siblings', title: "applyWrite's new counter is above every counter of this replica in sight, not only the context's", weight: 1 },
];
const ASPECTS: readonly WriteAspect[] = ['siblings', 'counter'];

interface WriteCase {
  readonly name: string;
  readonly node: string;
  readonly siblings: readonly CartSibling[];
  readonly value: { readonly write: string; readonly items: readonly string[] };
  readonly context: VectorClock;
}

const sibling = (write: string, items: string[], clock: VectorClock): CartSibling => ({ value: { write, items }, clock });

export const WRITE_CASES: readonly WriteCase[] = [
  { name: 'an up-to-date context', node: 'n1', siblings: [sibling('c1-1', ['milk'], { n1: 2 })], value: { write: 'c1-2', items: ['milk', 'tea'] }, context: { n1: 2 } },
  { name: 'a blind write (empty context) to n1, which holds n1:2', node: 'n1', siblings: [sibling('c1-1', ['milk'], { n1: 2 })], value: { write: 'c2-1', items: ['eggs'] }, context: {} },
  {
    name: "the context of an older read (n1:1) while n1's sibling has reached n1:3",
    node: 'n1',
    siblings: [sibling('c1-3', ['milk', 'eggs'], { n1: 3 })],
    value: { write: 'c2-2', items: ['tea'] },
    context: { n1: 1 },
  },
  {
    name: "an older read's context at n2, whose siblings hold n2:2 and a concurrent n1:1",
    node: 'n2',
    siblings: [sibling('c1-1', ['rice'], { n1: 1 }), sibling('c3-2', ['soap'], { n2: 2 })],
    value: { write: 'c2-3', items: ['salt'] },
    context: { n2: 1 },
  },
  // The context, not a sibling, holds the highest counter of the replica.
  { name: 'a context at n1:2 to n1, which holds no sibling', node: 'n1', siblings: [], value: { write: 'c1-3', items: ['tea'] }, context: { n1: 2 } },
  { name: "a context at n1:2 to n1, whose only sibling is n3's concurrent n3:1", node: 'n1', siblings: [sibling('c3-1', ['rice'], { n3: 1 })], value: { write: 'c1-3', items: ['tea'] }, context: { n1: 2 } },
  // Counters past 9, where comparing them as strings ("10" < "9") gets the order wrong.
  { name: 'a context at n1:10 to n2, which still holds the n1:9 it covers', node: 'n2', siblings: [sibling('c1-9', ['milk'], { n1: 9 })], value: { write: 'c2-1', items: ['milk', 'eggs'] }, context: { n1: 10 } },
];

/**
 * Reads whose context the next write replaces by: readContext must cover every sibling read, or that
 * write keeps siblings its client had merged. Asked after the writes, under the siblings half only.
 */
interface ReadCase {
  readonly name: string;
  readonly read: readonly CartSibling[];
}

export const READ_CASES: readonly ReadCase[] = [
  {
    name: 'a read of three concurrent siblings, their clocks in different key orders',
    read: [sibling('c1-2', ['milk'], { n1: 2 }), sibling('c2-1', ['eggs'], { n2: 1, n1: 1 }), sibling('c3-1', ['tea'], { n3: 1, n1: 1 })],
  },
  { name: 'a read of n1:10 and a concurrent sibling at n1:9', read: [sibling('c1-10', ['rice'], { n1: 10 }), sibling('c2-1', ['soap'], { n1: 9, n2: 1 })] },
];

type AspectCase = (WriteCase & { readonly check: string; readonly aspect: WriteAspect }) | (ReadCase & { readonly check: string; readonly aspect: 'read' });

export const writeChecks: CheckGroup = caseCheckGroup<AspectCase>({
  checks: CHECKS,
  cases: [
    ...CHECKS.flatMap(({ id }, i) => WRITE_CASES.map((c): AspectCase => ({ ...c, check: id, aspect: ASPECTS[i]! }))),
    ...READ_CASES.map((c): AspectCase => ({ ...c, check: CHECKS[0]!.id, aspect: 'read' })),
  ],
  // Frozen, as the README says never to change the lists or clocks given: writing into one throws.
  ask: (c) =>
    c.aspect === 'read'
      ? { fn: 'readContext', args: [c.read], freezeArgs: true }
      : { fn: 'applyWrite', args: [c.siblings, c.value, c.context, c.node], freezeArgs: true },
  judge: (c, after) => {
    if (c.aspect === 'read') {
      const shape = clockProblem(after);
      if (shape !== null) return `${c.name}: readContext returned ${shape}`;
      const wrong = judgeCall({ t: 0, node: 'n1', note: { fn: 'readContext', client: 'c', siblings: c.read, context: after as VectorClock } });
      return wrong === null ? null : { message: `${c.name}: ${wrong.text} (the next write carries this context, and replaces exactly the siblings it covers)`, expected: wrong.expected };
    }
    // A broken clock on the new value is the counter's mistake; a broken old sibling, the siblings'.
    const isNew = (s: unknown): boolean => (s as { value?: { write?: unknown } } | null)?.value?.write === c.value.write;
    const shape = siblingsProblem(after, c.aspect === 'counter' ? isNew : (s) => !isNew(s));
    if (shape !== null) return `${c.name}: applyWrite returned ${shape}`;
    const note = { fn: 'applyWrite' as const, write: c.value.write, client: 'c', seen: [], context: c.context, before: c.siblings, after: after as readonly CartSibling[] };
    const found = applyWriteFinding(c.node, note, c.aspect);
    if (found === null) return null;
    return { message: `${c.name}: ${found.text}`, expected: statedBy(WRITE_ANSWERS[c.aspect], questionOf(c.node, note), after, [found.acceptable]) };
  },
  acceptableSets: [WRITE_ANSWERS.siblings, WRITE_ANSWERS.counter, CALL_ANSWERS],
  show: (c) => [`case "${c.name}"`],
  frozenInputs: FROZEN_SIBLINGS,
});
