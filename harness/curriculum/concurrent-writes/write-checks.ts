/**
 * Decision cases for `applyWrite` where the cluster runs cannot reach: a client writes with a stale
 * context (a blind write, or the context of an older read) to a replica whose siblings already hold
 * a higher counter of that replica than the context does. A new clock of `context[node] + 1` then
 * equals an existing sibling's clock, and one of the two values is silently lost; the README's rule
 * is a counter above every counter of this replica in sight. Judged by the cluster checks' judge.
 */
import { showExact, type CartSibling } from '../../cluster/index.ts';
import type { VectorClock } from '../../exercise/index.ts';
import { caseCheckGroup } from '../case-checks.ts';
import type { CheckGroup } from '../check.ts';
import { CALL_ANSWERS, judgeCall } from './acceptable-calls.ts';

const CHECK = { id: 'write-counter-above-siblings', title: "applyWrite's new counter is above every counter of this replica in sight, not only the context's", weight: 1 };

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
];

const isSiblings = (x: unknown): x is CartSibling[] =>
  Array.isArray(x) && x.every((s) => typeof s === 'object' && s !== null && typeof s.value === 'object' && s.value !== null && typeof s.clock === 'object' && s.clock !== null);

export const writeChecks: CheckGroup = caseCheckGroup<WriteCase>({
  checks: [CHECK],
  cases: WRITE_CASES,
  checkOf: () => CHECK.id,
  ask: (c) => ({ fn: 'applyWrite', args: [c.siblings, c.value, c.context, c.node] }),
  judge: (c, after) => {
    if (!isSiblings(after)) return `${c.name}: applyWrite returned ${showExact(after)}, not a list of siblings { value, clock }`;
    const problem = judgeCall({ t: 0, node: c.node, note: { fn: 'applyWrite', write: c.value.write, client: 'c', seen: [], context: c.context, before: c.siblings, after } });
    return problem === null ? null : { message: `${c.name}: ${problem.text}`, expected: problem.expected };
  },
  acceptableSets: [CALL_ANSWERS],
  show: (c) => [`case "${c.name}"`],
});
