/**
 * `npm run bench`: the speed figures of issue 10, measured on this machine. Every figure is a median
 * with CPU beside wall and the load average beside both (the machine is shared: wall time counts
 * whatever else runs, CPU time is what this work costs). Where a new path replaces an old one, both
 * run in the same bench, one after the other, and the line gives the ratio. Numbers are printed,
 * never asserted: tests must not depend on machine speed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { runWatch } from '../harness/cli/watch.ts';
import { terminalWatchIo } from '../harness/cli/watch/terminal-io.ts';
import { EXERCISES, findExercise } from '../harness/curriculum/index.ts';
import { runFailoverCluster, type FailoverScenario } from '../harness/cluster/index.ts';
import type { Election, FailoverView, SafetyVerdict } from '../harness/exercise/index.ts';
import { packageRoot } from '../harness/grading/index.ts';
import { Simulation } from '../harness/sim/index.ts';
import { describeSample, load, median, medianSample, ownCpuMs, processSample, ratio, treeCpuMs, type Sample } from './measure.ts';

const root = packageRoot();
/** The failover solution, loaded by its manifest path at run time (STYLE: solutions are never imported). */
const solution = (await import(pathToFileURL(join(root, findExercise('failover-coordinator')!.solution)).href)) as {
  validateSafeFailover(view: FailoverView): SafetyVerdict;
  electNewLeader(view: FailoverView): Election;
};
const line = (label: string, value: string): void => console.log(`${label.padEnd(62)} ${value}   [load ${load()}]`);
/** A figure with its old path beside it: `new` first, then `old`, then how many times cheaper. */
const compared = (label: string, now: Sample, before: Sample, beforeName: string, goal: string, unit = 'ms'): void => {
  line(label, `${describeSample(now, unit)}   (goal ${goal})`);
  line(`     vs ${beforeName}`, `${describeSample(before, unit)}   → ${ratio(before, now)}`);
};

/** The workbook command as learners run it, and the old ways, as [command, args] pairs. */
const npx = (args: string[]): [string, string[]] => ['npx', ['workbook', ...args]];
const direct = (args: string[]): [string, string[]] => [process.execPath, [join(root, 'bin', 'workbook.js'), ...args]];
/** The launcher at the repo root, the way the README tells learners to run every command. */
const launcher = (args: string[]): [string, string[]] => (process.platform === 'win32' ? [join(root, 'workbook.cmd'), args] : [join(root, 'workbook'), args]);
const workbook = (args: string[], env: NodeJS.ProcessEnv = {}, runs = 5): Sample => {
  const [command, argv] = launcher(args);
  return processSample(command, argv, { cwd: root, env: { ...process.env, ...env }, runs });
};
const run = ([command, args]: [string, string[]], runs = 5): Sample => processSample(command, args, { cwd: root, runs });

function bestOf<T>(runs: number, f: () => T, measure: (t: T, ms: number) => number): number {
  f();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = f();
    best = Math.min(best, measure(r, performance.now() - t0));
  }
  return best;
}

/** The median of `runs` results after one warm-up run. */
async function medianOfAsync(runs: number, f: () => Promise<number>): Promise<number> {
  await f();
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await f());
  return median(values);
}

/** 5 nodes, each sending to all others every 5 ms, 1 % loss, trace on, about 2 M events. */
async function simulatorEventsPerSecond(withPendingPromise: boolean): Promise<number> {
  return medianOfAsync(3, async () => {
    const sim = new Simulation({ seed: 1, network: { latency: { min: 1, max: 5 }, loss: 0.01 }, hostYield: () => new Promise((r) => setImmediate(r)) });
    const ids = ['a', 'b', 'c', 'd', 'e'];
    for (const id of ids)
      sim.addNode<string>(id, (ctx) => {
        ctx.setTimer('tick', 5);
        if (withPendingPromise && id === 'a') {
          const never = ctx.deferred<void>();
          ctx.task('learner promise', () => never.promise, { deadlineMs: 1e9, onSettled: () => undefined });
        }
        return {
          onMessage: () => undefined,
          onTimer: () => {
            for (const o of ids) if (o !== id) ctx.send(o, 'ping');
            ctx.setTimer('tick', 5);
          },
        };
      });
    // Per CPU-second of this process: the machine is shared, and wall time counts the others' work.
    const cpu0 = ownCpuMs();
    await sim.run(400_000);
    return sim.eventCount / ((ownCpuMs() - cpu0) / 1000);
  });
}

