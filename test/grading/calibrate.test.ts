/**
 * `workbook calibrate`: on one small exercise with a short ladder (the real run takes minutes per
 * exercise), every rung is read off one grading per fixture and seed at the top, the chosen count is
 * the first rung where every fixture is settled (calibration-rule.ts), it is written where grading
 * reads its defaults with the cost it was bounded by, and the time bound steps the costliest hidden
 * tier down.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { boundToBudget, type ExerciseCalibration } from '../../harness/grading/grade/calibrate.ts';
import { hiddenDefaultSchedules, loadHiddenDefaults, loadHiddenDefaultsFile, parseGradeConfig } from '../../harness/grading/index.ts';
import { workbook, type WorkbookRun } from '../cli/run-workbook.ts';

const dir = mkdtempSync(join(tmpdir(), 'ddia-calibrate-'));
const out = join(dir, 'hidden-defaults.json');
let run: WorkbookRun;
// The end-to-end run grades every fixture under each seed at the top (~15 s of CPU): CI runs it, a plain `npm test` keeps the unit tests.
const endToEnd = process.env.CI === 'true';

beforeAll(async () => {
  if (!endToEnd) return;
  run = await workbook(['calibrate', '--exercise', 'crdt-counters', '--ladder', '2,1', '--seeds', '2', '--jobs', '2', '--out', out]);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.runIf(endToEnd)('chooses the first rung whose verdicts agree under every seed and writes it where grading reads defaults', () => {
  expect(run.code, run.stderr).toBe(0);
  const file = loadHiddenDefaultsFile(out)!;
  expect(file.version).toBe(1);
  const { rungs, why, cpuMs } = file.calibration!.exercises['crdt-counters']!;
  // The rungs up to the stage that settled (here 1, else 2), smallest first, read off the gradings at its top.
  expect(rungs.map((r) => r.schedules)).toEqual([1, 2].slice(0, rungs.length));
  const stable = rungs.findIndex((r) => r.unstable === 0);
  expect(stable !== -1 || rungs.length === 2).toBe(true);
  expect(file.schedules['crdt-counters']).toBe(rungs[stable === -1 ? rungs.length - 1 : stable]!.schedules);
  expect(why).toBe(stable === -1 ? 'unstable' : 'stable');
  // The cost it was bounded by, recorded for the shipped-file test and later calibrations.
  expect(cpuMs.public).toBeGreaterThan(0);
  expect(file.calibration!.gradescopeMs).toBe(2 * (cpuMs.public + cpuMs.hidden));
  expect(loadHiddenDefaults(out)).toEqual(file.schedules);
  expect(run.stdout).toMatch(/^exercise +schedules +why +fixtures/m);
  expect(run.stdout).toMatch(new RegExp(`^crdt-counters +${file.schedules['crdt-counters']} +${why} +10 `, 'm'));
  expect(run.stdout).toContain("one student's workbook (the worst pair of each exercise)");
  expect(run.stdout).toContain('within the 180 s bound');
});

it('reads the shipped defaults for a hidden tier that names no count, and refuses a bad ladder', async () => {
  const config = parseGradeConfig({ hidden: { 'failover-coordinator': { seed: 1 } } }, 'test');
  expect(config.hidden['failover-coordinator']!.schedules).toBe(hiddenDefaultSchedules('failover-coordinator'));
  expect(loadHiddenDefaults(join(dir, 'absent.json'))).toEqual({});
  expect((await workbook(['calibrate', '--ladder', '0,10'])).stderr).toContain('--ladder takes a whole number from 1 to 600');
  expect((await workbook(['calibrate', '--seeds', '1'])).stderr).toContain('--seeds takes a whole number from 2');
});

it('steps the costliest hidden tier down a measured rung until the workbook fits the bound', () => {
  const ex = (exercise: string, schedules: number, costs: [number, number][], publicCpuMs: number): ExerciseCalibration => ({
    exercise,
    schedules,
    why: 'stable',
    rungs: costs.map(([s, hiddenCpuMs]) => ({ schedules: s, unstable: [], hiddenCpuMs })),
    publicCpuMs,
    fixtures: 1,
  });
  // 2 × (10 + 60 + 10 + 20) = 200 s > 180 s: the 60 s hidden tier steps down to 30 s, 2 × 70 = 140 s.
  const bounded = boundToBudget([ex('a', 600, [[120, 30_000], [600, 60_000]], 10_000), ex('b', 240, [[120, 15_000], [240, 20_000]], 10_000)], 180_000);
  expect(bounded.map((e) => [e.exercise, e.schedules, e.why])).toEqual([
    ['a', 120, 'bounded'],
    ['b', 240, 'stable'],
  ]);
  // Nothing left to lower: the counts stay at the lowest rung (the table then says OVER).
  expect(boundToBudget([ex('a', 120, [[120, 500_000]], 0)], 180_000).map((e) => e.schedules)).toEqual([120]);
});
