/**
 * Versions and profiles as the harness compares them (conflict-resolution, DDIA 4.3): a version is
 * identified by (write, leader, timestamp), so a write accepted twice is two versions, not one; two
 * profiles are equal when every field holds the same version and the interest sets are equal, in
 * any order. Shape problems are worded for the learner ("interests came back as a Set").
 */
import type { Profile, Stamped } from '../../exercise/index.ts';

/** A version's identity: (write, leader, timestamp). */
export const versionKey = (s: Stamped<unknown>): string => `${s.write}|${s.leader}|${s.timestamp}`;

/** Equal as a value: same identity and the same value (an equal copy of a version counts as it). */
export const sameVersion = (a: Stamped<unknown>, b: Stamped<unknown>): boolean => versionKey(a) === versionKey(b) && a.value === b.value;

/** Why `x` is not a `Stamped<string>`, or null. */
export function stampedProblem(x: unknown): string | null {
  if (typeof x !== 'object' || x === null) return `${JSON.stringify(x) ?? String(x)}, not a Stamped version: return one of your two arguments`;
  const s = x as Record<string, unknown>;
  if (typeof s.timestamp !== 'number' || typeof s.leader !== 'string' || typeof s.write !== 'string' || !('value' in s)) return `${JSON.stringify(x)}, not a Stamped version ({ value, timestamp, leader, write }): return one of your two arguments`;
  return null;
}

/** Why `x` is not a `Profile`, or null. */
export function profileProblem(x: unknown): string | null {
  if (typeof x !== 'object' || x === null) return `${JSON.stringify(x) ?? String(x)}, not a Profile ({ fields, interests })`;
  const p = x as { fields?: unknown; interests?: unknown };
  if (p.interests instanceof Set) return 'a profile whose interests came back as a Set: return an array';
  if (!Array.isArray(p.interests) || !p.interests.every((i) => typeof i === 'string')) return `a profile whose interests are ${JSON.stringify(p.interests) ?? String(p.interests)}: interests is an array of strings`;
  if (typeof p.fields !== 'object' || p.fields === null || Array.isArray(p.fields)) return `a profile whose fields are ${JSON.stringify(p.fields) ?? String(p.fields)}: fields is an object of Stamped versions`;
  for (const [f, v] of Object.entries(p.fields)) {
    if (v === undefined) return `a profile whose field ${f} is undefined: leave a field out rather than set it to undefined`;
    const problem = stampedProblem(v);
    if (problem !== null) return `a profile whose field ${f} is ${problem.replace(/: return one of your two arguments$/, '')}`;
  }
  return null;
}

/** The interest set of a profile. */
export const interestSet = (p: Profile): ReadonlySet<string> => new Set(p.interests);

/** Equal by harness comparison: the same version per field, the same interest set. */
export function sameProfile(a: Profile, b: Profile): boolean {
  const fa = Object.keys(a.fields);
  if (fa.length !== Object.keys(b.fields).length) return false;
  for (const f of fa) {
    const [x, y] = [a.fields[f], b.fields[f]];
    if (x === undefined || y === undefined || !sameVersion(x, y)) return false;
  }
  const [ia, ib] = [interestSet(a), interestSet(b)];
  return ia.size === ib.size && [...ia].every((i) => ib.has(i));
}

/** The reference timestamp generator: a Lamport clock that never falls behind the physical clock. */
export const referenceNextTimestamp = (clock: number, highestSeen: number): number => Math.max(clock, highestSeen + 1);