/** Wall and CPU per call of electNewLeader through a worker port of `kind` (CPU of every thread). */
async function portCallCost(kind: 'shared' | 'message'): Promise<Sample> {
  const { createWorkerPort, transpileLearnerFile } = await import('../harness/grading/index.ts');
  const compiled = await transpileLearnerFile(join(root, findExercise('failover-coordinator')!.solution));
  if (!compiled.ok) throw new Error('the failover solution does not compile');
  const view = { suspectedLeader: 'n1', epoch: 3, members: ['n1', 'n2', 'n3'].map((id, i) => ({ id, reachable: i > 0, lastEpoch: 3, lastLsn: 8 + i, epoch: 3 })) };
  const port = createWorkerPort({ code: compiled.code, filename: 'failover-coordinator.ts', port: kind });
  await port.load(['electNewLeader', 'validateSafeFailover']);
  const calls = 1000;
  const once = async (): Promise<Sample> => {
    const cpu0 = ownCpuMs();
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) await port.call('electNewLeader', [view], { seed: i, now: 0 });
    return { wallMs: ((performance.now() - t0) * 1000) / calls, cpuMs: ((ownCpuMs() - cpu0) * 1000) / calls };
  };
  await once();
  const samples: Sample[] = [];
  for (let i = 0; i < 5; i++) samples.push(await once());
  await port.close();
  return medianSample(samples);
}

/**
 * Wall and CPU of asking the failover solution's recorded calls of the 200 public schedules again
 * through a worker port, each schedule in one batch (`batch`, what a check does) or one call at a time.
 */
async function replayCost(batch: boolean): Promise<Sample> {
  const { checkExercise, createWorkerPort, transpileLearnerFile, RunRecordStore } = await import('../harness/grading/index.ts');
  const exercise = findExercise('failover-coordinator')!;
  const file = join(root, exercise.solution);
  // The reference's runs, recorded in memory by one check, then read back schedule by schedule.
  const store = new RunRecordStore(undefined);
  const recording = store.forCheck(exercise, 'reference');
  await checkExercise({ root, exercise, file, typecheck: false, records: recording });
  recording.save();
  const group = store.forCheck(exercise, 'reference').group(exercise.groups.findIndex((g) => g.replayable), { seed: exercise.seed, schedules: exercise.schedules });
  const calls = Array.from({ length: exercise.schedules }, (_, i) => (group.runs(i)[0]?.calls ?? []).map((c) => ({ fn: c.fn, args: c.args, ctx: c.ctx, expect: c.answer })));
  const compiled = await transpileLearnerFile(file);
  if (!compiled.ok) throw new Error('the failover solution does not compile');
  const port = createWorkerPort({ code: compiled.code, filename: 'failover-coordinator.ts' });
  await port.load(exercise.exports);
  const once = async (): Promise<Sample> => {
    const cpu0 = ownCpuMs();
    const t0 = performance.now();
    for (const schedule of calls.filter((c) => c.length > 0)) {
      if (batch) await port.replay(schedule);
      else for (const c of schedule) await port.call(c.fn, c.args, c.ctx);
    }
    return { wallMs: performance.now() - t0, cpuMs: ownCpuMs() - cpu0 };
  };
  await once();
  const samples: Sample[] = [];
  for (let i = 0; i < 5; i++) samples.push(await once());
  await port.close();
  return medianSample(samples);
}

async function failoverScenario(): Promise<{ speedup: number; events: number; msPerRun: number }> {
  const decider = {
    validateSafeFailover: async (v: FailoverView) => ({ ok: true as const, value: solution.validateSafeFailover(v) }),
    electNewLeader: async (v: FailoverView) => ({ ok: true as const, value: solution.electNewLeader(v) }),
  };
  const scenarios: FailoverScenario[] = Array.from({ length: 50 }, (_, i) => ({
    seed: i,
    members: 3,
    latency: { min: 1, max: 10 },
    loss: 0.01,
    duplicate: 0,
    reorder: 0.05,
    faults: [{ at: 400 + 10 * i, fault: { kind: 'crash', node: 'n1' } }],
    faultPhaseMs: 1400,
    keepDown: [],
  }));
  let events = 0;
  let simulated = 0;
  const ms = await medianOfAsync(3, async () => {
    events = 0;
    simulated = 0;
    const t0 = performance.now();
    for (const s of scenarios) {
      const run = await runFailoverCluster(s, decider, { writeIntervalMs: 20 });
      events += run.eventCount;
      simulated += run.endsAt;
    }
    return performance.now() - t0;
  });
  return { speedup: simulated / ms, events: events / scenarios.length, msPerRun: ms / scenarios.length };
}

