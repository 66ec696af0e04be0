/**
 * Decision checks for `checkQuorumConfig`: hand-picked configurations, each with its one acceptable
 * verdict (any `reason` text is fine for a refusal).
 */
import type { QuorumConfig } from '../../exercise/index.ts';
import { caseCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { statedBy, type AcceptableSet } from '../expectation.ts';

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

/** Whether a configuration can run at all: whole numbers, 1 ≤ w, r ≤ n. */
const valid = (k: QuorumConfig): boolean => [k.n, k.w, k.r].every(Number.isInteger) && k.n >= 1 && k.w >= 1 && k.r >= 1 && k.w <= k.n && k.r <= k.n;

/** The verdicts a correct `checkQuorumConfig` returns, by the README's rules (any reason text for a refusal). */
export const CONFIG_VERDICTS: AcceptableSet<QuorumConfig, unknown> = {
  name: 'quorum-reader/config',
  accepts: (k, answer) => {
    const v = answer as { ok?: unknown; overlapping?: unknown; reason?: unknown } | null;
    if (typeof v !== 'object' || v === null) return false;
    return valid(k) ? v.ok === true && v.overlapping === k.r + k.w > k.n : v.ok === false && typeof v.reason === 'string';
  },
};

export const quorumConfigChecks: CheckGroup = caseCheckGroup<ConfigCase>({
  checks: CHECKS,
  cases: CONFIG_CASES,
  acceptableSets: [CONFIG_VERDICTS],
  ask: (k) => ({ fn: 'checkQuorumConfig', args: [{ ...k.config }] }),
  judge: (k, value) => {
    const verdict = value as { ok?: unknown; overlapping?: unknown; reason?: unknown } | null;
    const got = JSON.stringify(verdict) ?? String(verdict);
    const stated = k.overlapping === undefined ? { ok: false, reason: k.why } : { ok: true, overlapping: k.overlapping };
    const wrong = (message: string) => ({ message, expected: statedBy(CONFIG_VERDICTS, k.config, value, [stated]) });
    if (typeof verdict !== 'object' || verdict === null || typeof verdict.ok !== 'boolean')
      return wrong(`checkQuorumConfig(${show(k.config)}) must return { ok: true, overlapping } or { ok: false, reason }, got ${got}`);
    if (k.overlapping === undefined ? verdict.ok : !verdict.ok || verdict.overlapping !== k.overlapping) {
      const expected = k.overlapping === undefined ? '{ ok: false, reason }' : `{ ok: true, overlapping: ${k.overlapping} }`;
      return wrong(`checkQuorumConfig(${show(k.config)}) returned ${got}; expected ${expected} (${k.why})`);
    }
    if (!verdict.ok && typeof verdict.reason !== 'string') return wrong(`checkQuorumConfig(${show(k.config)}) refused without a reason string: ${got}`);
    return null;
  },
  show: (k) => [`config ${show(k.config)}`],
});
