/**
 * Bench item 5, `workbook grade` at class scale: a class of distinct correct submissions (the solution
 * and the correct fixtures, each copy made distinct by a comment, so neither the result cache nor
 * deduplication applies, and the solution with reasons in each student's own words) graded on every core with the public tier plus a 600-schedule hidden tier,
 * the whole pipeline included: staging, bundling, the type check, the locked-down learner process,
 * the simulator. The reference solution's runs are recorded first, in the class's cache folder, as an
 * earlier run leaves them (its one-off cost, that run's less two pairs of the class's, is printed on
 * its own line); then the class is graded
 * with them and, in the same bench, without reuse. Core-seconds per pair: CPU of the whole process
 * tree (grading processes, learner processes, tsc, esbuild) / pairs.
 *
 * Also runnable alone: `node --import tsx bench/grading.ts` (after `node scripts/build.js`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findExercise } from '../harness/curriculum/index.ts';
import { checkExercise, createChildPort, defaultGradeConfig, discoverSubmissions, gradeRun, packageRoot, readCpuMs, RunRecordStore, transpileLearnerFile, type GradeConfig, type GradeRunResult } from '../harness/grading/index.ts';
import { load, median, ownCpuMs, treeCpuMs } from './measure.ts';

const PAIRS = 24;
const EXERCISE = 'exercises/06-replication/2.3-failover-coordinator/failover-coordinator.ts';
const SOLUTION = 'solutions/06-replication/2.3-failover-coordinator/failover-coordinator.ts';
/** The solution with its refusals' reasons in each student's own words: what a real class hands in. */
const OWN_WORDS = 'the solution, reasons in each student’s own words';
const SOURCES = [SOLUTION, 'test/fixtures/correct/failover-coordinator/reduce-highest-id.ts', 'test/fixtures/correct/failover-coordinator/sort-and-max.ts', OWN_WORDS];

/** `source` (the solution) with every refusal's reason rewritten in words of student `i`. */
function inOwnWords(source: string, i: number): string {
  return `${source.replace('export function validateSafeFailover(', 'function solutionVerdict(')}
export function validateSafeFailover(view: Parameters<typeof solutionVerdict>[0]): ReturnType<typeof solutionVerdict> {
  const v = solutionVerdict(view);
  return v.safe ? v : { safe: false, reason: \`student ${i} says: \${v.reason}\` };
}
`;
}

interface Graded {
  readonly coreSeconds: number;
  readonly harness: number;
  readonly learner: number;
  readonly wallMs: number;
  readonly run: GradeRunResult;
}

