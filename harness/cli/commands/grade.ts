/**
 * `workbook grade <submissions-dir> [--out <dir>] [--jobs N] [--force] [--config <file>] [--roster <csv>]`
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
  loadGradeConfig,
  packageRoot,
  runGraderWorker,
  type GradeConfig,
} from '../../grading/index.ts';
import type { RunLogInfo } from '../../render/index.ts';
import type { CommandSpec } from '../command.ts';
import { UsageError } from '../io.ts';
import { gradeClass } from './grade-class.ts';
import { githubClassroom, gradescope, versionHashes } from './grade-platforms.ts';

export const gradeSpec: CommandSpec = {
  name: 'grade',
  learnerWorkbook: false,
  usage: [
    'workbook grade <submissions-dir>  grade a class: each subfolder, .zip, .tar.gz or .tgz is one student',
    '    --out <dir>                where to write the gradebook and feedback (default: ./grades)',
    '    --jobs <n>                 pairs graded at once (default: the number of cores)',
    '    --force                    grade every pair again instead of resuming from the cache',
    '    --student <id|name>        with --force: regrade only this student (repeatable)',
    '    --exercise <id>            with --force: regrade only this exercise (repeatable)',
    '    --no-dedupe                grade each copy of an identical submission on its own (default: once, copied)',
    '    --similarity <percent>     list pairs of submissions at least this similar in summary.html (default 80)',
    '    --export-for-moss <dir>    lay the submissions out for MOSS: per exercise a folder per student, the stub as base',
    '    --config <file>            the instructor configuration: hidden tiers, seeds, limits',
    '    --roster <csv>             map submissions to LMS ids (lms_id, name, folder, gradescope_id, github)',
    '    --times <csv>              when each student submitted (student, submitted_at), for the late policy',
    '    --gradescope [--root <d>]  grade <d>/submission, write <d>/results/results.json (default /autograder)',
    '    --github-classroom         grade this repository; the result goes to $GITHUB_OUTPUT',
  ],
  options: {
    out: { type: 'string' },
    jobs: { type: 'string' },
    force: { type: 'boolean', default: false },
    'no-dedupe': { type: 'boolean', default: false },
    similarity: { type: 'string' },
    'export-for-moss': { type: 'string' },
    config: { type: 'string' },
    roster: { type: 'string' },
    times: { type: 'string' },
    student: { type: 'string', multiple: true },
    exercise: { type: 'string', multiple: true },
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
    const similarity = values.similarity === undefined ? 0.8 : Number(values.similarity) / 100;
    if (values.similarity !== undefined && !(/^\d+(\.\d+)?$/.test(values.similarity as string) && similarity > 0 && similarity <= 1)) throw new UsageError('--similarity takes a percentage above 0, at most 100');
    const out = resolve(typeof values.out === 'string' ? values.out : 'grades');
    const students = values.student as string[] | undefined;
    const exercises = values.exercise as string[] | undefined;
    // Without --force every pair already comes from the cache when it can: a filter would change nothing.
    if (typeof values.times === 'string' && config.late === undefined) throw new UsageError('--times feeds the late policy, and the configuration has none ("late": { "deadline", "penaltyPerDay" })');
    if ((students !== undefined || exercises !== undefined) && values.force !== true) throw new UsageError('--student and --exercise choose what --force regrades: add --force');
    return gradeClass(
      {
        dir: resolve(dir),
        out,
        config,
        jobs,
        force: values.force === true,
        noDedupe: values['no-dedupe'] === true,
        similarity,
        ...(typeof values['export-for-moss'] === 'string' ? { mossDir: resolve(values['export-for-moss']) } : {}),
        ...(typeof values.roster === 'string' ? { roster: resolve(values.roster) } : {}),
        ...(typeof values.times === 'string' ? { times: resolve(values.times) } : {}),
        ...(students !== undefined ? { students } : {}),
        ...(exercises !== undefined ? { exercises } : {}),
      },
      (c, j) => runLogInfo(c, j),
      io,
    );
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
