/**
 * Versions and profiles in words, for messages and lessons: "c1-4 email@10 040 n1".
 */
import type { Profile, Stamped } from '../../exercise/index.ts';

/** A timestamp as the messages print it: 10 040, 9 999, 3. */
export const showStamp = (n: number): string => (Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : String(n));

/** "c1-4 email@10 040 n1": the field is the part of the value before the first ':'. */
export function showVersion(s: Stamped<unknown>): string {
  const field = typeof s.value === 'string' ? s.value.split(':')[0] : JSON.stringify(s.value);
  return `${s.write} ${field}@${showStamp(s.timestamp)} ${s.leader}`;
}

/** A profile on one line: "{email: c1-4 email@10 040 n1, phone: …; interests [chess-c1-1]}". */
export function showProfile(p: Profile): string {
  const fields = Object.keys(p.fields)
    .sort()
    .map((f) => `${f}: ${showVersion(p.fields[f]!)}`);
  return `{${fields.join(', ')}${fields.length > 0 ? '; ' : ''}interests [${p.interests.join(', ')}]}`;
}

