/**
 * `workbook grade --gradescope` and `--github-classroom`: one submission graded inside a platform's
 * runner, the result written where that platform reads it.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXERCISES, HARNESS_VERSION } from '../../curriculum/index.ts';
import {
  applyLatePolicy,
  configHash,
  exerciseHash,
  gradeRun,
  harnessHash,
  readGradescopeMetadata,
  writeFileAtomic,
  type GradeConfig,
  type StudentGrade,
} from '../../grading/index.ts';
import {
  classroomRunnerResults,
  classroomRunners,
  encodeClassroomResult,
  renderFeedbackMarkdown,
  renderGradescopeError,
  renderGradescopeResults,
  type RunLogInfo,
} from '../../render/index.ts';
import { renderRunLog } from '../../render/index.ts';
import type { CliIo } from '../io.ts';

/** The harness's hash and each graded exercise's, for the gradebook, the run logs and extra_data. */
export function versionHashes(config: GradeConfig): { harnessHash: string; exerciseHashes: Record<string, string> } {
  const entries = EXERCISES.filter((e) => config.exercises.includes(e.id));
  return { harnessHash: harnessHash(), exerciseHashes: Object.fromEntries(entries.map((e) => [e.id, exerciseHash(e)])) };
}

/**
 * Gradescope: grade `<root>/submission`, write `<root>/results/results.json` — always, with an
 * explanation and zero points if grading itself failed. Who submitted and when come from
 * `<root>/submission_metadata.json`.
 */
export async function gradescope(root: string, readConfig: () => GradeConfig, runLogInfo: (config: GradeConfig) => RunLogInfo, io: CliIo): Promise<number> {
  const resultsFile = join(root, 'results', 'results.json');
  const started = performance.now();
  try {
    const config = readConfig();
    const submission = join(root, 'submission');
    if (!existsSync(submission)) throw new Error(`${submission} does not exist`);
    const metadata = readGradescopeMetadata(join(root, 'submission_metadata.json'));
    const run = await gradeRun({ submissions: [{ student: 'submission', kind: 'folder', path: submission }], config, jobs: 1 });
    const graded = run.students[0]!;
    // The late policy counts from Gradescope's own record of when the student submitted.
    const grade = config.late !== undefined && metadata?.createdAt !== undefined ? applyLatePolicy(graded, config.late, metadata.createdAt) : graded;
    const extraData = {
      harnessVersion: HARNESS_VERSION,
      ...versionHashes(config),
      nodeVersion: process.version,
      configHash: configHash(config),
      submissionHashes: Object.fromEntries(grade.pairs.map((p) => [p.exercise, p.submissionHash])),
    };
    writeFileAtomic(
      resultsFile,
      renderGradescopeResults(grade, {
        executionTimeS: Math.round((performance.now() - started) / 1000),
        options: config.gradescope,
        ...(metadata !== undefined ? { submission: metadata } : {}),
        extraData,
      }),
    );
    io.out(renderRunLog(grade, run.usage, runLogInfo(config)));
    return run.internalErrors > 0 ? 1 : 0;
  } catch (error) {
    writeFileAtomic(resultsFile, renderGradescopeError((error as Error).message ?? String(error)));
    io.err(`workbook grade --gradescope: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 70;
  }
}

/** GitHub's cap on one step's summary is 1 MiB; the feedback is cut well before it. */
const MAX_SUMMARY_BYTES = 900 * 1024;

/**
 * GitHub Classroom: grade one repository; each reporter runner's base64 result goes to a step output
 * named after it, and the feedback, as Markdown, to the job summary (`$GITHUB_STEP_SUMMARY`), where
 * GitHub renders it instead of printing escaped text in the log.
 */
export async function githubClassroom(submission: string, config: GradeConfig, io: CliIo): Promise<number> {
  const run = await gradeRun({ submissions: [{ student: 'submission', kind: 'folder', path: submission }], config, jobs: 1 });
  const grade: StudentGrade = run.students[0]!;
  const lines = [...classroomRunnerResults(grade, classroomRunners(config))].map(([id, result]) => `${id}=${encodeClassroomResult(result)}\n`);
  const outputFile = io.env.GITHUB_OUTPUT;
  if (outputFile !== undefined && outputFile !== '') appendFileSync(outputFile, lines.join(''));
  else io.out(lines.join(''));
  let feedback = renderFeedbackMarkdown(grade);
  if (Buffer.byteLength(feedback) > MAX_SUMMARY_BYTES) feedback = `${Buffer.from(feedback).subarray(0, MAX_SUMMARY_BYTES).toString('utf8')}\n\n… (cut at GitHub's summary limit)\n`;
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile !== undefined && summaryFile !== '') appendFileSync(summaryFile, feedback);
  else io.err(feedback);
  io.err(`total: ${grade.score} / ${grade.maxScore}\n`);
  return 0;
}
