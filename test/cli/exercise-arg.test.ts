/**
 * How a learner may name an exercise: id, unique prefix, folder, unique section, or the number it had
 * before the folders were renamed; ambiguous and unknown names are usage errors that say what to type.
 */
import { describe, expect, it } from 'vitest';
import { resolveExercise } from '../../harness/cli/exercise-arg.ts';
import { UsageError } from '../../harness/cli/io.ts';
import { editDistance, nearestName } from '../../harness/cli/nearest-name.ts';
import { EXERCISES } from '../../harness/curriculum/index.ts';

function resolved(name: string): { id: string; notes: string[] } {
  const notes: string[] = [];
  const e = resolveExercise(name, (line) => notes.push(line));
  return { id: e.id, notes };
}

function usageError(name: string | undefined): string {
  try {
    resolveExercise(name);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`"${name}" resolved`);
}

describe('resolveExercise', () => {
  it.each(EXERCISES.map((e) => [e.id, e]))('%s: by id, folder and section (when it is the only one), silently', (_, e) => {
    const alone = EXERCISES.filter((x) => x.section.number === e.section.number).length === 1;
    for (const name of [e.id, e.folder, ...(alone ? [e.section.number] : [])]) expect(resolved(name)).toEqual({ id: e.id, notes: [] });
  });

  it('takes a unique id prefix, and a chapter number when that chapter has one exercise', () => {
    expect(resolved('fail').id).toBe('failover-coordinator');
    expect(resolved('quorum').id).toBe('quorum-reader');
    expect(resolved('6.2').id).toBe('vector-clock');
  });

  it.each(EXERCISES.filter((e) => e.formerNumber !== undefined).map((e) => [e.formerNumber!, e]))('%s: the number from before the rename, with a one-line note', (number, e) => {
    const { id, notes } = resolved(number);
    expect(id).toBe(e.id);
    expect(notes).toEqual([expect.stringContaining(`exercise ${number} is now ${e.section.number} ${e.id}`)]);
    expect(notes[0]).not.toContain('\n');
  });

  it('lists the candidates of an ambiguous section, in manifest order', () => {
    expect(usageError('5')).toBe('section 5 has 3 exercises; name one: 5.2 quorum-reader, 5.1 sloppy-quorum, 5.3 concurrent-writes');
    expect(usageError('6.1')).toMatch(/^section 6\.1 has \d exercises; name one: 6\.1 crdt-counters, 6\.1 or-set/);
  });

  it('suggests the nearest exercise for a typo, and lists every exercise', () => {
    expect(usageError('failovr')).toMatch(/^there is no exercise "failovr"; did you mean "failover-coordinator"\? Exercises: 2\.1 replication-ack, 2\.2 follower-bootstrap, 2\.3 failover-coordinator, 2\.4 replication-log, 3\.1 read-your-writes, /);
    expect(usageError('failovr')).toContain(', 4.2 topology-routing, 4.3 conflict-resolution, 5.2 quorum-reader');
    expect(usageError('vektor-clock')).toContain('did you mean "vector-clock"?');
    expect(usageError('zebra')).toMatch(/^there is no exercise "zebra"\. Exercises: /);
    expect(usageError('7')).toContain('no exercise practises section 7');
    expect(usageError(undefined)).toContain('name an exercise: 2.1 replication-ack, 2.2 follower-bootstrap, 2.3 failover-coordinator');
  });
});

describe('nearestName', () => {
  it('counts a swap of neighbours as one edit, and keeps suggestions to typos', () => {
    expect(editDistance('chekc', 'check')).toBe(1);
    expect(editDistance('', 'list')).toBe(4);
    expect(nearestName('chek', ['list', 'check', 'hint'])).toBe('check');
    expect(nearestName('x', ['list', 'check'])).toBeUndefined();
    expect(nearestName('report', ['reset', 'read'])).toBeUndefined();
  });
});
