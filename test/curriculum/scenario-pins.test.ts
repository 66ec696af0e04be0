/**
 * The scenario arbitraries of every cluster exercise draw the same specs, build the same fault
 * schedules and describe them in the same words as before the scenario kit: replay tokens hold specs,
 * so a changed draw would silently change what an old token replays. The digests were taken from the
 * code before the kit; a digest that changes on purpose needs a new replay format number.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSiblingScenario, describeSiblingSpec, siblingScenarioSpecArbitrary } from '../../harness/curriculum/workloads/siblings/scenarios.ts';
import { buildScenario, describeSpec, hiddenScenarioSpecArbitrary, scenarioSpecArbitrary } from '../../harness/curriculum/failover-coordinator/scenarios.ts';
import { buildQuorumScenario, describeQuorumSpec, inFlightSpecArbitrary, quorumSpecArbitrary, weakQuorumSpecArbitrary } from '../../harness/curriculum/quorum-reader/scenarios.ts';
import { buildSloppyScenario, describeSloppySpec, sloppySpecArbitrary } from '../../harness/curriculum/sloppy-quorum/scenarios.ts';

function pin<S>(arbitrary: fc.Arbitrary<S>, build: (spec: S) => unknown, describe: (spec: S) => string): string {
  const hash = createHash('sha256');
  for (const seed of [1, 2, 3]) {
    for (const spec of fc.sample(arbitrary, { seed, numRuns: 150 })) hash.update(JSON.stringify([spec, build(spec), describe(spec)]));
  }
  // Shrinking walks the same arbitraries: pin every value a shrink visits, under a predicate that
  // fails on long specs (so most fields shrink).
  fc.check(
    fc.property(arbitrary, (spec) => {
      const json = JSON.stringify(spec);
      hash.update(json);
      return json.length < 150;
    }),
    { seed: 5, numRuns: 100 },
  );
  return hash.digest('hex').slice(0, 16);
}

describe('scenario arbitraries draw, build and describe exactly as before', () => {
  it.each([
    ['failover public', () => pin(scenarioSpecArbitrary, buildScenario, describeSpec)],
    ['failover hidden', () => pin(hiddenScenarioSpecArbitrary, buildScenario, describeSpec)],
    ['quorum strict', () => pin(quorumSpecArbitrary, buildQuorumScenario, describeQuorumSpec)],
    ['quorum weak', () => pin(weakQuorumSpecArbitrary, buildQuorumScenario, describeQuorumSpec)],
    ['quorum in flight', () => pin(inFlightSpecArbitrary, buildQuorumScenario, describeQuorumSpec)],
    ['sloppy', () => pin(sloppySpecArbitrary, buildSloppyScenario, describeSloppySpec)],
    ['siblings', () => pin(siblingScenarioSpecArbitrary, buildSiblingScenario, describeSiblingSpec)],
  ])('%s', (name, digest) => {
    expect(digest()).toBe(PINNED[name as keyof typeof PINNED]);
  });
});

const PINNED = {
  'failover public': 'ed12249b8be2ca81',
  'failover hidden': 'f129d945bbf514da',
  'quorum strict': '757d08419012c97b',
  'quorum weak': 'bf1fe7334dbc9a0b',
  'quorum in flight': '5042880ae1ba5537',
  sloppy: '044eb15e2e696e69',
  siblings: '3ff494acd75fb4c1',
};