const failover = ['check', 'failover-coordinator', '--solution', '--no-cache'];
const brokenMajority = ['check', 'failover-coordinator', '--file', join(root, 'test/fixtures/buggy/failover-coordinator/majority-off-by-one.ts'), '--no-cache'];
const slotPort = { WORKBOOK_LEARNER_PORT: 'shared' };
console.log(`ddia-workbook bench (node ${process.version}, medians of 5 after a warm-up unless said; load = 1-minute load average)\n`);
// Reuse of recorded runs: the warm-up run of each sample records them (the reference solution's, and
// the file's own check), so the measured runs are re-checks of a file whose runs are recorded.
const noReuse = (args: string[]): string[] => [...args, '--no-reuse'];
compared('1. passing check, whole process, as the README says to run it', workbook(failover), workbook(noReuse(failover)), 'the same with --no-reuse (every schedule simulated)', '< 300 ms wall');
line('   the same through npx workbook (the old README command)', describeSample(run(npx(failover))));
line('   the same through node bin/workbook.js', describeSample(run(direct(failover))));
compared('   through the shared-slot learner port', workbook(failover, slotPort), workbook(failover), 'the message port (the default)', 'cheaper than the message port');
line('   an unchanged re-check (answered from .workbook/results)', describeSample(workbook(failover.filter((a) => a !== '--no-cache'))));
compared('2. failing check with shrinking (broken majority rule)', workbook(brokenMajority), workbook(noReuse(brokenMajority)), 'the same with --no-reuse', '< 500 ms wall');
compared('   through the shared-slot learner port', workbook(brokenMajority, slotPort), workbook(brokenMajority), 'the message port (the default)', 'cheaper than the message port');
{
  const slot = await portCallCost('shared');
  const message = await portCallCost('message');
  compared('   one learner call, in-process (median of 5 × 1000 calls)', slot, message, 'the message port', 'cheaper', 'µs');
  compared('   replaying 200 recorded schedules, one message each (warm)', await replayCost(true), await replayCost(false), 'one message per call', 'cheaper');
}
{
  const plain = await simulatorEventsPerSecond(false);
  const pending = await simulatorEventsPerSecond(true);
  line('3. simulator events per CPU-second, trace on, no learner promise (median of 3)', `${(plain / 1e6).toFixed(2)} M/s   (goal ≥ 4 M/s)`);
  line('   the same with a learner promise pending', `${(pending / 1e6).toFixed(2)} M/s`);
  const f = await failoverScenario();
  line('   failover scenario (3 nodes, write every 20 ms, ~2.7 s)', `${f.speedup.toFixed(0)}× real time, ${f.events.toFixed(0)} events per schedule, ${f.msPerRun.toFixed(2)} ms each`);
}
line('   a failing check, shrinking included (lowest-log fixture)', describeSample(workbook(['check', 'failover-coordinator', '--file', join(root, 'test/fixtures/cli/lowest-log.ts'), '--no-cache'])));

/**
 * Watch mode in-process with the real file watcher and grading, in a scratch folder: each save writes
 * a new version of the file (a comment changes), and the time runs until the result line is printed.
 * CPU is this process's (every thread, the learner worker included) over the same interval.
 */
async function watchSaveToResult(source: string, resultLine: RegExp, noReuse: boolean, saves = 7): Promise<Sample> {
  const exercise = findExercise('failover-coordinator')!;
  const dir = mkdtempSync(join(tmpdir(), 'workbook-bench-watch-'));
  const file = join(dir, exercise.file);
  mkdirSync(dirname(file), { recursive: true });
  const text = readFileSync(join(root, source), 'utf8');
  writeFileSync(file, text);
  let screen = '';
  let waiting: (() => void) | undefined;
  const keys = new PassThrough() as unknown as NodeJS.ReadStream;
  const out = (t: string): void => {
    screen += t;
    if (waiting !== undefined && resultLine.test(screen)) {
      const w = waiting;
      waiting = undefined;
      w();
    }
  };
  const io = { root: dir, isTty: false, env: { NO_COLOR: '1' }, err: () => undefined, out };
  const result = (): Promise<void> => new Promise((resolve) => (waiting = resolve));
  const first = result();
  const watching = runWatch(exercise, terminalWatchIo(io, { stdin: keys, noReuse }));
  await first;
  const samples: Sample[] = [];
  for (let i = 0; i < saves; i++) {
    await new Promise((r) => setTimeout(r, 300));
    screen = '';
    const shown = result();
    const cpu0 = ownCpuMs();
    const t0 = performance.now();
    writeFileSync(file, `${text}\n// save ${i}\n`);
    await shown;
    samples.push({ wallMs: performance.now() - t0, cpuMs: ownCpuMs() - cpu0 });
  }
  (keys as unknown as PassThrough).write('q');
  await watching;
  return medianSample(samples);
}

