/**
 * The or-set law examples are fair: every state is reachable, the new tag of an example is fresh for
 * every state in it (the type promises that, so a correct learner may rely on it), and `s0` is an
 * earlier state of `a` (the "both removed" law needs it).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { orAtMost } from '../../harness/checkers/index.ts';
import { FIXED_ELEMENTS, FIXED_ENTRIES, FIXED_MERGES, FIXED_UPDATES, setExample, type SetExample } from '../../harness/curriculum/or-set/set-arbitraries.ts';

const tagsOf = (x: SetExample): string[] => [x.a, x.b, x.c, x.s0].flatMap((s) => [...s.adds.map((a) => a.tag), ...s.removed]);

it('every example, fixed or generated, has a fresh new tag and an earlier s0', () => {
  const all = [...FIXED_MERGES, ...FIXED_UPDATES, ...FIXED_ELEMENTS, ...FIXED_ENTRIES, ...fc.sample(setExample, { seed: 7, numRuns: 500 })];
  for (const x of all) {
    expect(tagsOf(x), JSON.stringify(x)).not.toContain(x.t);
    expect(orAtMost(x.s0, x.a), JSON.stringify(x)).toBe(true);
  }
  // Both forms and removed tags really occur.
  const generated = fc.sample(setExample, { seed: 8, numRuns: 300 });
  expect(generated.some((x) => x.a.adds.some((a) => x.a.removed.includes(a.tag)))).toBe(true);
  expect(generated.some((x) => x.a.removed.length > 0 && !x.a.adds.some((a) => x.a.removed.includes(a.tag)))).toBe(true);
});
