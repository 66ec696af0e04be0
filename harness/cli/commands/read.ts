/**
 * `workbook read [section]`: the chapter guide in the terminal. Without a section, the guide's
 * contents; with one (`2`, `2.3`, `single-leader`, or an exercise id), that page or subsection,
 * followed by the exercises that practise it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXERCISES, type ExerciseEntry } from '../../curriculum/index.ts';
import { renderMarkdownTerminal } from '../../render/index.ts';
import type { CommandSpec } from '../command.ts';
import { styleFor, UsageError, type CliIo } from '../io.ts';
import { pageOut } from '../pager.ts';
import { READ } from '../text.ts';

export const CHAPTER_DIR = 'chapters/06-replication';

/** A part of the guide: a whole page, or one numbered subsection of it. */
export interface GuideSection {
  /** The page, relative to the workbook root. */
  readonly file: string;
  /** The subsection heading (e.g. "2.3 Handling node failures"), or undefined for the whole page. */
  readonly heading?: string;
  readonly markdown: string;
}

/** The guide's pages in order (README.md first). */
export function guidePages(root: string): string[] {
  const names = readdirSync(join(root, CHAPTER_DIR)).filter((f) => f.endsWith('.md'));
  return [...names.filter((f) => f === 'README.md'), ...names.filter((f) => f !== 'README.md').sort()].map((f) => `${CHAPTER_DIR}/${f}`);
}

/** Finds the section a learner named, forgivingly; undefined names the guide's contents. */
export function findSection(root: string, name: string | undefined): GuideSection {
  const pages = guidePages(root);
  const read = (file: string): string => readFileSync(join(root, file), 'utf8');
  if (name === undefined) return { file: pages[0]!, markdown: read(pages[0]!) };
  const exercise = EXERCISES.find((e) => e.id === name);
  if (exercise !== undefined) return subsection(exercise.section.file, exercise.section.heading, read(exercise.section.file)) ?? { file: exercise.section.file, markdown: read(exercise.section.file) };
  const numbered = /^(\d+)(?:\.(\d+))?$/.exec(name);
  if (numbered !== null) {
    const page = pages.find((p) => p.split('/').pop()!.startsWith(`${numbered[1]!.padStart(2, '0')}-`));
    if (page !== undefined) {
      if (numbered[2] === undefined) return { file: page, markdown: read(page) };
      const sub = subsection(page, `${Number(numbered[1])}.${numbered[2]}`, read(page));
      if (sub !== undefined) return sub;
    }
  }
  const bySlug = pages.filter((p) => p.toLowerCase().includes(name.toLowerCase()));
  if (bySlug.length === 1) return { file: bySlug[0]!, markdown: read(bySlug[0]!) };
  const known = pages.map((p) => p.split('/').pop()!.replace(/\.md$/, '')).join(', ');
  throw new UsageError(READ.unknown(name, `${known} (or a number such as 2 or 2.3)`));
}

/** The part of `markdown` under the heading that starts with `heading`, up to the next heading as high or higher. */
function subsection(file: string, heading: string, markdown: string): GuideSection | undefined {
  const lines = markdown.split('\n');
  let inFence = false;
  let start = -1;
  let level = 0;
  for (const [i, line] of lines.entries()) {
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) continue;
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h === null) continue;
    if (start === -1) {
      if (h[2]!.startsWith(heading)) {
        start = i;
        level = h[1]!.length;
      }
    } else if (h[1]!.length <= level) return { file, heading: lines[start]!.replace(/^#+\s+/, ''), markdown: lines.slice(start, i).join('\n') };
  }
  return start === -1 ? undefined : { file, heading: lines[start]!.replace(/^#+\s+/, ''), markdown: lines.slice(start).join('\n') };
}

/** The exercises that practise `section`: those whose manifest section is this page (or subsection). */
export function sectionExercises(section: GuideSection): ExerciseEntry[] {
  return EXERCISES.filter((e) => e.section.file === section.file && (section.heading === undefined || section.heading.startsWith(e.section.heading) || e.section.heading.startsWith(section.heading)));
}

/** Prints the guide's section `name` (its contents without one), through the pager on a terminal. */
export function readCommand(name: string | undefined, io: CliIo): number {
  const section = findSection(io.root, name);
  const style = styleFor(io);
  const width = Math.max(60, Math.min(100, Number(io.env.COLUMNS) || io.columns || 96));
  const out: string[] = [style.dim(`${section.file}${section.heading ? ` — ${section.heading}` : ''}\n\n`), renderMarkdownTerminal(section.markdown, { style, width }), '\n'];
  if (name === undefined) {
    out.push(`${style.bold(READ.sections)}\n`);
    for (const p of guidePages(io.root).slice(1)) {
      const title = readFileSync(join(io.root, p), 'utf8').split('\n')[0]!.replace(/^#+\s*/, '');
      out.push(`  ${title.padEnd(44)} ${style.dim(p)}\n`);
    }
  } else {
    const exercises = sectionExercises(section);
    out.push(`${style.bold(READ.exercisesHeader)}\n`);
    if (exercises.length === 0) out.push(`  ${READ.noExercises}\n`);
    for (const e of exercises) out.push(`${READ.exerciseLine(e.id, e.title, e.file)}\n`);
  }
  pageOut(io, out.join(''));
  return 0;
}

/** Prints an exercise's README (the contract and the scenario), through the pager on a terminal. */
export function readmeCommand(exercise: ExerciseEntry, io: CliIo): void {
  const style = styleFor(io);
  const width = Math.max(60, Math.min(100, Number(io.env.COLUMNS) || io.columns || 96));
  pageOut(io, `${style.dim(`${exercise.readme}\n\n`)}${renderMarkdownTerminal(readFileSync(join(io.root, exercise.readme), 'utf8'), { style, width })}\n`);
}

export const readSpec: CommandSpec = {
  name: 'read',
  usage: ['workbook read [section]        the chapter guide in the terminal (e.g. read 2.3, read single-leader)'],
  options: {},
  run: ({ positionals }, io) => readCommand(positionals[0], io),
};
