/**
 * `workbook grade <submissions-dir>`: a whole class graded, then every output written atomically:
 * the gradebook (CSV, JSON), JUnit, an LMS CSV with a roster, and per student the feedback and a run
 * log. What was skipped on the way (files that are no submission, archive entries, roster
 * mismatches) is said by name on stderr.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { HARNESS_VERSION } from '../../curriculum/index.ts';
import {
  applyLatePolicy,
  childIsolation,
  configHash,
  discoverSubmissions,
  gradeRun,
  loadRoster,
  loadSubmissionTimes,
  matchRoster,
  RosterError,
  writeFileAtomic,
  type GradeConfig,
  type GradeProgress,
  type GradeRunResult,
  type RosterMatch,
  type StudentGrade,
} from '../../grading/index.ts';
import {
  renderClassSummary,
  renderFeedbackHtml,
  renderFeedbackMarkdown,
  renderGradebookCsv,
  renderGradebookJson,
  renderJunit,
  renderLmsCsv,
  renderRegradeDiff,
  renderRunLog,
  type PreviousGrades,
  type ClassSummaryInput,
  type RunLogInfo,
} from '../../render/index.ts';
import { UsageError, type CliIo } from '../io.ts';
import { versionHashes } from './grade-platforms.ts';
import { renderSimilarityCsv, similarityPass, writeMossExport } from './grade-similarity.ts';

export interface GradeClassOptions {
  readonly dir: string;
  readonly out: string;
  readonly config: GradeConfig;
  readonly jobs: number;
  readonly force: boolean;
  readonly roster?: string;
  /** What `force` regrades: students by id or name, exercises by id (everything else from the cache). */
  readonly students?: readonly string[];
  readonly exercises?: readonly string[];
  /** `--times`: when each student submitted, for the configuration's late policy. */
  readonly times?: string;
  /** `--no-dedupe`: grade every copy of an identical submission on its own. */
  readonly noDedupe?: boolean;
  /** Pairs at least this similar (0–1) are listed in summary.html and similarity.csv. */
  readonly similarity: number;
  /** `--export-for-moss <dir>`: where to lay the class out for MOSS. */
  readonly mossDir?: string;
}

export async function gradeClass(options: GradeClassOptions, runLogInfo: (config: GradeConfig, jobs?: number) => RunLogInfo, io: CliIo): Promise<number> {
  const { dir, out, config, jobs } = options;
  // Outputs inside the submissions would be graded next time as a student (and could overwrite one).
  if (isInside(dir, out)) throw new UsageError(`--out ${out} is inside the submissions folder ${dir}: write the grades elsewhere`);
  if (options.mossDir !== undefined && isInside(dir, options.mossDir)) throw new UsageError(`--export-for-moss ${options.mossDir} is inside the submissions folder ${dir}: export elsewhere`);
  const skipped: string[] = [];
  const submissions = discoverSubmissions(dir, skipped);
  for (const s of skipped) io.err(`workbook grade: ${s}\n`);
  let roster: RosterMatch | undefined;
  if (options.roster !== undefined) {
    try {
      roster = matchRoster(loadRoster(options.roster), submissions);
    } catch (error) {
      if (error instanceof RosterError) throw new UsageError(error.message);
      throw error;
    }
    for (const w of roster.warnings) io.err(`workbook grade: roster: ${w}\n`);
  }
  if (submissions.length === 0 && roster === undefined) throw new UsageError(`${dir} holds no submissions (subfolders, .zip, .tar.gz or .tgz files)`);
  for (const name of options.students ?? []) {
    if (!submissions.some((s) => s.student === name || s.name === name)) throw new UsageError(`--student ${name}: no submission of that id or name in ${dir}`);
  }
  for (const id of options.exercises ?? []) if (!config.exercises.includes(id)) throw new UsageError(`--exercise ${id}: not an exercise this configuration grades (${config.exercises.join(', ')})`);
  const scope = { ...(options.students !== undefined ? { students: options.students } : {}), ...(options.exercises !== undefined ? { exercises: options.exercises } : {}) };
  const previous = readPrevious(join(out, 'gradebook.json'));
  if (!config.secretSeeds) io.err('workbook grade: no --config given: the hidden tier uses the built-in seed, which is not secret\n');
  for (const gap of childIsolation().missing) io.err(`workbook grade: learner isolation is incomplete on this machine: ${gap}\n`);
  const run = await gradeRun({ submissions, config, jobs, cacheDir: join(out, '.cache'), force: options.force, scope, dedupe: options.noDedupe !== true, onProgress: progressBar(io) });
  for (const s of run.students) for (const w of s.intakeWarnings ?? []) io.err(`workbook grade: ${s.name ?? s.student}: ${w}\n`);
  const times = readTimes(options, config, io);
  const students = run.students.map((s): StudentGrade => {
    const row = roster?.bySubmission.get(s.student);
    const named = row !== undefined ? { ...s, lmsId: row.lmsId } : s;
    const at = times?.get(named.student) ?? (named.name !== undefined ? times?.get(named.name) : undefined) ?? (named.lmsId !== undefined ? times?.get(named.lmsId) : undefined);
    if (times !== undefined && at === undefined) io.err(`workbook grade: no submission time for ${named.name ?? named.student} in ${options.times}: no late penalty\n`);
    return config.late !== undefined && at !== undefined ? applyLatePolicy(named, config.late, at) : named;
  });
  const similar = similarityPass(run, config.exercises, options.similarity);
  writeOutputs(out, { ...run, students }, config, roster, runLogInfo(config, jobs), { threshold: options.similarity, exercises: similar });
  writeFileAtomic(join(out, 'similarity.csv'), renderSimilarityCsv(similar));
  if (options.mossDir !== undefined) writeMossExport(options.mossDir, run, config.exercises);
  if (previous !== undefined) writeFileAtomic(join(out, 'regrade-diff.csv'), renderRegradeDiff(previous, students));
  const missing = roster !== undefined && roster.missing.length > 0 ? `, ${roster.missing.length} on the roster without a submission` : '';
  const summary = `${run.students.length} students${missing}, ${run.graded + run.cached + run.copied} pairs: ${run.graded} graded, ${run.cached} from the cache${run.copied > 0 ? `, ${run.copied} copied from an identical submission` : ''}${run.internalErrors > 0 ? `, ${run.internalErrors} internal errors (run again to retry them)` : ''}; ${(run.wallMs / 1000).toFixed(1)} s\n`;
  io.err(`${io.isTty ? '\n' : ''}${summary}`);
  io.out(`wrote ${join(out, 'gradebook.csv')}, gradebook.json, junit.xml${roster !== undefined ? ', lms.csv' : ''}${previous !== undefined ? ', regrade-diff.csv' : ''}, summary.html, similarity.csv, students/*/feedback.{md,html}, runs/*.log${options.mossDir !== undefined ? `; the MOSS layout in ${options.mossDir}` : ''}\n`);
  return run.internalErrors > 0 ? 1 : 0;
}

