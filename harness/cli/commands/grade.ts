/**
 * `workbook grade <submissions-dir> [--out <dir>] [--jobs N] [--force] [--config <file>]`
 * `workbook grade --gradescope [--root /autograder] [--config <file>]`
 * `workbook grade --github-classroom [--submission <dir>] [--config <file>]`
 *
 * Instructor grading: every (submission, exercise) pair graded in a locked-down child process, in
 * parallel, resumable from a cache; then the gradebook, per-student feedback, run logs and JUnit,
 * each written atomically. `--worker` (internal) serves pair jobs to a running `workbook grade`.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { EXERCISES, HARNESS_VERSION } from '../../curriculum/index.ts';
import {
  childExecArgv,
  childIsolation,
  configHash,
  describeIsolation,
  ConfigError,
  DEFAULT_CHILD_LIMITS,
  defaultGradeConfig,
  discoverSubmissions,
  gradeRun,
  loadGradeConfig,
  packageRoot,
  runGraderWorker,
  writeFileAtomic,
  type GradeConfig,
  type GradeProgress,
  type GradeRunResult,
} from '../../grading/index.ts';
import {
  renderFeedbackHtml,
  renderFeedbackMarkdown,
  renderGradebookCsv,
  renderGradebookJson,
  renderJunit,
  renderRunLog,
  type RunLogInfo,
} from '../../render/index.ts';
import type { CommandSpec } from '../command.ts';
import { UsageError, type CliIo } from '../io.ts';
import { githubClassroom, gradescope, versionHashes } from './grade-platforms.ts';

export const gradeSpec: CommandSpec = {
  name: 'grade',
  learnerWorkbook: false,
  usage: [
    'workbook grade <submissions-dir>  grade a class: each subfolder or .zip is one student',
    '    --out <dir>                where to write the gradebook and feedback (default: ./grades)',
    '    --jobs <n>                 pairs graded at once (default: the number of cores)',
    '    --force                    grade every pair again instead of resuming from the cache',
    '    --config <file>            the instructor configuration: hidden tiers, seeds, limits',
    '    --gradescope [--root <d>]  grade <d>/submission, write <d>/results/results.json (default /autograder)',
    '    --github-classroom         grade this repository; the result goes to $GITHUB_OUTPUT',
  ],
  options: {
    out: { type: 'string' },
    jobs: { type: 'string' },
    force: { type: 'boolean', default: false },
    config: { type: 'string' },
    gradescope: { type: 'boolean', default: false },
    root: { type: 'string' },
    'github-classroom': { type: 'boolean', default: false },
    submission: { type: 'string' },
    worker: { type: 'boolean', default: false },
  },
  async run({ positionals, values }, io) {
    if (values.worker === true) return runGraderWorker();
    if (values.gradescope === true) {
      const root = typeof values.root === 'string' ? values.root : '/autograder';
      const fallback = join(root, 'source', 'grading.json');
      const file = (values.config as string | undefined) ?? (existsSync(fallback) ? fallback : undefined);
      return gradescope(root, () => readConfig(file), (config) => runLogInfo(config), io);
    }
    const config = readConfig(values.config as string | undefined);
    if (values['github-classroom'] === true) return githubClassroom(resolve(typeof values.submission === 'string' ? values.submission : io.root), config, io);
    const dir = positionals[0];
    if (dir === undefined) throw new UsageError('name the folder of submissions: workbook grade <submissions-dir>');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`no such folder: ${dir}`);
    const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs takes a whole number above 0');
    const out = resolve(typeof values.out === 'string' ? values.out : 'grades');
    return gradeClass(resolve(dir), out, config, jobs, values.force === true, io);
  },
};

function readConfig(file: string | undefined): GradeConfig {
  if (file === undefined) return defaultGradeConfig();
  try {
    return loadGradeConfig(resolve(file));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

async function gradeClass(dir: string, out: string, config: GradeConfig, jobs: number, force: boolean, io: CliIo): Promise<number> {
  const submissions = discoverSubmissions(dir);
  if (submissions.length === 0) throw new UsageError(`${dir} holds no submissions (subfolders or .zip files)`);
  if (!config.secretSeeds) io.err('workbook grade: no --config given: the hidden tier uses the built-in seed, which is not secret\n');
  for (const gap of childIsolation().missing) io.err(`workbook grade: learner isolation is incomplete on this machine: ${gap}\n`);
  const bar = progressBar(io);
  const run = await gradeRun({ submissions, config, jobs, cacheDir: join(out, '.cache'), force, onProgress: bar });
  writeOutputs(out, run, config, jobs);
  const summary = `${run.students.length} students, ${run.graded + run.cached} pairs: ${run.graded} graded, ${run.cached} from the cache${run.internalErrors > 0 ? `, ${run.internalErrors} internal errors (run again to retry them)` : ''}; ${(run.wallMs / 1000).toFixed(1)} s\n`;
  io.err(`${io.isTty ? '\n' : ''}${summary}`);
  io.out(`wrote ${join(out, 'gradebook.csv')}, gradebook.json, junit.xml, students/*/feedback.{md,html}, runs/*.log\n`);
  return run.internalErrors > 0 ? 1 : 0;
}

/** Every output, each written atomically: the gradebook, JUnit, and per student feedback and a run log. */
function writeOutputs(out: string, run: GradeRunResult, config: GradeConfig, jobs: number): void {
  const hash = configHash(config);
  writeFileAtomic(join(out, 'gradebook.csv'), renderGradebookCsv(run.students, config.exercises));
  writeFileAtomic(join(out, 'gradebook.json'), renderGradebookJson(run.students, { harnessVersion: HARNESS_VERSION, ...versionHashes(config), nodeVersion: process.version, configHash: hash, exercises: config.exercises }));
  writeFileAtomic(join(out, 'junit.xml'), renderJunit(run.students));
  const info = runLogInfo(config, jobs);
  for (const s of run.students) {
    writeFileAtomic(join(out, 'students', s.student, 'feedback.md'), renderFeedbackMarkdown(s));
    writeFileAtomic(join(out, 'students', s.student, 'feedback.html'), renderFeedbackHtml(s));
    writeFileAtomic(join(out, 'runs', `${s.student}.log`), renderRunLog(s, run.usage, info));
  }
}

function runLogInfo(config: GradeConfig, jobs?: number): RunLogInfo {
  const root = packageRoot();
  return {
    harnessVersion: HARNESS_VERSION,
    ...versionHashes(config),
    nodeVersion: process.version,
    configHash: configHash(config),
    config,
    publicSeeds: Object.fromEntries(EXERCISES.map((e) => [e.id, { seed: e.seed, schedules: e.schedules }])),
    sandbox: childExecArgv({
      hostFile: join(root, 'dist', 'learner-host.js'),
      readable: [join(root, 'dist', 'exercise.js')],
      limits: { ...DEFAULT_CHILD_LIMITS, memoryMb: config.limits.memoryMb, cpuMsPerRequest: config.limits.cpuMsPerCall },
    }),
    isolation: describeIsolation(childIsolation()),
    ...(jobs !== undefined ? { jobs } : {}),
  };
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
