/**
 * `workbook calibrate [--exercise <id>]… [--ladder 30,60,…] [--seeds N] [--jobs N] [--config <file>] [--out <file>]`
 *
 * Chooses each exercise's default hidden-tier schedule count (grading/grade/calibrate.ts), prints
 * how, and writes the counts where grading reads its defaults (hidden-defaults.json in the harness,
 * or `--out`). Slow by nature: every buggy fixture under several seeds at the top count.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { EXERCISES } from '../../curriculum/index.ts';
import {
  calibrate,
  CalibrationError,
  ConfigError,
  describeChance,
  DEFAULT_BUDGET_MS,
  DEFAULT_LADDER,
  DEFAULT_LIMITS,
  DEFAULT_SEEDS,
  HIDDEN_DEFAULTS_FILE,
  hiddenDefaultsJson,
  loadGradeConfig,
  loadHiddenDefaultsFile,
  MAX_HIDDEN_SCHEDULES,
  packageRoot,
  recordedCpuMs,
  writeFileAtomic,
  type Calibration,
} from '../../grading/index.ts';
import type { CommandSpec } from '../command.ts';
import { UsageError } from '../io.ts';

export const calibrateSpec: CommandSpec = {
  name: 'calibrate',
  learnerWorkbook: false,
  usage: [
    "workbook calibrate  choose each exercise's default hidden-tier schedule count (slow: minutes per exercise)",
    '    --exercise <id>            calibrate only this exercise (repeatable; default: every exercise)',
    `    --ladder <n,n,…>           the schedule counts to try, tried smallest first (default ${DEFAULT_LADDER.join(',')})`,
    `    --seeds <n>                seeds each count must agree under, each graded once at the top count (default ${DEFAULT_SEEDS})`,
    `    --budget <s>               one student's whole workbook on 0.5 vCPU, at most (default ${DEFAULT_BUDGET_MS / 1000})`,
    '    --jobs <n>                 pairs graded at once (default: the number of cores)',
    '    --config <file>            take the learner limits from this grading configuration',
    `    --out <file>               where to write the counts (default: the harness's ${HIDDEN_DEFAULTS_FILE})`,
  ],
  options: {
    exercise: { type: 'string', multiple: true },
    ladder: { type: 'string' },
    seeds: { type: 'string' },
    budget: { type: 'string' },
    jobs: { type: 'string' },
    config: { type: 'string' },
    out: { type: 'string' },
  },
  async run({ values }, io) {
    const whole = (name: string, text: unknown, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number => {
      if (text === undefined) return fallback;
      const n = Number(text);
      if (!/^\d+$/.test(String(text)) || n < min || n > max) throw new UsageError(`--${name} takes a whole number from ${min} to ${max}`);
      return n;
    };
    const ladder =
      values.ladder === undefined ? DEFAULT_LADDER : String(values.ladder).split(',').map((x) => whole('ladder', x.trim(), 0, 1, MAX_HIDDEN_SCHEDULES));
    const seeds = whole('seeds', values.seeds, DEFAULT_SEEDS, 2);
    const jobs = whole('jobs', values.jobs, availableParallelism());
    const budgetMs = whole('budget', values.budget, DEFAULT_BUDGET_MS / 1000) * 1000;
    const known = EXERCISES.map((e) => e.id);
    const chosen = (values.exercise as string[] | undefined) ?? known;
    for (const id of chosen) if (!known.includes(id)) throw new UsageError(`--exercise ${id}: no such exercise (known: ${known.join(', ')})`);
    let limits = DEFAULT_LIMITS;
    if (typeof values.config === 'string') {
      try {
        limits = loadGradeConfig(resolve(values.config)).limits;
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
    }
    const out = typeof values.out === 'string' ? resolve(values.out) : join(packageRoot(), HIDDEN_DEFAULTS_FILE);
    let result: Calibration;
    const previous = loadHiddenDefaultsFile(out);
    const exercises = known.filter((id) => chosen.includes(id));
    try {
      // Exercises calibrated before and not now keep their recorded cost, which counts against the bound.
      result = await calibrate({ exercises, ladder, seeds, limits, jobs, budgetMs, otherCpuMs: recordedCpuMs(previous, exercises), onProgress: (line) => io.err(`workbook calibrate: ${line}\n`) });
    } catch (error) {
      if (error instanceof CalibrationError) throw new UsageError(error.message);
      throw error;
    }
    writeFileAtomic(out, hiddenDefaultsJson(result, previous));
    io.out(renderCalibration(result));
    io.out(`wrote ${out}\n`);
    return 0;
  },
};

/** The table: per exercise the count, why, what each rung found, and the time estimate. */
export function renderCalibration(c: Calibration): string {
  const rows = [['exercise', 'schedules', 'why', 'fixtures', 'seed-dependent fixtures per count', 'worst pair CPU (public + hidden)']];
  for (const e of c.exercises) {
    const rung = e.rungs.find((r) => r.schedules === e.schedules);
    rows.push([
      e.exercise,
      e.schedules === undefined ? '-' : String(e.schedules),
      e.why ?? 'no hidden tier',
      String(e.fixtures),
      e.rungs.map((r) => `${r.schedules}: ${r.unstable.length}`).join(', ') || '-',
      `${(e.publicCpuMs / 1000).toFixed(1)} + ${((rung?.hiddenCpuMs ?? 0) / 1000).toFixed(1)} s`,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const fits = c.gradescopeMs <= c.budgetMs;
  lines.push(
    '',
    `one student's workbook (the worst pair of each exercise): ${(c.studentCpuMs / 1000).toFixed(1)} s CPU, about ${(c.gradescopeMs / 1000).toFixed(0)} s on Gradescope's 0.5 vCPU; ${fits ? 'within' : 'OVER'} the ${c.budgetMs / 1000} s bound`,
    `seeds tried: ${c.seeds.join(', ')}`,
  );
  const unsettled = c.exercises.flatMap((e) => (e.unsettled ?? []).map((u) => `  ${e.exercise}/${u.fixture}: ${u.checks.map(describeChance).join('; ') || 'its verdicts differ under the seeds tried'}`));
  if (unsettled.length > 0) lines.push('', 'not settled at the chosen count (a count the ladder lacks may settle a check; beyond 600, it finds the bug only by chance):', ...unsettled);
  return `${lines.join('\n')}\n`;
}
