/**
 * Decision cases for `mergeReplicas` that the cluster runs rarely or never reach: the same write's
 * clock in another key order or with an explicit zero entry (one write, kept once: clocks compare by
 * meaning, never by shape), and counters past 9, where a string comparison ("10" < "9") drops the
 * newer value. Judged by the cluster checks' judge, on frozen arguments.
 */
import { siblingsProblem, type CartSibling } from '../../cluster/index.ts';
import type { VectorClock } from '../../exercise/index.ts';
import { caseCheckGroup } from '../case-checks.ts';
import type { CheckGroup } from '../check.ts';
import { CALL_ANSWERS, FROZEN_SIBLINGS, judgeCall } from './acceptable-calls.ts';

const CHECK = {
  id: 'merge-replicas-compares-by-meaning',
  title: 'mergeReplicas keeps each write once and drops exactly the overwritten ones, judging clocks by meaning',
  weight: 1,
};

interface MergeCase {
  readonly name: string;
  readonly own: readonly CartSibling[];
  readonly received: readonly CartSibling[];
}

const sibling = (write: string, items: string[], clock: VectorClock): CartSibling => ({ value: { write, items }, clock });

export const MERGE_CASES: readonly MergeCase[] = [
  { name: 'the same write on both sides', own: [sibling('c1-1', ['milk'], { n1: 1 })], received: [sibling('c1-1', ['milk'], { n1: 1 })] },
  { name: 'a write and the one that overwrote it', own: [sibling('c1-1', ['milk'], { n1: 1 })], received: [sibling('c1-2', ['milk', 'tea'], { n1: 2 })] },
  { name: 'two concurrent writes', own: [sibling('c1-1', ['milk'], { n1: 1 })], received: [sibling('c2-1', ['eggs'], { n2: 1 })] },
  {
    name: "the same write, its clock's ids in another order",
    own: [sibling('c1-2', ['milk', 'eggs'], { n1: 1, n2: 1 })],
    received: [sibling('c1-2', ['milk', 'eggs'], { n2: 1, n1: 1 })],
  },
  { name: 'the same write, once with an explicit zero entry', own: [sibling('c2-1', ['tea'], { n2: 1 })], received: [sibling('c2-1', ['tea'], { n2: 1, n3: 0 })] },
  { name: 'n1:9 and the n1:10 that overwrote it', own: [sibling('c1-9', ['milk'], { n1: 9 })], received: [sibling('c1-10', ['milk', 'rice'], { n1: 10 })] },
];

export const mergeChecks: CheckGroup = caseCheckGroup<MergeCase>({
  checks: [CHECK],
  cases: MERGE_CASES,
  checkOf: () => CHECK.id,
  // Frozen, as the README says never to change the lists or clocks given: writing into one throws.
  ask: (c) => ({ fn: 'mergeReplicas', args: [c.own, c.received], freezeArgs: true }),
  judge: (c, after) => {
    const shape = siblingsProblem(after);
    if (shape !== null) return `${c.name}: mergeReplicas returned ${shape}`;
    const problem = judgeCall({ t: 0, node: 'n1', note: { fn: 'mergeReplicas', from: 'n2', own: c.own, received: c.received, after: after as readonly CartSibling[] } });
    return problem === null ? null : { message: `${c.name}: ${problem.text}`, expected: problem.expected };
  },
  acceptableSets: [CALL_ANSWERS],
  show: (c) => [`case "${c.name}"`],
  frozenInputs: FROZEN_SIBLINGS,
});
