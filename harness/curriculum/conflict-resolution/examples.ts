/**
 * The law examples of conflict-resolution: versions drawn from one fixed pool, each fixing (write,
 * leader, timestamp, value). Timestamps come from {0…4} ∪ {9, 10, 99, 100, 9 999, 10 000}, so a
 * comparison as text (9 over 10) is drawn; leaders n1–n3; some versions share a write id with another
 * leader and timestamp (a write accepted twice). Pairs and triples lean to ties, to one leader with
 * different writes and to identical versions. The fixed examples come first, one per known bug.
 */
import fc from 'fast-check';
import type { Profile, Stamped } from '../../exercise/index.ts';

export const FIELDS = ['name', 'email', 'phone', 'city'] as const;
const TIMESTAMPS = [0, 1, 2, 3, 4, 9, 10, 99, 100, 9999, 10000] as const;
// Two interests share a name (chess), added by different writes: each is its own element of the set.
const INTERESTS = ['chess-c1-1', 'jazz-c2-1', 'hiking-c3-2', 'tea-c1-4', 'go-c2-5', 'chess-c2-3'] as const;

const v = (write: string, leader: string, timestamp: number, field = 'email'): Stamped<string> => ({ value: `${field}:${write}`, timestamp, leader, write });

/**
 * Per timestamp: two leaders tied, one leader with two writes of one sequence number from different
 * clients (only the client tells them apart), and a re-homed copy of the first at the next timestamp.
 */
export const VERSION_POOL: readonly Stamped<string>[] = TIMESTAMPS.flatMap((ts, k) => {
  const [l1, l2] = [`n${1 + (k % 3)}`, `n${1 + ((k + 1) % 3)}`];
  const w1 = `c${1 + (k % 3)}-${1 + k}`;
  return [v(w1, l1, ts), v(`c${1 + ((k + 1) % 3)}-${2 + k}`, l2, ts), v(`c${1 + ((k + 2) % 3)}-${1 + k}`, l1, ts), v(w1, l2, TIMESTAMPS[(k + 1) % TIMESTAMPS.length]!)];
});

/** The same version in field `field`: its value names the field. */
export const inField = (s: Stamped<string>, field: string): Stamped<string> => ({ ...s, value: `${field}:${s.write}` });

const pooled = fc.constantFrom(...VERSION_POOL);
/** A version related to `a`: tied with it, at its leader, an equal copy, or any. */
const near = (a: Stamped<string>): fc.Arbitrary<Stamped<string>> => {
  const ties = VERSION_POOL.filter((x) => x.timestamp === a.timestamp);
  const sameLeader = VERSION_POOL.filter((x) => x.leader === a.leader);
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ties) }, { weight: 1, arbitrary: fc.constantFrom(...sameLeader) }, { weight: 1, arbitrary: fc.constant({ ...a }) }, { weight: 2, arbitrary: pooled });
};

export interface VersionExample {
  readonly a: Stamped<string>;
  readonly b: Stamped<string>;
  readonly c: Stamped<string>;
}

export const versionExample: fc.Arbitrary<VersionExample> = pooled.chain((a) => near(a).chain((b) => fc.oneof(near(a), near(b)).map((c) => ({ a, b, c }))));

const profile: fc.Arbitrary<Profile> = fc
  .record({
    fields: fc.subarray([...FIELDS], { maxLength: 4 }).chain((fs) => fc.tuple(...fs.map(() => pooled)).map((vs) => Object.fromEntries(fs.map((f, i) => [f, inField(vs[i]!, f)])))),
    interests: fc.subarray([...INTERESTS]),
  })
  .map((p) => p as Profile);

/** A profile like `p` whose fields are tied with `p`'s or taken over as they are, now and then. */
const nearProfile = (p: Profile): fc.Arbitrary<Profile> =>
  fc.oneof(
    { weight: 2, arbitrary: profile },
    {
      weight: 1,
      arbitrary: fc.tuple(profile, fc.array(fc.nat(), { minLength: 4, maxLength: 4 })).map(([q, picks]) => {
        const fields: Record<string, Stamped<string>> = { ...q.fields };
        for (const [i, [f, s]] of Object.entries(p.fields).entries()) {
          const ties = VERSION_POOL.filter((x) => x.timestamp === s.timestamp);
          const pick = picks[i]! % (ties.length + 1);
          fields[f] = pick === ties.length ? s : inField(ties[pick]!, f);
        }
        return { fields, interests: q.interests };
      }),
    },
  );

