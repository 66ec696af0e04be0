/**
 * `workbook report [--out file]`: checks every exercise, replays each failed check's failing run to
 * get its whole trace, and writes one self-contained HTML file with progress, the checks, a
 * space-time diagram per failing run and the chapter guide.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXERCISES, HARNESS_VERSION, type CheckResult } from '../../curriculum/index.ts';
import { checkExercise, harnessHash, replayRun } from '../../grading/index.ts';
import { renderHtmlReport, spaceTimeFromTimeline, spaceTimeFromTrace, type ReportExercise, type SpaceTime, type SpaceTimeHighlight } from '../../render/index.ts';
import type { CommandSpec } from '../command.ts';
import type { CliIo } from '../io.ts';
import { fileHash, ProgressStore } from '../progress-store.ts';
import { REPORT } from '../text.ts';
import { exerciseRows } from './list.ts';
import { guidePages } from './read.ts';

export const DEFAULT_REPORT = '.workbook/report.html';

export async function reportCommand(out: string | undefined, io: CliIo): Promise<number> {
  const store = new ProgressStore(io.root);
  const exercises: ReportExercise[] = [];
  for (const exercise of EXERCISES) {
    const file = join(io.root, exercise.file);
    if (!existsSync(file)) {
      exercises.push({ row: rowOf(io, exercise.id), runs: new Map() });
      continue;
    }
    io.err(`${REPORT.checking(exercise.id)}\n`);
    const hash = fileHash(file)!;
    const result = await checkExercise({ root: io.root, exercise, file });
    await store.recordCheck(exercise.id, result.passed, hash);
    const runs = new Map<string, SpaceTime>();
    // A stub's run stops at its first decision: a diagram of it would show nothing worth seeing.
    const failed = result.checks.filter((c) => (c.status === 'failed' || c.status === 'harness-bug') && c.replay !== undefined);
    if (failed.length > 0) io.err(`${REPORT.replaying(exercise.id)}\n`);
    for (const c of failed) {
      if (runs.has(c.replay!)) continue;
      const replayed = await replayRun({ root: io.root, exercise, file, replay: c.replay!, check: c.id });
      // A run that cannot be replayed here (its module no longer loads) is drawn from the check's own timeline.
      if (replayed.ok) runs.set(c.replay!, spaceTimeFromTrace(replayed.run, highlightsOf(c), c.timeline?.entries));
      else {
        io.err(`${REPORT.notReplayed(c.id, replayed.problem)}\n`);
        if (c.timeline !== undefined) runs.set(c.replay!, spaceTimeFromTimeline(c.timeline));
      }
    }
    exercises.push({ row: rowOf(io, exercise.id), result, runs });
  }
  const html = renderHtmlReport({
    generatedAt: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    harnessVersion: HARNESS_VERSION,
    harnessHash: harnessHash(),
    exercises,
    chapters: guidePages(io.root).map((f) => ({ file: f, markdown: readFileSync(join(io.root, f), 'utf8') })),
  });
  const target = resolve(io.root, out ?? DEFAULT_REPORT);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, html);
  io.out(`${REPORT.written(target, Buffer.byteLength(html))}\n${pathToFileURL(target).href}\n`);
  return 0;
}

function rowOf(io: CliIo, id: string) {
  return exerciseRows(io).rows.find((r) => r.id === id)!;
}

/** The events a check's verdict names (the highlighted timeline entries). */
function highlightsOf(c: CheckResult): SpaceTimeHighlight[] {
  return (c.timeline?.entries ?? []).filter((e) => e.highlight).map((e) => (e.lane === '*' ? { t: e.t } : { t: e.t, node: e.lane }));
}

export const reportSpec: CommandSpec = {
  name: 'report',
  usage: ['workbook report [--out file]   an HTML report: progress, checks, diagrams of failing runs (.workbook/report.html)'],
  options: { out: { type: 'string' } },
  run: ({ values }, io) => reportCommand(typeof values.out === 'string' ? values.out : undefined, io),
};
