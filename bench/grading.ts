/**
 * Bench item 5, `workbook grade` at class scale: a class of distinct correct submissions (the solution
 * and the correct fixtures, each copy made distinct by a comment, so neither the result cache nor
 * deduplication applies) graded on every core with the public tier plus a 600-schedule hidden tier,
 * the whole pipeline included: staging, bundling, the type check, the locked-down learner process,
 * the simulator. The reference solution's runs are recorded first, in the class's cache folder, as an
 * earlier run leaves them (its one-off cost, that run's less two pairs of the class's, is printed on
 * its own line); then the class is graded
 * with them and, in the same bench, without reuse. Core-seconds per pair: CPU of the whole process
 * tree (grading processes, learner processes, tsc, esbuild) / pairs.
 *
 * Also runnable alone: `node --import tsx bench/grading.ts` (after `node scripts/build.js`).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultGradeConfig, discoverSubmissions, gradeRun, packageRoot, type GradeRunResult } from '../harness/grading/index.ts';
import { load, treeCpuMs } from './measure.ts';

const PAIRS = 24;
const EXERCISE = 'exercises/06-replication/2.3-failover-coordinator/failover-coordinator.ts';
const SOURCES = [
  'solutions/06-replication/2.3-failover-coordinator/failover-coordinator.ts',
  'test/fixtures/correct/failover-coordinator/reduce-highest-id.ts',
  'test/fixtures/correct/failover-coordinator/sort-and-max.ts',
];

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
    cpSync(join(root, src), target);
    writeFileSync(target, `${readFileSync(target, 'utf8')}\n// student ${i}\n`);
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
      line(`     ${src.split('/').at(-1)} (${mine.length} pairs): grading + learner process`, `median ${cost[Math.floor(cost.length / 2)]!.toFixed(2)} s, max ${cost.at(-1)!.toFixed(2)} s`);
    }
    line(`   projected: a class of 500 distinct submissions, ${jobs} jobs`, `${((500 * reused.coreSeconds) / jobs).toFixed(0)} s   (goal < 60 s)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchGrading((label, value) => console.log(`${label.padEnd(62)} ${value}   [load ${load()}]`));
}
