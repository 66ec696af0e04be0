/**
 * The conflict-resolution laws, on versions and profiles from one pool (fast-check) after fixed cases
 * that catch each known bug whatever the seed draws. A group's laws share their examples and the
 * session is memoised, so `lastWriteWins(a, b)` is asked once for every law that needs it; arguments
 * are deep-frozen, so changing an input throws. A failure is the shrunk counterexample in words.
 */
import fc from 'fast-check';
import { showProfile, showVersion } from '../../checkers/index.ts';
import { profileProblem, referenceLastWriteWins, referenceMergeProfiles, referenceNextTimestamp, sameProfile, sameVersion, stampedProblem, versionKey } from '../../cluster/index.ts';
import type { Profile, Stamped } from '../../exercise/index.ts';
import { frozenInputsExplained, LawBroken, lawAsker, lawCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { statedBy } from '../expectation.ts';
import type { LearnerSession } from '../learner-session.ts';
import { CONFLICT_ANSWER_SETS, LWW_ANSWERS, MERGE_ANSWERS, NEXT_TIMESTAMP_ANSWERS } from './acceptable.ts';
import { clockExample, FIXED_CLOCKS, FIXED_PROFILES, FIXED_VERSIONS, profileExample, versionExample, type ClockExample, type ProfileExample, type VersionExample } from './examples.ts';
import { optionalExport } from './optional.ts';

type LawId = 'lww-laws' | 'merge-profiles-laws' | 'next-timestamp-laws';

const CHECKS: readonly (CheckInfo & { id: LawId })[] = [
  { id: 'lww-laws', title: 'lastWriteWins returns an input, the higher timestamp wins, and it is commutative, associative and idempotent', weight: 2 },
  { id: 'merge-profiles-laws', title: "mergeProfiles is commutative, associative and idempotent, keeps every field (shared ones by your lastWriteWins) and every interest once", weight: 2 },
];
const OPTIONAL: CheckInfo & { id: LawId } = { id: 'next-timestamp-laws', title: 'nextTimestamp (optional, unweighted): an integer, above highestSeen, at least clock', weight: 0 };

export const NUM_RUNS = 60;

const showArg = (x: unknown): string => (stampedProblem(x) === null ? showVersion(x as Stamped<unknown>) : profileProblem(x) === null ? showProfile(x as Profile) : (JSON.stringify(x) ?? String(x)));
const callText = (fn: string, args: readonly unknown[]): string => `${fn}(${args.map(showArg).join(', ')})`;

function learner(session: LearnerSession) {
  const ask = lawAsker(session, callText, true);
  const lww = async (a: Stamped<string>, b: Stamped<string>): Promise<Stamped<string>> => {
    const got = await ask('lastWriteWins', [a, b]);
    const problem = stampedProblem(got);
    if (problem !== null) throw new LawBroken(`${callText('lastWriteWins', [a, b])} returned ${problem}`, undefined, statedBy(LWW_ANSWERS, { a, b }, got, [referenceLastWriteWins(a, b)]));
    if (!sameVersion(got as Stamped<string>, a) && !sameVersion(got as Stamped<string>, b))
      throw new LawBroken(`${callText('lastWriteWins', [a, b])} returned ${showArg(got)}${(got as Stamped<string>).value === a.value || (got as Stamped<string>).value === b.value ? ` (value ${JSON.stringify((got as Stamped<string>).value)})` : ''}, which is neither argument: return one of the two versions you got, unchanged — a new stamp is a version no leader accepted`, undefined, statedBy(LWW_ANSWERS, { a, b }, got, [referenceLastWriteWins(a, b)]));
    return got as Stamped<string>;
  };
  const merge = async (a: Profile, b: Profile): Promise<Profile> => {
    const got = await ask('mergeProfiles', [a, b]);
    const problem = profileProblem(got);
    if (problem !== null) throw new LawBroken(`${callText('mergeProfiles', [a, b])} returned ${problem}`, undefined, statedBy(MERGE_ANSWERS, { a, b }, got, [referenceMergeProfiles(a, b)]));
    return got as Profile;
  };
  return { ask, lww, merge };
}
type Learner = ReturnType<typeof learner>;

/** Why two tied versions are hard to tell apart, as the commutativity message says it. */
function tieWhy(a: Stamped<string>, b: Stamped<string>): string {
  const [ca, sa] = a.write.split('-');
  const [cb, sb] = b.write.split('-');
  if (a.write === b.write) return 'same timestamp, one write accepted by two leaders (a client re-homed after a lost ack): the write id cannot decide it; the leader can';
  if (a.leader === b.leader && ca === cb) return 'same timestamp, same leader, same client: only the write id tells these two apart';
  if (a.leader === b.leader && sa === sb) return "same timestamp, same leader, same sequence number: only the client tells these two apart; compare the whole write id, not just the number after '-'";
  if (a.leader === b.leader) return 'same timestamp, same leader: a tie-break on the leader alone cannot decide it; compare the write id too';
  if (ca === cb) return "same timestamp, same client: the client's number cannot decide it; compare, for example, the leader, then the write id";
  return 'same timestamp: decide ties by something both orders agree on, for example the leader, then the write id';
}

const lwwLaws = (l: Learner) =>
  fc.asyncProperty(versionExample, async ({ a, b, c }: VersionExample) => {
    const winner = async (x: Stamped<string>, y: Stamped<string>): Promise<Stamped<string>> => {
      const got = await l.lww(x, y);
      if (x.timestamp !== y.timestamp && !sameVersion(got, x.timestamp > y.timestamp ? x : y)) {
        const [hi, lo] = x.timestamp > y.timestamp ? [x, y] : [y, x];
        throw new LawBroken(`${callText('lastWriteWins', [x, y])} kept ${got.write}, stamped ${lo.timestamp}; the higher timestamp, ${hi.timestamp}, must win${String(lo.timestamp) > String(hi.timestamp) ? ' (compared as text, "' + lo.timestamp + '" would sort after "' + hi.timestamp + '": are they compared as numbers?)' : ''}`, undefined, statedBy(LWW_ANSWERS, { a: x, b: y }, got, [hi]));
      }
      return got;
    };
    const aa = await winner(a, a);
    if (!sameVersion(aa, a)) throw new LawBroken(`lastWriteWins is not idempotent: lastWriteWins(${showVersion(a)}, itself) returned ${showVersion(aa)}`);
    const ab = await winner(a, b);
    const ba = await winner(b, a);
    if (versionKey(ab) !== versionKey(ba)) throw new LawBroken(`lastWriteWins is not commutative: (${showVersion(a)}, ${showVersion(b)}) kept ${showVersion(ab)}, swapped it kept ${showVersion(ba)} (${tieWhy(a, b)})`);
    const bc = await winner(b, c);
    const left = await winner(ab, c);
    const right = await winner(a, bc);
    if (versionKey(left) !== versionKey(right))
      throw new LawBroken(`lastWriteWins is not associative: of ${showVersion(a)}, ${showVersion(b)}, ${showVersion(c)}, (a, b) first then c kept ${showVersion(left)}, but a with (b, c) kept ${showVersion(right)}: your tie order goes round in a circle; use one total order`);
  });

/** The tied pairs of the fixed examples, each once. */
const FIXED_TIES: readonly (readonly [Stamped<string>, Stamped<string>])[] = [
  ...new Map(
    FIXED_VERSIONS.flatMap(({ a, b, c }) => [[a, b], [a, c], [b, c]] as const)
      .filter(([x, y]) => x.timestamp === y.timestamp && versionKey(x) !== versionKey(y))
      .map((t) => [[versionKey(t[0]), versionKey(t[1])].sort().join('/'), t] as const),
  ).values(),
];

/**
 * The fixed ties asked of one fresh copy of the module as (a, b) and of another as (b, a): the
 * cluster's leaders share one copy here, so a tie-break kept in module state (first seen wins)
 * agrees with itself in every run; a real leader runs its own copy and sees the versions in
 * another order. A rule that depends only on the two versions keeps the same one in both copies.
 */
const lwwInFreshModules = async (fresh: () => Promise<LearnerSession | undefined>): Promise<void> => {
  const one = await fresh();
  if (one === undefined) return;
  const kept: Stamped<string>[] = [];
  for (const [a, b] of FIXED_TIES) kept.push(await learner(one).lww(a, b));
  const other = await fresh();
  if (other === undefined) return;
  for (const [i, [a, b]] of FIXED_TIES.entries()) {
    const got = await learner(other).lww(b, a);
    if (versionKey(got) !== versionKey(kept[i]!))
      throw new LawBroken(
        `lastWriteWins depends on more than its two arguments: in a freshly loaded copy of your module ${callText('lastWriteWins', [a, b])} kept ${showVersion(kept[i]!)}, in another ${callText('lastWriteWins', [b, a])} kept ${showVersion(got)}`,
        undefined,
        undefined,
        [`each leader runs its own copy of your code and sees versions in its own order, so a tie decided by what one copy saw before (module-level state) is decided differently on another leader; decide ties from the two versions alone`],
      );
  }
};

const mergeLaws = (l: Learner) =>
  fc.asyncProperty(profileExample, async ({ p, q, r }: ProfileExample) => {
    const judged = async (x: Profile, y: Profile): Promise<Profile> => {
      const got = await l.merge(x, y);
      const stated = (): ReturnType<typeof statedBy> => statedBy(MERGE_ANSWERS, { a: x, b: y }, got, [referenceMergeProfiles(x, y)]);
      const call = `mergeProfiles(${showProfile(x)}, ${showProfile(y)}) returned ${showProfile(got)}`;
      const names = [...new Set([...Object.keys(x.fields), ...Object.keys(y.fields)])];
      const missing = names.filter((f) => !(f in got.fields));
      if (missing.length > 0) throw new LawBroken(`${call}: field ${missing.join(', ')} is missing; a merge keeps every field present in either profile${missing.some((f) => !(f in x.fields)) ? ' — the second one too' : ''}`, undefined, stated());
      const extra = Object.keys(got.fields).filter((f) => !names.includes(f));
      if (extra.length > 0) throw new LawBroken(`${call}: field ${extra.join(', ')} is in neither profile`, undefined, stated());
      for (const f of names) {
        const [fx, fy, g] = [x.fields[f], y.fields[f], got.fields[f]!];
        if (fx && fy) {
          const own = await l.lww(fx, fy);
          if (!sameVersion(g, own)) throw new LawBroken(`${call}: field ${f} holds ${showVersion(g)}, but your lastWriteWins(${showVersion(fx)}, ${showVersion(fy)}) keeps ${showVersion(own)}; a shared field is resolved as your lastWriteWins resolves it, whichever profile is whose`);
        } else if (!sameVersion(g, (fx ?? fy)!)) throw new LawBroken(`${call}: field ${f} is only in one profile, as ${showVersion((fx ?? fy)!)}, and must stay that version`, undefined, stated());
      }
      const want = new Set([...x.interests, ...y.interests]);
      const twice = got.interests.find((i, k) => got.interests.indexOf(i) !== k);
      if (twice !== undefined) throw new LawBroken(`${call}: interest ${twice} is there twice; interests are a set, each once however often it was merged`, undefined, stated());
      const lost = [...want].filter((i) => !got.interests.includes(i));
      const made = got.interests.filter((i) => !want.has(i));
      if (lost.length > 0 || made.length > 0) throw new LawBroken(`${call}: interests ${lost.length > 0 ? `lost ${lost.join(', ')}` : `gained ${made.join(', ')}`}; they are the union of both, each once`, undefined, stated());
      return got;
    };
    const pp = await judged(p, p);
    if (!sameProfile(pp, p)) throw new LawBroken(`mergeProfiles is not idempotent: a profile merged with itself came back as ${showProfile(pp)}`);
    const pq = await judged(p, q);
    const qp = await judged(q, p);
    if (!sameProfile(pq, qp)) throw new LawBroken(`mergeProfiles is not commutative: mergeProfiles(P, Q) is ${showProfile(pq)} but mergeProfiles(Q, P) is ${showProfile(qp)} (P = ${showProfile(p)}, Q = ${showProfile(q)})${await swappedTie(l, p, q, pq, qp)}`);
    const qr = await judged(q, r);
    const left = await judged(pq, r);
    const right = await judged(p, qr);
    if (!sameProfile(left, right)) throw new LawBroken(`mergeProfiles is not associative: (P with Q) with R is ${showProfile(left)}, P with (Q with R) is ${showProfile(right)}${groupedTie(left, right)}`);
  });

/**
 * Each merge above resolved every shared field as the learner's lastWriteWins does (`judged`), so
 * two merges that disagree on a field disagree because lastWriteWins does: the message says so, and
 * names the pair, for the cause is in the other function.
 */
const differingField = (x: Profile, y: Profile): string | undefined =>
  [...new Set([...Object.keys(x.fields), ...Object.keys(y.fields)])].find((f) => !(x.fields[f] && y.fields[f] && sameVersion(x.fields[f], y.fields[f])));

async function swappedTie(l: Learner, p: Profile, q: Profile, pq: Profile, qp: Profile): Promise<string> {
  const f = differingField(pq, qp);
  const [a, b] = f === undefined ? [] : [p.fields[f], q.fields[f]];
  if (f === undefined || a === undefined || b === undefined) return '';
  const [ab, ba] = [await l.lww(a, b), await l.lww(b, a)];
  if (sameVersion(ab, ba)) return '';
  return `; the two differ in field ${f}, which each resolved by your lastWriteWins: lastWriteWins(${showVersion(a)}, ${showVersion(b)}) keeps ${showVersion(ab)}, swapped it keeps ${showVersion(ba)}. A merge is only as commutative as the lastWriteWins it uses: mend that first`;
}

function groupedTie(left: Profile, right: Profile): string {
  const f = differingField(left, right);
  if (f === undefined || !left.fields[f] || !right.fields[f]) return '';
  return `; the two differ in field ${f}, which every merge resolved by your lastWriteWins: grouped one way it keeps ${showVersion(left.fields[f])}, the other ${showVersion(right.fields[f])}. A merge is only as associative as the lastWriteWins it uses: mend that first`;
}

const clockLaw = (l: Learner) =>
  fc.asyncProperty(clockExample, async ({ clock, highestSeen }: ClockExample) => {
    const got = await l.ask('nextTimestamp', [clock, highestSeen]);
    if (NEXT_TIMESTAMP_ANSWERS.accepts({ clock, highestSeen }, got)) return;
    const why = typeof got !== 'number' || !Number.isInteger(got) ? 'a timestamp is an integer' : got <= highestSeen ? `it must be above highestSeen (${highestSeen}): a new write must beat every version this leader has seen` : `it must be at least clock (${clock}): a timestamp that falls behind the physical clock makes later writes lose to it`;
    throw new LawBroken(`nextTimestamp(${clock}, ${highestSeen}) returned ${JSON.stringify(got) ?? String(got)}; ${why}`, undefined, statedBy(NEXT_TIMESTAMP_ANSWERS, { clock, highestSeen }, got, [referenceNextTimestamp(clock, highestSeen)]));
  });

const frozen = (id: LawId) => frozenInputsExplained(id, 'version or profile', 'the harness froze what it passed, so changing it threw (Array.prototype.sort sorts in place). Build and return new arrays and objects instead.');

const group = (checks: readonly (CheckInfo & { id: LawId })[]): CheckGroup =>
  lawCheckGroup<LawId>({
    checks,
    laws: {
      'lww-laws': (s) => lwwLaws(learner(s)) as never,
      'merge-profiles-laws': (s) => mergeLaws(learner(s)) as never,
      'next-timestamp-laws': (s) => clockLaw(learner(s)) as never,
    },
    examples: {
      'lww-laws': FIXED_VERSIONS.map((e) => [e]),
      'merge-profiles-laws': FIXED_PROFILES.map((e) => [e]),
      'next-timestamp-laws': FIXED_CLOCKS.map((e) => [e]),
    },
    freshModuleLaws: { 'lww-laws': lwwInFreshModules },
    numRuns: NUM_RUNS,
    hiddenTier: true,
    inputsNoun: 'examples',
    session: (check) => ({ memo: true, seedTag: (_fn, n) => `${check}:${n}` }),
    acceptableSets: CONFLICT_ANSWER_SETS,
    explain: (id, broken) => frozen('lww-laws')(id, broken) ?? frozen('merge-profiles-laws')(id, broken),
  });

export const conflictLawChecks: CheckGroup = group(CHECKS);
/** `nextTimestamp` is optional: a file without it skips this check instead of failing it. */
export const nextTimestampLawChecks: CheckGroup = optionalExport(group([OPTIONAL]), 'nextTimestamp');
