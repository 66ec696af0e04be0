/**
 * `workbook report [--out file]`: checks every exercise, replays each failed check's failing run to
 * get its whole trace, and writes one self-contained HTML file with progress, the checks, a
 * space-time diagram per failing run and the chapter guide.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClusterMessage, FailoverRun } from '../../cluster/index.ts';
import { decodeReplayToken, EXERCISES, HARNESS_VERSION, type CheckResult, type ExerciseEntry } from '../../curriculum/index.ts';
// Until report.ts is exercise-agnostic, it reaches the failover exercise's own folder for its run.
import { runJudged } from '../../curriculum/failover-coordinator/cluster-checks.ts';
import { failoverCoordinatorExercise } from '../../curriculum/failover-coordinator/entry.ts';
import { buildScenario, type ScenarioSpec } from '../../curriculum/failover-coordinator/scenarios.ts';
import { checkExercise, createWorkerPort, harnessHash, transpileLearnerFile } from '../../grading/index.ts';
import { renderHtmlReport, spaceTimeFromTimeline, spaceTimeFromTrace, type ReportExercise, type SpaceTime } from '../../render/index.ts';
import { describeFault, type Fault } from '../../sim/index.ts';
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
      const run = await failingRun(io.root, exercise, file, c.replay!);
      // Exercises whose runs cannot be replayed here yet are drawn from the check's own timeline.
      if (run !== undefined) runs.set(c.replay!, failoverSpaceTime(run, highlightsOf(c)));
      else if (c.timeline !== undefined) runs.set(c.replay!, spaceTimeFromTimeline(c.timeline));
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
function highlightsOf(c: CheckResult): { t: number; node?: string }[] {
  return (c.timeline?.entries ?? []).filter((e) => e.highlight).map((e) => (e.lane === '*' ? { t: e.t } : { t: e.t, node: e.lane }));
}

/**
 * Runs the scenario of a replay token again with the learner's current file, in a worker, and returns
 * the whole run (the check result keeps only a short timeline). Undefined when it cannot be replayed.
 */
export async function failingRun(root: string, exercise: ExerciseEntry, file: string, token: string): Promise<FailoverRun | undefined> {
  const decoded = decodeReplayToken(token);
  const group = failoverCoordinatorExercise.groups.find((g) => g.replayable);
  if (!decoded.ok || decoded.token.exercise !== failoverCoordinatorExercise.id || exercise.id !== failoverCoordinatorExercise.id) return undefined;
  const parsed = decoded.token.format === group?.replayFormat ? group.parseReplay?.(decoded.token.spec) : undefined;
  if (parsed?.ok !== true) return undefined;
  const compiled = await transpileLearnerFile(file);
  if (!compiled.ok) return undefined;
  const port = createWorkerPort({ code: compiled.code, filename: file.startsWith(root) ? file.slice(root.length + 1) : file, callTimeoutMs: 1000 });
  try {
    if (!(await port.load(exercise.exports)).ok) return undefined;
    const judged = await runJudged({ call: (fn, args, ctx) => port.call(fn, args, ctx), hostYield: () => new Promise<void>((r) => setImmediate(r)) }, buildScenario(parsed.replay as ScenarioSpec));
    return judged.run;
  } finally {
    await port.close();
  }
}

/** The diagram of a failover run: coordinator first, then members, then clients. */
export function failoverSpaceTime(run: FailoverRun, highlight: readonly { t: number; node?: string }[]): SpaceTime {
  return spaceTimeFromTrace(run.trace, {
    lanes: ['coordinator', ...run.members],
    highlight,
    fault: (f) => describeFault(f as Fault),
    message: (msg) => messageLabel(msg as ClusterMessage),
    note: (name, data) => noteLabel(name, data),
  });
}

function messageLabel(m: ClusterMessage): { label: string; quiet: boolean } {
  switch (m.type) {
    case 'probe':
      return { label: `probe r${m.round} (suspect ${m.suspected})`, quiet: false };
    case 'probe-reply':
      return { label: `reply r${m.round}: log ${m.lastEpoch}:${m.lastLsn}`, quiet: false };
    case 'new-epoch':
      return { label: `NewEpoch ${m.epoch}, leader ${m.leader}`, quiet: false };
    case 'new-epoch-ack':
      return { label: `ack epoch ${m.epoch}`, quiet: false };
    case 'thaw':
      return { label: `thaw r${m.round}`, quiet: false };
    case 'write':
      return { label: `write ${m.write.id}`, quiet: true };
    case 'write-ok':
      return { label: `ok ${m.writeId} (lsn ${m.lsn})`, quiet: true };
    default:
      return { label: m.type, quiet: true };
  }
}

function noteLabel(name: string, data: unknown): { label: string; quiet: boolean } | null {
  const d = (data ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'round-start':
      return { label: `round ${d.round}: ${d.suspected} silent`, quiet: false };
    case 'decision': {
      const r = d as { round?: number; election?: { leader: string; epoch: number }; verdict?: { safe: boolean }; problem?: string };
      if (r.problem !== undefined) return { label: `round ${r.round}: no usable decision`, quiet: false };
      return { label: r.election ? `decided: elect ${r.election.leader}, epoch ${r.election.epoch}` : `decided: unsafe`, quiet: false };
    }
    case 'serve':
      return { label: `serves epoch ${d.epoch} (lsn ≤ ${d.lastLsn})`, quiet: false };
    case 'step-down':
      return { label: `steps down (epoch ${d.epoch})`, quiet: false };
    case 'accepted-epoch':
      return { label: `accepts epoch ${d.epoch}`, quiet: true };
    case 'truncate':
      return { label: `deletes from lsn ${d.fromLsn}`, quiet: false };
    case 'commit':
      return { label: `commit lsn ${d.lsn}`, quiet: true };
    default:
      return { label: name, quiet: true };
  }
}

export const reportSpec: CommandSpec = {
  name: 'report',
  usage: ['workbook report [--out file]   an HTML report: progress, checks, diagrams of failing runs (.workbook/report.html)'],
  options: { out: { type: 'string' } },
  run: ({ values }, io) => reportCommand(typeof values.out === 'string' ? values.out : undefined, io),
};