export interface ProfileExample {
  readonly p: Profile;
  readonly q: Profile;
  readonly r: Profile;
}

export const profileExample: fc.Arbitrary<ProfileExample> = profile.chain((p) => nearProfile(p).chain((q) => nearProfile(q).map((r) => ({ p, q, r }))));

const nothing: Profile = { fields: {}, interests: [] };

/**
 * Fixed triples: a cross-leader tie (both ways, as commutativity asks), a same-leader tie, a same-client
 * pair, one leader's writes of one sequence number from three clients, 9 vs 10 and 9 999 vs 10 000 with
 * the lower stamp at the higher leader, a write accepted twice, and two write ids whose digits alone
 * are the same (c1-12 and c11-2: an id is text, not a number hidden in it).
 */
export const FIXED_VERSIONS: readonly VersionExample[] = [
  { a: v('c3-1', 'n3', 10040), b: v('c1-4', 'n1', 10040), c: v('c2-2', 'n2', 10040) },
  { a: v('c1-2', 'n1', 3), b: v('c1-3', 'n1', 3), c: v('c2-1', 'n1', 3) },
  { a: v('c1-2', 'n1', 3), b: v('c1-3', 'n2', 3), c: v('c1-4', 'n3', 3) },
  { a: v('c1-2', 'n1', 3), b: v('c2-2', 'n1', 3), c: v('c3-2', 'n1', 3) },
  { a: v('c2-1', 'n3', 9), b: v('c1-1', 'n1', 10), c: v('c3-1', 'n2', 9) },
  { a: v('c2-1', 'n3', 9999), b: v('c1-1', 'n1', 10000), c: v('c3-1', 'n2', 100) },
  { a: v('c2-3', 'n1', 100), b: v('c2-3', 'n2', 100), c: v('c2-3', 'n2', 99) },
  { a: v('c1-12', 'n1', 5), b: v('c11-2', 'n1', 5), c: v('c2-11', 'n1', 5) },
];

/**
 * Fixed merges: Bob's card (disjoint fields and interests), a shared field won by the second argument,
 * a profile with interests merged with itself, two interests of one name added by different writes.
 */
export const FIXED_PROFILES: readonly ProfileExample[] = [
  {
    p: { fields: { name: v('c1-1', 'n1', 10, 'name'), email: v('c1-2', 'n1', 10200, 'email') }, interests: ['chess-c1-1'] },
    q: { fields: { name: v('c1-1', 'n1', 10, 'name'), phone: v('c2-1', 'n2', 10300, 'phone') }, interests: ['jazz-c2-1'] },
    r: nothing,
  },
  {
    p: { fields: { email: v('c1-1', 'n1', 9, 'email'), city: v('c1-2', 'n1', 4, 'city') }, interests: [] },
    q: { fields: { email: v('c2-1', 'n2', 10, 'email') }, interests: ['tea-c1-4'] },
    r: { fields: { email: v('c3-1', 'n3', 10, 'email') }, interests: [] },
  },
  {
    p: { fields: { phone: v('c2-2', 'n2', 3, 'phone') }, interests: ['go-c2-5', 'chess-c1-1', 'jazz-c2-1'] },
    q: { fields: { phone: v('c2-2', 'n2', 3, 'phone') }, interests: ['go-c2-5', 'chess-c1-1', 'jazz-c2-1'] },
    r: { fields: {}, interests: ['jazz-c2-1'] },
  },
  {
    p: { fields: { city: v('c1-3', 'n1', 4, 'city') }, interests: ['chess-c1-1', 'jazz-c2-1'] },
    q: { fields: {}, interests: ['chess-c2-3'] },
    r: { fields: {}, interests: ['chess-c1-1'] },
  },
];

export interface ClockExample {
  readonly clock: number;
  readonly highestSeen: number;
}

/** Clocks around 10 000 ms, `highestSeen` below, equal to or above. */
export const clockExample: fc.Arbitrary<ClockExample> = fc
  .record({ clock: fc.integer({ min: 0, max: 20_000 }), offset: fc.integer({ min: -400, max: 400 }), zero: fc.boolean() })
  .map(({ clock, offset, zero }) => ({ clock, highestSeen: zero ? 0 : Math.max(0, clock + offset) }));

export const FIXED_CLOCKS: readonly ClockExample[] = [
  { clock: 10_000, highestSeen: 10_005 },
  { clock: 10_000, highestSeen: 0 },
  { clock: 10_000, highestSeen: 10_000 },
];
