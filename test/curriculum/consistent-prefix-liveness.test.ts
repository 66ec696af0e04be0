/**
 * A regression of `cluster-everything-shows-up` (design §F.3): grading the reference solution with a
 * hidden tier at seed 144324 reported a harness bug at run 16. In that run o2's read at t=1465 ms got
 * no reply from s2 within the read timeout (the request and the reply were both late), so a correct
 * cut could not show u2-2; the check blamed the read anyway. A read with a silent shard is now not
 * judged by the liveness check; what it may still show is the cut's own check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runJudgedPrefix } from '../../harness/curriculum/consistent-prefix/cluster-checks.ts';
import { buildPrefixScenario, hiddenPrefixScenarioSpecArbitrary, type PrefixScenarioSpec } from '../../harness/curriculum/consistent-prefix/scenarios.ts';
import { inProcessCaller } from '../../harness/curriculum/index.ts';
import * as reference from '../../solutions/06-replication/3.3-consistent-prefix/consistent-prefix.ts';

const REPORTED: PrefixScenarioSpec = { family: 'question-answer', seed: 843438, latencyMax: 10, lossPct: 8, holdFor: 764, askAt: 141 };
const ctx = { call: inProcessCaller(reference as unknown as Record<string, unknown>), hostYield: () => new Promise<void>((r) => setImmediate(r)) };

describe('consistent-prefix: every message shows up, judged only where a cut could show it', () => {
  it('is the hidden tier’s run 16 at seed 144324, as graded', () => {
    const drawn = fc.sample(hiddenPrefixScenarioSpecArbitrary, { seed: 144_324, numRuns: 16 });
    expect(drawn[15]).toEqual(REPORTED);
  });

  it('passes the reference solution there, and the read that broke it really missed s2', async () => {
    const judged = await runJudgedPrefix(ctx, buildPrefixScenario(REPORTED), false);
    expect(judged.learnerProblem).toBeUndefined();
    expect(judged.firstBadCall).toBeUndefined();
    expect(judged.verdicts.filter((v) => !v.ok).map((v) => `${v.property}: ${v.explanation}`)).toEqual([]);
    const late = judged.run.chat.find((o) => o.kind === 'read' && o.session === 'o2' && o.invokedAt === 1465);
    expect(late).toMatchObject({ kind: 'read', shown: ['u1-1'], silent: ['s2'] });
    const shows = judged.verdicts.find((v) => v.property === 'everything-shows-up')!;
    expect(shows.counts).toMatchObject({ silentShardReads: expect.any(Number) });
    expect(shows.counts!.judgedReads).toBeGreaterThan(0);
  });
});
