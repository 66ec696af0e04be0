/**
 * How `workbook calibrate` decides from one grading per (fixture, seed) at the top count what every
 * smaller count would have found, and which count is sound. A check's first runs (first-runs.ts) say
 * from which count on it fails under that seed; a check without them (a fixed case, or a pass)
 * reports the same at every count.
 *
 * Agreement among a handful of seeds is not enough: a check that fails under every seed tried may
 * still pass under the next one. So each check that fails under any seed gets an estimate of its
 * chance to fail per schedule, p̂ = (seeds it failed under) / (schedules watched before each seed's
 * first failure, or all of them) — the maximum-likelihood estimate of a geometric waiting time with
 * censoring — and a count is sound for a fixture when its verdicts agree under every seed tried and
 * every such check fails within that count with probability at least 1 − ε under any seed:
 * (1 − p̂)^count ≤ ε. A bug a check finds only by chance (a small p̂) makes no count up to the top
 * sound; the fixture is then reported, with p̂ and the count it would need.
 */
import type { CheckStatus, FirstRuns } from '../../curriculum/check.ts';
import { firstNotPassed, statusAt } from '../../curriculum/first-runs.ts';

/** The chance, at most, that a seed outside those tried gives a check that failed another verdict. */
export const EPSILON = 0.01;

/** One check as a calibrating grading returned it. */
export interface CalibratedCheck {
  readonly id: string;
  readonly status: CheckStatus;
  readonly firstRuns?: FirstRuns;
}

/** One fixture graded under one seed at the top count. */
export type SeedGrading = readonly CalibratedCheck[];

/** A check that did not pass under some seed: how it fails, seed by seed. */
export interface ChanceCheck {
  readonly check: string;
  /** Per seed tried, the first count at which it does not pass; null: it passed at the top count. */
  readonly from: readonly (number | null)[];
  /** The estimated chance per schedule that it fails (p̂). */
  readonly perSchedule: number;
  /** The smallest count at which it fails with probability ≥ 1 − ε under any seed; Infinity when p̂ is 0. */
  readonly needs: number;
}

/** What `c` reports at `schedules` (`unknown` where the top run cannot tell). */
export function checkAt(c: CalibratedCheck, schedules: number): CheckStatus | 'unknown' {
  return c.firstRuns === undefined ? c.status : statusAt(c.firstRuns, schedules);
}

/** A fixture's verdicts at `schedules` under one seed, as one comparable string. */
export function verdictAt(g: SeedGrading, schedules: number): string {
  return g.map((c) => `${c.id}:${checkAt(c, schedules)}`).join(' ');
}

/** The first count from which `c` does not pass, or null. */
function failsFrom(c: CalibratedCheck): number | null {
  if (c.firstRuns === undefined) return c.status === 'passed' ? null : 1;
  return firstNotPassed(c.firstRuns) ?? null;
}

/** The count at which a check failing with p per schedule fails with probability ≥ 1 − ε. */
export function countNeeded(p: number, epsilon = EPSILON): number {
  if (p <= 0) return Number.POSITIVE_INFINITY;
  if (p >= 1) return 1;
  return Math.ceil(Math.log(epsilon) / Math.log(1 - p));
}

/** Every check of a fixture that does not pass under some seed at the top count `top`. */
export function chanceChecks(gradings: readonly SeedGrading[], top: number): ChanceCheck[] {
  const ids = gradings[0]?.map((c) => c.id) ?? [];
  const out: ChanceCheck[] = [];
  for (const id of ids) {
    const from = gradings.map((g) => {
      const c = g.find((x) => x.id === id);
      return c === undefined ? null : failsFrom(c);
    });
    const failed = from.filter((f) => f !== null).length;
    if (failed === 0) continue;
    const watched = from.reduce<number>((s, f) => s + (f ?? top), 0);
    const perSchedule = failed / watched;
    out.push({ check: id, from, perSchedule, needs: countNeeded(perSchedule) });
  }
  return out;
}

/**
 * Whether `schedules` is a sound count for a fixture: its verdicts agree under every seed tried, and
 * every check that failed under any seed fails, under every seed tried, by then, and with probability
 * ≥ 1 − ε under any other seed.
 */
export function settledAt(gradings: readonly SeedGrading[], chances: readonly ChanceCheck[], schedules: number): boolean {
  const verdicts = new Set(gradings.map((g) => verdictAt(g, schedules)));
  if (verdicts.size > 1 || [...verdicts].some((v) => v.includes(':unknown'))) return false;
  return chances.every((c) => c.from.every((f) => f !== null && f <= schedules) && c.needs <= schedules);
}
