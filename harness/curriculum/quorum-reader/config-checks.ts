/**
 * Decision checks for `checkQuorumConfig`: hand-picked configurations, each with its one acceptable
 * verdict (any `reason` text is fine for a refusal).
 */
import type { QuorumConfig } from '../../exercise/index.ts';
import { hashSeed } from '../../sim/index.ts';
import { capConsole, type CheckContext, type CheckGroup, type CheckInfo, type CheckResult } from '../check.ts';
import { answerFailure } from '../learner-session.ts';

export interface ConfigCase {
  readonly check: 'config-rejects-invalid' | 'config-reports-overlap';
  readonly config: QuorumConfig;
  /** undefined: must be refused; otherwise the expected `overlapping`. */
  readonly overlapping?: boolean;
  readonly why: string;
}

const c = (n: number, w: number, r: number): QuorumConfig => ({ n, w, r });

export const CONFIG_CASES: readonly ConfigCase[] = [
  { check: 'config-reports-overlap', config: c(3, 2, 2), overlapping: true, why: '2 + 2 > 3' },
  { check: 'config-reports-overlap', config: c(3, 1, 1), overlapping: false, why: '1 + 1 ≤ 3' },
  { check: 'config-reports-overlap', config: c(3, 1, 3), overlapping: true, why: '1 + 3 > 3' },
  { check: 'config-reports-overlap', config: c(5, 2, 3), overlapping: false, why: '2 + 3 = 5 is not more than 5' },
  { check: 'config-reports-overlap', config: c(5, 3, 3), overlapping: true, why: '3 + 3 > 5' },
  { check: 'config-reports-overlap', config: c(1, 1, 1), overlapping: true, why: 'a single replica overlaps itself' },
  { check: 'config-reports-overlap', config: c(4, 2, 2), overlapping: false, why: '2 + 2 = 4 is not more than 4' },
  { check: 'config-rejects-invalid', config: c(0, 0, 0), why: 'n must be at least 1' },
  { check: 'config-rejects-invalid', config: c(3, 4, 2), why: 'w cannot exceed n' },
  { check: 'config-rejects-invalid', config: c(3, 2, 4), why: 'r cannot exceed n' },
  { check: 'config-rejects-invalid', config: c(3, 0, 3), why: 'w must be at least 1' },
  { check: 'config-rejects-invalid', config: c(3, 3, 0), why: 'r must be at least 1' },
  { check: 'config-rejects-invalid', config: c(3, 1.5, 2), why: 'w must be a whole number' },
  { check: 'config-rejects-invalid', config: c(2.5, 2, 2), why: 'n must be a whole number' },
  { check: 'config-rejects-invalid', config: c(3, 2, -1), why: 'r must be at least 1' },
  { check: 'config-rejects-invalid', config: c(Number.NaN, 1, 1), why: 'n must be a number' },
];

const CHECKS: readonly CheckInfo[] = [
  { id: 'config-rejects-invalid', title: 'checkQuorumConfig refuses impossible configurations', weight: 1 },
  { id: 'config-reports-overlap', title: 'checkQuorumConfig reports overlap exactly when r + w > n', weight: 1 },
];

const show = (x: QuorumConfig): string => `{ n: ${x.n}, w: ${x.w}, r: ${x.r} }`;

export const quorumConfigChecks: CheckGroup = {
  checks: CHECKS,
  replayable: false,
  async run(ctx: CheckContext): Promise<CheckResult[]> {
    const results: CheckResult[] = [];
    for (const check of CHECKS) {
      let output = '';
      let failure: Omit<CheckResult, 'id' | 'title' | 'weight'> | undefined;
      for (const [i, k] of CONFIG_CASES.filter((x) => x.check === check.id).entries()) {
        const answer = await ctx.call('checkQuorumConfig', [{ ...k.config }], { seed: hashSeed(ctx.seed, `${check.id}:${i}`), now: 0 });
        if ('console' in answer) output += answer.console;
        const problem = answerFailure('checkQuorumConfig', answer);
        if (problem !== undefined) {
          failure = { ...problem, details: [`config ${show(k.config)}`] };
          break;
        }
        const verdict = (answer as { value: unknown }).value as { ok?: unknown; overlapping?: unknown; reason?: unknown } | null;
        const got = JSON.stringify(verdict) ?? String(verdict);
        if (typeof verdict !== 'object' || verdict === null || typeof verdict.ok !== 'boolean') {
          failure = { status: 'failed', message: `checkQuorumConfig(${show(k.config)}) must return { ok: true, overlapping } or { ok: false, reason }, got ${got}`, details: [] };
          break;
        }
        if (k.overlapping === undefined ? verdict.ok : !verdict.ok || verdict.overlapping !== k.overlapping) {
          const expected = k.overlapping === undefined ? '{ ok: false, reason }' : `{ ok: true, overlapping: ${k.overlapping} }`;
          failure = { status: 'failed', message: `checkQuorumConfig(${show(k.config)}) returned ${got}; expected ${expected} (${k.why})`, details: [] };
          break;
        }
        if (!verdict.ok && typeof verdict.reason !== 'string') {
          failure = { status: 'failed', message: `checkQuorumConfig(${show(k.config)}) refused without a reason string: ${got}`, details: [] };
          break;
        }
      }
      const consoleField = output === '' ? {} : { console: capConsole(output) };
      results.push(failure ? { ...check, ...failure, ...consoleField } : { ...check, status: 'passed', message: '', details: [], ...consoleField });
    }
    return results;
  },
};