/** Grades the class item 5 measures and prints its lines through `line`. */
export async function benchGrading(line: (label: string, value: string) => void): Promise<void> {
  const root = packageRoot();
  const dir = mkdtempSync(join(tmpdir(), 'ddia-bench-class-'));
  const student = (name: string, src: string, i: number): void => {
    const target = join(dir, name, EXERCISE);
    mkdirSync(join(target, '..'), { recursive: true });
    const source = readFileSync(join(root, src === OWN_WORDS ? SOLUTION : src), 'utf8');
    writeFileSync(target, src === OWN_WORDS ? inOwnWords(source, i) : `${source}\n// student ${i}\n`);
  };
  const sources = Array.from({ length: PAIRS }, (_, i) => SOURCES[i % SOURCES.length]!);
  sources.forEach((src, i) => student(join('class', `student-${String(i).padStart(2, '0')}`), src, i));
  // A cache folder records the reference for two pairs or more of an exercise (grade-run.ts).
  for (const i of [-1, -2]) student(join('first', `student-first${i}`), SOURCES[0]!, i);
  const defaults = defaultGradeConfig();
  const config = { ...defaults, exercises: ['failover-coordinator'], hidden: { 'failover-coordinator': { ...defaults.hidden['failover-coordinator']!, schedules: 600 } } };
  const jobs = availableParallelism();
  const cacheDir = join(dir, 'cache');
  const graded = async (folder: string, reuse: boolean, pairs: number): Promise<Graded> => {
    const cpu0 = treeCpuMs();
    // `force`: every pair graded again (no result cache), the recorded runs kept.
    const run = await gradeRun({ submissions: discoverSubmissions(join(dir, folder)), config, jobs, cacheDir, force: true, reuse });
    const cpu = treeCpuMs() - cpu0;
    const usage = [...run.usage.values()];
    return {
      coreSeconds: cpu / 1000 / pairs,
      harness: usage.reduce((s, u) => s + u.harnessCpuMs, 0) / pairs / 1000,
      learner: usage.reduce((s, u) => s + u.childCpuMs, 0) / pairs / 1000,
      wallMs: run.wallMs,
      run,
    };
  };
  try {
    // The one-off: an earlier run of two students records the reference's runs in the cache folder.
    const first = await graded('first', true, 2);
    const reused = await graded('class', true, PAIRS);
    const plain = await graded('class', false, PAIRS);
    const describe = (g: Graded): string =>
      `${g.coreSeconds.toFixed(2)} core-s (grading process ${g.harness.toFixed(2)} s, learner process ${g.learner.toFixed(2)} s, the rest: tsc, esbuild, pool ${(g.coreSeconds - g.harness - g.learner).toFixed(2)} s; ${PAIRS} distinct pairs, ${(g.wallMs / 1000).toFixed(1)} s wall)`;
    line(`5. workbook grade: core-s per correct pair, 600 hidden schedules`, `${describe(reused)}   (goal ≤ 0.15)`);
    line(`     vs no reuse of recorded runs`, `${describe(plain)}   → ${(plain.coreSeconds / reused.coreSeconds).toFixed(2)}× cheaper`);
    line(`   one-off: record the reference's runs (in a run of 2 pairs)`, `${(first.coreSeconds * 2 - 2 * reused.coreSeconds).toFixed(2)} core-s (the run: ${(first.coreSeconds * 2).toFixed(2)} core-s, ${(first.wallMs / 1000).toFixed(1)} s wall)`);
    // Pairs that answer exactly as the reference reuse it; another tie-break or other reasons reuse
    // what an earlier pair of the same grading process simulated, once one has.
    for (const src of SOURCES) {
      const mine = [...reused.run.usage].filter(([key]) => sources[Number(key.split('/')[0]!.slice('student-'.length))] === src).map(([, u]) => u);
      const cost = mine.map((u) => (u.harnessCpuMs + u.childCpuMs) / 1000).sort((a, b) => a - b);
      line(`     ${src.split('/').at(-1)!.slice(0, 40)} (${mine.length} pairs): grading + learner process`, `median ${cost[Math.floor(cost.length / 2)]!.toFixed(2)} s, max ${cost.at(-1)!.toFixed(2)} s`);
    }
    line(`   projected: a class of 500 distinct submissions, ${jobs} jobs`, `${((500 * reused.coreSeconds) / jobs).toFixed(0)} s   (goal < 60 s)`);
    await benchFloor(line, config);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What grading a correct pair costs before any simulation, staging or process start: the calls it
 * asks (the reference's recorded runs, one at a time, as the child must answer each before it sees
 * the next) times one round trip through the locked-down learner process, beside a bare Node IPC
 * echo between two processes (the part no change on our side can remove).
 */
async function benchFloor(line: (label: string, value: string) => void, config: GradeConfig): Promise<void> {
  const exercise = findExercise('failover-coordinator')!;
  const hidden = config.hidden[exercise.id]!;
  // The reference's scenario calls, recorded by a check in memory (this process runs the source, so
  // the grading processes' records, keyed by the built harness, are not its to read). The public seed
  // with the hidden tier's count stands in for the hidden tier.
  const callsOf = async (schedules: number): Promise<number> => {
    const store = new RunRecordStore(undefined);
    const records = store.forCheck(exercise, 'reference');
    await checkExercise({ root: packageRoot(), exercise, file: join(packageRoot(), exercise.solution), typecheck: false, records, schedules });
    records.save();
    let calls = 0;
    for (const [index, group] of exercise.groups.entries()) {
      if (!group.replayable) continue;
      const runs = store.forCheck(exercise, 'reference').group(index, { seed: exercise.seed, schedules });
      for (let i = 0; i < schedules; i++) calls += runs.runs(i)[0]?.calls.length ?? 0;
    }
    return calls;
  };
  const calls = (await callsOf(exercise.schedules)) + (await callsOf(hidden.schedules));
  const compiled = await transpileLearnerFile(join(packageRoot(), exercise.solution));
  if (!compiled.ok) throw new Error('the failover solution does not compile');
  const view = { suspectedLeader: 'n1', epoch: 3, members: ['n1', 'n2', 'n3'].map((id, i) => ({ id, reachable: i > 0, lastEpoch: 3, lastLsn: 8 + i, epoch: 3 })) };
  const port = createChildPort({ code: compiled.code, filename: 'failover-coordinator.ts' });
  await port.load(exercise.exports);
  const N = 1000;
  const trip = async (): Promise<{ parent: number; child: number }> => {
    const p0 = ownCpuMs();
    const c0 = port.usage().cpuMs;
    for (let i = 0; i < N; i++) await port.call('electNewLeader', [view], { seed: i, now: 0 });
    // The child's CPU is read from /proc at most every poll: wait one out.
    await new Promise((r) => setTimeout(r, 120));
    return { parent: ((ownCpuMs() - p0) * 1000) / N, child: ((port.usage().cpuMs - c0) * 1000) / N };
  };
  await trip();
  const trips = [await trip(), await trip(), await trip()];
  await port.close();
  const echo = spawn(process.execPath, ['-e', "process.on('message', (m) => process.send({ type: 'answer', id: m.id, answer: { kind: 'returned', value: 'n2', console: '' } }))"], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
  const bare = async (): Promise<{ parent: number; child: number }> => {
    const p0 = ownCpuMs();
    const c0 = readCpuMs(echo.pid!) ?? 0;
    for (let i = 0; i < N; i++) await new Promise((r) => (echo.once('message', r), echo.send({ type: 'call', id: i, fn: 'electNewLeader', args: [view], ctx: { seed: i, now: 0 } })));
    return { parent: ((ownCpuMs() - p0) * 1000) / N, child: (((readCpuMs(echo.pid!) ?? 0) - c0) * 1000) / N };
  };
  await bare();
  const bares = [await bare(), await bare(), await bare()];
  echo.kill();
  const us = (xs: { parent: number; child: number }[]) => ({ parent: median(xs.map((x) => x.parent)), child: median(xs.map((x) => x.child)) });
  const t = us(trips);
  const b = us(bares);
  line(`   floor: calls a correct pair answers, one at a time`, `${calls} in the replayed scenario groups (public ${exercise.schedules} + hidden ${hidden.schedules} schedules; law and decision cases not counted)`);
  line(`     one round trip through the learner process (warm)`, `${(t.parent + t.child).toFixed(0)} µs CPU (grading process ${t.parent.toFixed(0)}, learner process ${t.child.toFixed(0)}); bare Node IPC echo ${(b.parent + b.child).toFixed(0)} µs (${b.parent.toFixed(0)} + ${b.child.toFixed(0)})`);
  line(`     so a correct pair costs at least`, `${((calls * (t.parent + t.child)) / 1e6).toFixed(2)} core-s in round trips (bare IPC alone: ${((calls * (b.parent + b.child)) / 1e6).toFixed(2)})   (goal ≤ 0.15 for the whole pair)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchGrading((label, value) => console.log(`${label.padEnd(62)} ${value}   [load ${load()}]`));
}
