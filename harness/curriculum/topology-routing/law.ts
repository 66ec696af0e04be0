/**
 * The apply rule as a law, on generated well-formed inputs (fast-check shrinks a failure to the
 * smallest): ids mostly n1–n4, sometimes n0–n99, counters 0–4, sometimes 8–12, with explicit zeros, the origin a key of
 * `deps` or not, `seq` one above the origin's entry, and `applied` either random (never past the
 * origin's previous update) or, half the time, a near miss of `deps`: equal, one entry lowered, an
 * entry moved to another id, the others raised.
 */
import fc from 'fast-check';
import type { UpdateDeps, VectorClock } from '../../exercise/index.ts';
import { lawCheckGroup, LawBroken } from '../case-checks.ts';
import type { CheckGroup } from '../check.ts';
import { CANAPPLY_ANSWERS, judgeCanApply, type CanApplyQuestion } from './acceptable.ts';

const CHECK = { id: 'canapply-law' as const, title: 'canApply is right on generated updates and applied counters', weight: 1 };

const id = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('n1', 'n2', 'n3', 'n4') }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }).map((i) => `n${i}`) });
// Two-digit counters now and then, so a comparison of counters as text (10 before 9) is drawn too.
const count = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 2, arbitrary: fc.integer({ min: 8, max: 12 }) });
const counts = fc.dictionary(id, count, { maxKeys: 4 });

const question: fc.Arbitrary<CanApplyQuestion> = fc
  .record({ deps: counts, origin: id, random: counts, nearMiss: fc.boolean(), how: fc.integer({ min: 0, max: 3 }), which: fc.nat(), fresh: fc.integer({ min: 5, max: 99 }) })
  .map(({ deps, origin, random, nearMiss, how, which, fresh }) => {
    const seq = (deps[origin] ?? 0) + 1;
    const update: UpdateDeps = { origin, seq, deps };
    let applied: Record<string, number> = nearMiss ? { ...update.deps } : { ...random };
    const keys = Object.keys(update.deps).filter((k) => (update.deps[k] ?? 0) > 0);
    const key = keys.length > 0 ? keys[which % keys.length]! : undefined;
    if (nearMiss && key !== undefined) {
      if (how === 1) applied[key] = applied[key]! - 1;
      if (how === 2 && key !== origin) {
        applied[`n${fresh}`] = applied[key]!;
        delete applied[key];
      }
      if (how === 3) applied = Object.fromEntries(Object.entries(applied).map(([k, v]) => [k, k === key ? v : v + 1]));
    }
    // Well-formed: this leader has not applied the update's sequence number of its origin yet.
    applied[origin] = Math.min(applied[origin] ?? 0, seq - 1);
    return { update, applied: applied as VectorClock };
  });

export const canApplyLawChecks: CheckGroup = lawCheckGroup({
  checks: [CHECK],
  numRuns: 200,
  inputsNoun: 'update and counters',
  acceptableSets: [CANAPPLY_ANSWERS],
  laws: {
    'canapply-law': (session) =>
      fc.asyncProperty(question, async (q) => {
        const answer = await session.answer('canApply', [q.update, q.applied], { now: 0 });
        const failure = session.failure('canApply', answer);
        if (failure !== undefined) throw new LawBroken(failure.message, failure);
        const wrong = judgeCanApply(q, (answer as { value: unknown }).value);
        if (wrong !== null) throw new LawBroken(wrong.text.replace(' and answered ', ' returned '), undefined, wrong.expected);
      }) as never,
  },
});
