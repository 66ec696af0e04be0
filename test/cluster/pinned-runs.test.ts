/**
 * Every reference cluster, run through scenarios drawn from its exercise's families, gives the very
 * trace, history and final state it gave before the phased runner and the member split: the digests
 * below were taken from the code before that restructuring. A change in any event, its order or a
 * random draw changes a digest; when one changes on purpose, say why in the commit that updates it.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  referenceQuorumReader,
  referenceSiblingLogic,
  referenceTargetPolicy,
  runFailoverCluster,
  runLeaderlessStore,
  runSiblingStore,
} from '../../harness/cluster/index.ts';
import { buildSiblingScenario, siblingScenarioSpecArbitrary } from '../../harness/curriculum/workloads/siblings/scenarios.ts';
import { buildScenario, hiddenScenarioSpecArbitrary } from '../../harness/curriculum/failover-coordinator/scenarios.ts';
import { buildQuorumScenario, quorumSpecArbitrary } from '../../harness/curriculum/quorum-reader/scenarios.ts';
import { buildSloppyScenario, sloppySpecArbitrary } from '../../harness/curriculum/sloppy-quorum/scenarios.ts';
import type { TraceLog } from '../../harness/sim/index.ts';
import { majorityDecider as decider } from './majority-decider.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

function digest(run: { trace: TraceLog; history: unknown; final: unknown; recoveryStartsAt: number; endsAt: number; eventCount: number; stoppedBy?: unknown }, extra: unknown = null): string {
  const body = JSON.stringify([run.trace.toArray(), run.history, run.final, run.recoveryStartsAt, run.endsAt, run.eventCount, run.stoppedBy ?? null, extra]);
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}

describe('reference cluster runs stay byte-identical', () => {
  it('single-leader: hidden-tier failover scenarios', async () => {
    const digests: string[] = [];
    for (const spec of fc.sample(hiddenScenarioSpecArbitrary, { seed: 8, numRuns: 12 })) {
      const run = await runFailoverCluster(buildScenario(spec), decider, { hostYield });
      digests.push(digest(run, [run.members, run.decisions, run.timing]));
    }
    // The other ack rules exercise the leader's commit path differently.
    for (const spec of fc.sample(hiddenScenarioSpecArbitrary, { seed: 9, numRuns: 4 })) {
      for (const mode of ['async', 'semi-sync'] as const) {
        const run = await runFailoverCluster(buildScenario(spec), decider, { mode, clients: 2, hostYield });
        digests.push(digest(run, [run.decisions]));
      }
    }
    expect(digests).toEqual(PINNED.singleLeader);
  }, 60_000);

  it('leaderless: strict quorum reads and sloppy writes', async () => {
    const digests: string[] = [];
    for (const spec of fc.sample(quorumSpecArbitrary, { seed: 8, numRuns: 8 })) {
      const run = await runLeaderlessStore(buildQuorumScenario(spec), { reader: referenceQuorumReader, readPauseMs: { min: 60, max: 140 }, recoveryMs: 400, hostYield });
      digests.push(digest(run, [run.reads, run.writes, run.replicas, run.clients, run.keys]));
    }
    for (const spec of fc.sample(sloppySpecArbitrary, { seed: 8, numRuns: 6 })) {
      const run = await runLeaderlessStore(buildSloppyScenario(spec), { targets: referenceTargetPolicy, antiEntropy: false, recoveryMs: 1200, hostYield });
      // A write's lastChoice repeats its targets-chosen note, which the trace digest already holds.
      digests.push(digest(run, [run.reads, run.writes.map(({ lastChoice: _, ...w }) => w)]));
    }
    expect(digests).toEqual(PINNED.leaderless);
  }, 60_000);

  it('siblings: concurrent-writes scenarios', async () => {
    const digests: string[] = [];
    for (const spec of fc.sample(siblingScenarioSpecArbitrary, { seed: 8, numRuns: 12 })) {
      const run = await runSiblingStore(buildSiblingScenario(spec), referenceSiblingLogic());
      digests.push(digest(run, [run.replicas, run.clients, run.runawayAt ?? null]));
    }
    expect(digests).toEqual(PINNED.siblings);
  }, 60_000);
});

const PINNED = {
  singleLeader: [
    '34e2adb9a6f21e98',
    '9b52b858339db0b2',
    '5dbd921618b42e2a',
    'fb604124216b0ded',
    '27f5ebf83b8cd924',
    '2066d239e00d8af2',
    '679053b347ad7ac9',
    'e950fdd3af2936b5',
    '25fe2ee39f9503c8',
    'f5a3074b36a28ac3',
    '436bf8778bcdf630',
    '2c304f573191621b',
    '84247af0bad7046d',
    '56a07d9a3ccbd6d4',
    '74372121c654f63a',
    '7fa725f95be51604',
    'b2e4d2c907f37a9f',
    '9ec87fd8d0693069',
    '73a95660dd805e1c',
    '8077c2d124170967',
  ],
  leaderless: [
    'f6c56ffe49e562ba',
    'cdd39799500a573c',
    '239c631bbac6d998',
    '0795690cad67528d',
    '13587d0633ac6ce0',
    '17be5cf6613a9111',
    '471602412d43e2c4',
    'b3dffad388525e58',
    'cfd4811add0db19d',
    '2567e4998d694e1f',
    'cd948b363c65349e',
    'b486d78c3e4e4bc9',
    '571d64339d16611a',
    '96fb69979316053e',
  ],
  siblings: [
    'b5673c623ed02322',
    'b45b38c414f52029',
    '253800631a59ed5c',
    'f6ed12c09ab5574b',
    'ad3c1f9395a578fd',
    '4b2c1eb5d29bb28f',
    '37d3fce19381f59c',
    '1fd69539eb5f9a47',
    '5337c78cd967de29',
    '11220d503e51033b',
    '8b380d853f4ef60a',
    '25a54b726a60d947',
  ],
};
