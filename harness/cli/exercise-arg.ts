/**
 * Resolves the exercise a learner named, forgivingly: by id (`failover-coordinator`), a unique id
 * prefix (`fail`), its folder name, a unique chapter section (`2.3`, or `2` when the chapter has one
 * exercise), or the folder number it had before folders were named by section (`03`, with a note
 * that the name changed). An ambiguous name lists its candidates; an unknown one suggests the nearest.
 */
import { EXERCISES, type ExerciseEntry } from '../curriculum/index.ts';
import { UsageError } from './io.ts';
import { nearestName } from './nearest-name.ts';

/** Every exercise as the list shows it: `2.3 failover-coordinator`, in manifest order. */
function known(exercises: readonly ExerciseEntry[] = EXERCISES): string {
  return exercises.map((e) => `${e.section.number} ${e.id}`).join(', ');
}

/**
 * The exercise `name` names. `note` receives a one-line remark when the name is an old one (the
 * caller prints it where it does not mix with machine output, e.g. stderr).
 */
export function resolveExercise(name: string | undefined, note: (line: string) => void = () => {}): ExerciseEntry {
  if (name === undefined) throw new UsageError(`name an exercise: ${known()}`);
  const byName = EXERCISES.find((e) => e.id === name || e.folder === name);
  if (byName !== undefined) return byName;
  const former = EXERCISES.find((e) => e.formerNumber !== undefined && (name === e.formerNumber || name === `${e.formerNumber}-${e.id}`));
  if (former !== undefined) {
    note(`note: exercise ${former.formerNumber} is now ${former.section.number} ${former.id} (folders are named by chapter section: ${former.folder}); "${former.id}" or "${former.section.number}" names it from now on.`);
    return former;
  }
  if (/^\d+(?:\.\d+)?$/.test(name)) {
    const inSection = EXERCISES.filter((e) => e.section.number === name || e.section.number.startsWith(`${name}.`));
    if (inSection.length === 1) return inSection[0]!;
    if (inSection.length > 1) throw new UsageError(`section ${name} has ${inSection.length} exercises; name one: ${known(inSection)}`);
    throw new UsageError(`no exercise practises section ${name}. Exercises: ${known()}`);
  }
  const prefixed = EXERCISES.filter((e) => e.id.startsWith(name));
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1) throw new UsageError(`"${name}" could be ${prefixed.map((e) => e.id).join(' or ')}; name one of them`);
  const near = nearestName(name, EXERCISES.map((e) => e.id));
  throw new UsageError(`there is no exercise "${name}"${near !== undefined ? `; did you mean "${near}"?` : '.'} Exercises: ${known()}`);
}
