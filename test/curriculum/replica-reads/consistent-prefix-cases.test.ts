/**
 * consistent-prefix: the hand-declared answers of the decision cases against the reference cut and
 * observe (design §F.1) and, by brute force, against every consistent cut below its replies, that every
 * case is causally possible, and that the reference cut is the
 * greatest consistent one on generated replies (checked by brute force over every smaller cut).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUT_ANSWERS, normalised, OBSERVE_ANSWERS, referenceCut, referenceObserve } from '../../../harness/curriculum/consistent-prefix/acceptable.ts';
import { PREFIX_CASES } from '../../../harness/curriculum/consistent-prefix/cases.ts';
import type { ShardPositions, ShardReply } from '../../../harness/exercise/index.ts';

/** Whether `cut` shows no entry of `replies` without its dependencies on other shards. */
const consistent = (replies: readonly ShardReply[], cut: ShardPositions): boolean =>
  replies.every((r) => r.dependents.every((e) => e.lsn > (cut[r.shard] ?? 0) || Object.entries(e.deps).every(([t, p]) => t === r.shard || (cut[t] ?? 0) >= p)));

/** Every cut at or below the replies' applied positions. */
function* cutsBelow(replies: readonly ShardReply[], i = 0, acc: Record<string, number> = {}): Generator<Record<string, number>> {
  if (i === replies.length) return yield { ...acc };
  for (let n = 0; n <= replies[i]!.appliedLsn; n++) yield* cutsBelow(replies, i + 1, { ...acc, [replies[i]!.shard]: n });
}

describe('consistent-prefix decision cases', () => {
  it.each(PREFIX_CASES.map((c) => [c.name, c] as const))('the declared answer is the reference one: %s', (_, c) => {
    if (c.fn === 'consistentCut') {
      expect(referenceCut(c.replies)).toEqual(normalised(c.acceptable));
      expect(CUT_ANSWERS.accepts(c.replies, { ...c.acceptable, zz: 0 })).toBe(true);
      expect(consistent(c.replies, c.acceptable)).toBe(true);
      for (const smaller of cutsBelow(c.replies)) if (consistent(c.replies, smaller)) for (const r of c.replies) expect(smaller[r.shard] ?? 0).toBeLessThanOrEqual(c.acceptable[r.shard] ?? 0);
    } else {
      expect(referenceObserve(c.seen, c.observed)).toEqual(normalised(c.acceptable));
      expect(OBSERVE_ANSWERS.accepts({ seen: c.seen, observed: c.observed }, c.acceptable)).toBe(true);
    }
  });

  it('refuses answers of the wrong shape, or above a reply', () => {
    const replies = [{ shard: 's1', appliedLsn: 4, dependents: [] }];
    expect(CUT_ANSWERS.accepts(replies, { s1: 5 })).toBe(false);
    expect(CUT_ANSWERS.accepts(replies, { s1: '4' })).toBe(false);
    expect(CUT_ANSWERS.accepts(replies, { s1: 4, s2: 1 })).toBe(false);
    expect(CUT_ANSWERS.accepts(replies, [4])).toBe(false);
  });

  it('the reference cut is the greatest consistent cut below the replies', () => {
    const shards = ['s1', 's2', 's3'];
    const reply = fc.record({
      appliedLsn: fc.integer({ min: 0, max: 5 }),
      dependents: fc.array(fc.record({ lsn: fc.integer({ min: 1, max: 5 }), deps: fc.dictionary(fc.constantFrom(...shards), fc.integer({ min: 0, max: 6 }), { maxKeys: 3 }) }), { maxLength: 3 }),
    });
    const replies = fc.tuple(reply, reply, reply).map((rs) =>
      rs.map((r, i) => ({ shard: shards[i]!, appliedLsn: r.appliedLsn, dependents: r.dependents.filter((e) => e.lsn <= r.appliedLsn) })),
    );
    fc.assert(
      fc.property(replies, (rs) => {
        const best = referenceCut(rs);
        expect(consistent(rs, best)).toBe(true);
        for (const cut of cutsBelow(rs)) if (consistent(rs, cut)) for (const s of shards) expect(cut[s] ?? 0).toBeLessThanOrEqual(best[s] ?? 0);
      }),
      { seed: 33, numRuns: 200 },
    );
  });
});
