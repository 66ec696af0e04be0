/**
 * `defineExercise`: an exercise is declared once (id, chapter section, title, exports, hints,
 * constants, groups, schedules, seed) and every path is derived from the id and the section, as
 * rustlings derives an exercise's path from its `dir` and `name`:
 *
 *   exercises/06-replication/<section>-<id>/{<id>.ts, README.md}
 *   solutions/06-replication/<section>-<id>/<id>.ts
 *   chapters/06-replication/<NN>-<slug>.md, the page of the section's chapter number
 *
 * Order is not derived from anything: it is the manifest's list alone.
 */
import { CHAPTER, guidePageOf } from './chapter-guide.ts';
import { MIN_ANSWER_BUDGET_BYTES, type ExerciseEntry } from './exercise-entry.ts';
import { hintsProblem } from './hints.ts';

/** What an exercise's entry.ts declares; `defineExercise` adds the paths. */
export interface ExerciseDefinition extends Omit<ExerciseEntry, 'chapter' | 'folder' | 'file' | 'solution' | 'readme' | 'section' | 'formerFiles' | 'formerNumber'> {
  /** The chapter section that teaches it (`2.3`): the first part of its folder name, and its guide page. */
  readonly section: string;
  /** The heading the entry links in that page: the section's own, or one under it. */
  readonly heading: string;
  /**
   * Only for exercises that existed before folders were named `<section>-<id>`: their old folder
   * number (`03`). A learner's file left at the old path is moved, and `workbook check 03` still works.
   */
  readonly formerNumber?: string;
}

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SECTION = /^\d+\.\d+$/;

/** The manifest entry of `definition`, with every path derived. Throws on an id or section that cannot name a folder. */
export function defineExercise(definition: ExerciseDefinition): ExerciseEntry {
  const { section, heading, formerNumber, ...rest } = definition;
  const misuse = (option: string, problem: string): Error => Object.assign(new Error(`defineExercise(${JSON.stringify(definition.id)}): ${option} ${problem}`), { code: 'ERR_INVALID_OPTION' });
  if (!ID.test(definition.id)) throw misuse('id', 'must be lowercase words joined by "-" (it names the files)');
  if (!SECTION.test(section)) throw misuse('section', `must be a section number such as "2.3", not ${JSON.stringify(section)}`);
  const page = guidePageOf(section);
  if (page === undefined) throw misuse('section', `${section} has no page in the chapter guide`);
  if (formerNumber !== undefined && !/^\d\d$/.test(formerNumber)) throw misuse('formerNumber', 'must be two digits such as "03"');
  const hintProblem = hintsProblem(definition.hints, definition.groups.flatMap((g) => g.checks.map((c) => c.id)));
  if (hintProblem !== undefined) throw misuse('hints', hintProblem);
  for (const [name, bytes] of Object.entries(definition.answerBudgets ?? {})) {
    if (!definition.exports.includes(name)) throw misuse(`answerBudgets.${name}`, 'names no export of this exercise');
    if (!Number.isSafeInteger(bytes) || bytes < MIN_ANSWER_BUDGET_BYTES) throw misuse(`answerBudgets.${name}`, `must be a whole number of bytes, at least ${MIN_ANSWER_BUDGET_BYTES}`);
  }
  for (const name of Object.keys(definition.actedUpon ?? {})) {
    if (!definition.exports.includes(name)) throw misuse(`actedUpon.${name}`, 'names no export of this exercise');
  }
  const folder = `${section}-${definition.id}`;
  return {
    ...rest,
    chapter: CHAPTER,
    folder,
    file: `exercises/${CHAPTER}/${folder}/${definition.id}.ts`,
    solution: `solutions/${CHAPTER}/${folder}/${definition.id}.ts`,
    readme: `exercises/${CHAPTER}/${folder}/README.md`,
    section: { number: section, file: page, heading },
    formerFiles: formerNumber === undefined ? [] : [`exercises/${CHAPTER}/${formerNumber}-${definition.id}/${definition.id}.ts`],
    ...(formerNumber !== undefined ? { formerNumber } : {}),
  };
}
