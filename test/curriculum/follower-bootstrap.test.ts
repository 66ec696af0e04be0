/**
 * follower-bootstrap's hand-written cases against its reference, its acceptable sets, and its
 * scenario families: each targeted family breaks its listed bug on every run it draws (design §B.8 (b)).
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATCH_UP_TIMING } from '../../harness/cluster/index.ts';
import { caseExpectationProblems } from '../../harness/curriculum/follower-bootstrap/cases.ts';
import { runJudged } from '../../harness/curriculum/follower-bootstrap/cluster-checks.ts';
import { CATCH_UP_REQUESTS, FOLLOWER_STATES } from '../../harness/curriculum/follower-bootstrap/reference.ts';
import { bootstrapSpecArbitrary, buildBootstrapScenario, hiddenBootstrapSpecArbitrary, LATE_JOIN_MIN_MS, WRITING_MS, type BootstrapFamily } from '../../harness/curriculum/follower-bootstrap/scenarios.ts';
import { packageRoot } from '../../harness/grading/index.ts';
import { inProcessCaller } from '../../harness/curriculum/index.ts';

describe('follower-bootstrap decision cases and acceptable sets', () => {
  it('the written answers are the reference answers', () => {
    expect(caseExpectationProblems()).toEqual([]);
  });

  it('accepts either request from a new follower, only the next entry otherwise, and compares data by content', () => {
    const empty = { appliedLsn: 0, data: {} };
    expect(CATCH_UP_REQUESTS.accepts({ state: empty, leaderFirstLsn: 1 }, { kind: 'snapshot' })).toBe(true);
    expect(CATCH_UP_REQUESTS.accepts({ state: empty }, { kind: 'entries', fromLsn: 1 })).toBe(true);
    expect(CATCH_UP_REQUESTS.accepts({ state: { appliedLsn: 3, data: {} } }, { kind: 'snapshot' })).toBe(false);
    expect(CATCH_UP_REQUESTS.accepts({ state: { appliedLsn: 3, data: {} }, leaderFirstLsn: 4 }, { kind: 'entries', fromLsn: 5 })).toBe(false);
    const q = { fn: 'installSnapshot', state: { appliedLsn: 3, data: { a: 'x', b: '1' } }, snapshot: { lsn: 5, data: { a: 'x' } } } as const;
    expect(FOLLOWER_STATES.accepts(q, { data: { a: 'x' }, appliedLsn: 5 })).toBe(true);
    expect(FOLLOWER_STATES.accepts(q, { appliedLsn: 5, data: { a: 'x', b: '1' } })).toBe(false);
  });
});

describe('follower-bootstrap scenarios', () => {
  it('a late joiner joins after at least 2 × retainEntries writes, and every follower joins before the writes stop', () => {
    const t = DEFAULT_CATCH_UP_TIMING;
    expect(2 * Math.floor(LATE_JOIN_MIN_MS / t.writeMaxMs)).toBeGreaterThanOrEqual(2 * t.retainEntries);
    for (const arb of [bootstrapSpecArbitrary, hiddenBootstrapSpecArbitrary])
      for (const spec of fc.sample(arb, { seed: 1, numRuns: 200 })) {
        const s = buildBootstrapScenario(spec);
        expect(s.joinAt).toBeLessThanOrEqual(s.clientsStopAt);
        expect(s.faults.every((f) => f.at < WRITING_MS)).toBe(true);
        if (spec.family === 'late-joiner') expect(s.joinAt).toBeGreaterThanOrEqual(LATE_JOIN_MIN_MS);
      }
  });

  const FORCED: readonly (readonly [string, BootstrapFamily, string])[] = [
    ['reapplies-overlap', 'lossy-stream', 'state-matches-position'],
    ['applies-past-gap', 'lossy-stream', 'state-matches-position'],
    ['position-from-batch', 'lossy-stream', 'state-matches-position'],
    ['merges-snapshot', 'partitioned-replica', 'state-matches-position'],
    ['installs-older-snapshot', 'slow-snapshot', 'never-goes-back'],
    ['snapshot-keeps-old-position', 'late-joiner', 'state-matches-position'],
    ['ignores-truncation', 'late-joiner', 'catches-up'],
    ['snapshot-after-every-restart', 'crash-mid-catch-up', 'snapshot-only-when-needed'],
  ];
  const specs = fc.sample(bootstrapSpecArbitrary, { seed: 4, numRuns: 300 });
  it.each(FORCED)('%s breaks in every %s run (%s)', async (fixture, family, property) => {
    const file = join(packageRoot(), 'test', 'fixtures', 'buggy', 'follower-bootstrap', `${fixture}.ts`);
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const ctx = { call: inProcessCaller(module), hostYield: () => new Promise<void>((r) => setImmediate(r)) };
    for (const spec of specs.filter((s) => s.family === family).slice(0, 3)) {
      const judged = await runJudged(ctx, buildBootstrapScenario(spec), false);
      expect(judged.verdicts.find((v) => v.property === property)?.ok, JSON.stringify(spec)).toBe(false);
    }
  });
});
