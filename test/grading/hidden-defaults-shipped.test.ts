/**
 * The shipped hidden-tier defaults (harness/grading/grade/hidden-defaults.json, written by
 * `workbook calibrate`): a valid file naming every exercise with a hidden tier, each count what its
 * recorded calibration chose, and one student's whole workbook within the 3-minute bound on
 * Gradescope's 0.5 vCPU by the cost it recorded.
 */
import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../../harness/curriculum/index.ts';
import { DEFAULT_BUDGET_MS, GRADESCOPE_SLOWDOWN, hasHiddenTier, hiddenDefaultSchedules, loadHiddenDefaults, loadHiddenDefaultsFile, MAX_HIDDEN_SCHEDULES } from '../../harness/grading/index.ts';

const file = loadHiddenDefaultsFile();

describe('the shipped hidden-tier defaults', () => {
  it('are a valid file naming every exercise with a hidden tier, and grading reads them', () => {
    expect(file?.version).toBe(1);
    const hidden = EXERCISES.filter(hasHiddenTier).map((e) => e.id);
    expect(Object.keys(file!.schedules).sort()).toEqual([...hidden].sort());
    for (const id of hidden) expect(file!.calibration!.exercises[id], id).toBeDefined();
    for (const id of hidden) {
      const n = file!.schedules[id]!;
      expect(Number.isInteger(n) && n >= 1 && n <= MAX_HIDDEN_SCHEDULES, id).toBe(true);
      expect(hiddenDefaultSchedules(id)).toBe(n);
    }
    expect(loadHiddenDefaults()).toEqual(file!.schedules);
  });

  it('record how each count was chosen, and the count follows from the record', () => {
    const c = file!.calibration!;
    for (const id of Object.keys(c.exercises)) expect(EXERCISES.some((e) => e.id === id), id).toBe(true);
    for (const [id, e] of Object.entries(c.exercises)) {
      const n = file!.schedules[id];
      if (n === undefined) {
        expect(e.why, id).toBeUndefined();
        continue;
      }
      // The rungs tried, smallest first (up to the stage that settled it, or its whole ladder), the count among them.
      const tried = e.rungs.map((r) => r.schedules);
      expect(tried, id).toEqual([...tried].sort((a, b) => a - b));
      expect(tried, id).toContain(n);
      const stable = e.rungs.find((r) => r.unstable === 0)?.schedules;
      if (e.why === 'stable') expect(n, id).toBe(stable);
      if (e.why === 'unstable') expect([n, stable], id).toEqual([tried.at(-1), undefined]);
      if (e.why === 'bounded') expect(n < (stable ?? Number.POSITIVE_INFINITY), id).toBe(true);
      // What is left unsettled at the chosen count is named, with its estimate.
      if (e.why !== 'bounded') expect((e.unsettled ?? []).length, id).toBe(e.rungs.find((r) => r.schedules === n)!.unstable);
    }
  });

  it("keep one student's whole workbook within 3 minutes on Gradescope's 0.5 vCPU", () => {
    const c = file!.calibration!;
    const cpu = Object.values(c.exercises).reduce((s, e) => s + e.cpuMs.public + e.cpuMs.hidden, 0);
    expect(cpu).toBe(c.studentCpuMs);
    expect(c.gradescopeMs).toBe(cpu * GRADESCOPE_SLOWDOWN);
    expect(c.budgetMs).toBeLessThanOrEqual(DEFAULT_BUDGET_MS);
    expect(c.gradescopeMs).toBeLessThanOrEqual(c.budgetMs);
  });
});