{
  // Each save reuses the runs of the save before it (kept in memory), as a learner's edits do.
  const solutionFile = 'solutions/06-replication/2.3-failover-coordinator/failover-coordinator.ts';
  const passed = /✓ failover-coordinator passes every check\./;
  const majority = 'test/fixtures/buggy/failover-coordinator/majority-off-by-one.ts';
  const failed = /✗ \d+\/\d+ checks passed/;
  const watched = async (file: string, shown: RegExp): Promise<[Sample, Sample]> => [await watchSaveToResult(file, shown, false), await watchSaveToResult(file, shown, true)];
  const [pass, passPlain] = await watched(solutionFile, passed);
  compared('4. watch: file saved → result line, passing solution (median of 7)', pass, passPlain, 'no reuse', '< 150 ms wall');
  const [fail, failPlain] = await watched(majority, failed);
  compared('   watch: file saved → result line, broken majority (median of 7)', fail, failPlain, 'no reuse', '< 300 ms wall');
}

// ---- Instructor grading (workbook grade) ------------------------------------------------------------
// A class of distinct correct submissions with the reference's runs already recorded (bench/grading.ts).
{
  const { benchGrading } = await import('./grading.ts');
  await benchGrading(line);
}

// ---- The other exercises, whole process -------------------------------------------------------------
// Every exercise in the manifest, so a new one is measured by construction (goal: under 1 s whole
// process without reuse of recorded runs, the exercise designs' measure-first bar).
for (const { id } of EXERCISES) if (id !== 'failover-coordinator') line(`6. check ${id} --solution`, `${describeSample(workbook(['check', id, '--solution', '--no-cache'], {}, 3))}   (goal < 1000 ms)`);

// Learner calls one check makes, per exercise (every group, the solution in-process): the exercise
// designs' budget is 8 000 calls a check.
{
  const { inProcessCaller } = await import('../harness/curriculum/index.ts');
  for (const exercise of EXERCISES) {
    const module = (await import(pathToFileURL(join(root, exercise.solution)).href)) as Record<string, unknown>;
    let calls = 0;
    const call = inProcessCaller(module);
    const ctx = {
      call: (async (...a: Parameters<typeof call>) => (calls++, call(...a))) as typeof call,
      reload: async () => true,
      seed: exercise.seed,
      schedules: exercise.schedules,
      shrink: { maxRuns: 0, maxMs: 0 },
      wallClockMs: () => performance.now(),
      hostYield: () => new Promise<void>((r) => setImmediate(r)),
    };
    const perGroup: string[] = [];
    for (const group of exercise.groups) {
      const before = calls;
      await group.run(ctx);
      perGroup.push(`${group.checks[0]?.id ?? "group"}… ${calls - before}`);
    }
    line(`   ${exercise.id}: learner calls per check`, `${calls} (${perGroup.join(', ')})   (goal ≤ 8000)`);
  }
}
if (existsSync(join(root, 'test/fixtures/buggy/quorum-reader/no-repair.ts')))
  line('   check quorum-reader, a failing file (no-repair fixture)', describeSample(workbook(['check', 'quorum-reader', '--file', join(root, 'test/fixtures/buggy/quorum-reader/no-repair.ts'), '--no-cache'], {}, 3)));

// ---- The linearizability checker --------------------------------------------------------------------
{
  const { checkLinearizability } = await import('../harness/checkers/index.ts');
  const { linearizableHistory, staleRead } = await import('../test/checkers/linearizability/register-histories.ts');
  for (const [ops, keys, clients] of [
    [1_000, 1, 4],
    [10_000, 10, 8],
    [10_000, 1, 4],
  ] as const) {
    const history = linearizableHistory({ ops, keys, clients, seed: 1, pending: 0.02 });
    const stale = staleRead(history, 2)!;
    let outcome = '';
    let staleOutcome = '';
    const okMs = bestOf(3, () => checkLinearizability(history), (v, ms) => ((outcome = `${v.outcome}, ${v.explored} states`), ms));
    const staleMs = bestOf(1, () => checkLinearizability(stale), (v, ms) => ((staleOutcome = `${v.outcome}, ${v.explored} states`), ms));
    line(`7. linearizability, ${ops} ops, ${keys} key${keys === 1 ? '' : 's'}, ${clients} clients (best of 3)`, `${okMs.toFixed(0)} ms (${outcome}); one stale read: ${staleMs.toFixed(0)} ms (${staleOutcome})`);
  }
}
