/**
 * defineExercise derives every path from the id and the section, and refuses, naming the option, an
 * id or section that cannot name a folder or a guide page.
 */
import { describe, expect, it } from 'vitest';
import { defineExercise, type ExerciseDefinition } from '../../harness/curriculum/define-exercise.ts';
import { EXERCISES } from '../../harness/curriculum/index.ts';

const base: ExerciseDefinition = {
  id: 'read-your-writes',
  section: '3.1',
  heading: '3.1 Read-after-write consistency',
  title: 'Read your own writes',
  exports: ['route'],
  hints: { ladders: {}, byCheck: {} },
  constants: {},
  groups: [],
  schedules: 1,
  seed: 1,
};

describe('defineExercise', () => {
  it('derives the folder, the files and the guide page from the id and the section', () => {
    const e = defineExercise(base);
    expect({ folder: e.folder, file: e.file, solution: e.solution, readme: e.readme, section: e.section, formerFiles: e.formerFiles }).toEqual({
      folder: '3.1-read-your-writes',
      file: 'exercises/06-replication/3.1-read-your-writes/read-your-writes.ts',
      solution: 'solutions/06-replication/3.1-read-your-writes/read-your-writes.ts',
      readme: 'exercises/06-replication/3.1-read-your-writes/README.md',
      section: { number: '3.1', file: 'chapters/06-replication/03-replication-lag.md', heading: '3.1 Read-after-write consistency' },
      formerFiles: [],
    });
  });

  it('gives every manifest exercise its <section>-<id> folder', () => {
    expect(EXERCISES.map((e) => e.folder)).toEqual(['2.1-replication-ack', '2.2-follower-bootstrap', '2.3-failover-coordinator', '2.4-replication-log', '3.1-read-your-writes', '3.2-monotonic-reads', '3.3-consistent-prefix', '4.2-topology-routing', '4.3-conflict-resolution', '5.2-quorum-reader', '5.1-sloppy-quorum', '6.2-vector-clock', '5.3-concurrent-writes', '6.1-crdt-counters', '6.1-or-set', '6.1-operational-transform']);
  });

  it('keeps the answer budgets an entry declares, for check and grade alike', () => {
    expect(defineExercise({ ...base, answerBudgets: { route: 200_000 } }).answerBudgets).toEqual({ route: 200_000 });
  });

  it.each([
    [{ id: 'Read_Your_Writes' }, /defineExercise\("Read_Your_Writes"\): id must be lowercase words/],
    [{ section: '3' }, /section must be a section number such as "2.3", not "3"/],
    [{ section: '9.1' }, /section 9.1 has no page in the chapter guide/],
    [{ formerNumber: '3' }, /formerNumber must be two digits/],
    [{ answerBudgets: { read: 100_000 } }, /answerBudgets\.read names no export of this exercise/],
    [{ answerBudgets: { route: 1_000 } }, /answerBudgets\.route must be a whole number of bytes, at least 65536/],
  ] as const)('refuses %o', (change, message) => {
    expect(() => defineExercise({ ...base, ...change })).toThrow(message);
  });
});