/** Every output, each written atomically: the gradebook, JUnit, and per student feedback and a run log. */
function writeOutputs(out: string, run: GradeRunResult, config: GradeConfig, roster: RosterMatch | undefined, info: RunLogInfo, similar: ClassSummaryInput['similar']): void {
  const missing = roster?.missing ?? [];
  writeFileAtomic(join(out, 'gradebook.csv'), renderGradebookCsv(run.students, config.exercises, roster !== undefined ? { roster: { missing } } : {}));
  writeFileAtomic(
    join(out, 'gradebook.json'),
    renderGradebookJson(run.students, { harnessVersion: HARNESS_VERSION, ...versionHashes(config), nodeVersion: process.version, configHash: configHash(config), exercises: config.exercises, ...(roster !== undefined ? { missing } : {}) }),
  );
  writeFileAtomic(join(out, 'junit.xml'), renderJunit(run.students));
  if (roster !== undefined) writeFileAtomic(join(out, 'lms.csv'), renderLmsCsv(run.students, missing));
  writeFileAtomic(join(out, 'summary.html'), renderClassSummary({ students: run.students, exercises: config.exercises, ...(roster !== undefined ? { missing } : {}), similar }));
  for (const s of run.students) {
    writeFileAtomic(join(out, 'students', s.student, 'feedback.md'), renderFeedbackMarkdown(s));
    writeFileAtomic(join(out, 'students', s.student, 'feedback.html'), renderFeedbackHtml(s));
    writeFileAtomic(join(out, 'runs', `${s.student}.log`), renderRunLog(s, run.usage, info));
  }
}

function readTimes(options: GradeClassOptions, config: GradeConfig, io: CliIo): ReadonlyMap<string, string> | undefined {
  if (options.times === undefined) {
    if (config.late !== undefined) io.err('workbook grade: the configuration has a late policy but no --times file says when students submitted: no penalties\n');
    return undefined;
  }
  try {
    return loadSubmissionTimes(options.times);
  } catch (error) {
    if (error instanceof RosterError) throw new UsageError(error.message);
    throw error;
  }
}

function isInside(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
}

/** The gradebook this run replaces, if there is one (the base of regrade-diff.csv). */
function readPrevious(file: string): PreviousGrades | undefined {
  try {
    const book = JSON.parse(readFileSync(file, 'utf8')) as { students?: PreviousGrades };
    return Array.isArray(book.students) ? book.students : undefined;
  } catch {
    return undefined;
  }
}

/** A one-line bar on a terminal; a line per finished pair otherwise. */
function progressBar(io: CliIo): (p: GradeProgress) => void {
  return (p) => {
    if (p.last === undefined) return;
    if (io.isTty) {
      const width = 30;
      const filled = Math.round((p.done / Math.max(1, p.total)) * width);
      io.err(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} pairs (${p.cached} from the cache)   `);
    } else {
      io.err(`[${p.done}/${p.total}] ${p.last.student} / ${p.last.exercise}: ${p.last.score}/${p.last.maxScore}\n`);
    }
  };
}
