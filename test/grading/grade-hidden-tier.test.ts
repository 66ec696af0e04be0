/**
 * The hidden tier's scenarios: nastier than the public ones (more five-member clusters, more faults),
 * bounded in size, and sound — the reference coordinator never breaks a property in them, so a hidden
 * failure is always the student's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFailoverRun } from '../../harness/checkers/index.ts';
import { runFailoverCluster } from '../../harness/cluster/index.ts';
import { buildScenario, hiddenScenarioSpecArbitrary, scenarioSpecArbitrary } from '../../harness/curriculum/failover-coordinator/scenarios.ts';
import type { FailoverView } from '../../harness/exercise/index.ts';
import * as solution from '../../solutions/06-replication/2.3-failover-coordinator/failover-coordinator.ts';

const decider = {
  validateSafeFailover: async (v: FailoverView) => ({ ok: true as const, value: solution.validateSafeFailover(v) }),
  electNewLeader: async (v: FailoverView) => ({ ok: true as const, value: solution.electNewLeader(v) }),
};

describe('hidden tier scenarios', () => {
  it('are bigger and nastier than the public ones', () => {
    const hidden = fc.sample(hiddenScenarioSpecArbitrary, { seed: 11, numRuns: 400 });
    const pub = fc.sample(scenarioSpecArbitrary, { seed: 11, numRuns: 400 });
    const five = (xs: typeof pub) => xs.filter((s) => s.members === 5).length / xs.length;
    const faults = (xs: typeof pub) => xs.reduce((n, s) => n + buildScenario(s).faults.length, 0) / xs.length;
    expect(five(hidden)).toBeGreaterThan(five(pub) + 0.15);
    expect(faults(hidden)).toBeGreaterThan(faults(pub));
  });

  it('never make the reference coordinator break a property, and stay near 2,000 events a run', async () => {
    const specs = fc.sample(hiddenScenarioSpecArbitrary, { seed: 4242, numRuns: 250 });
    let events = 0;
    const broken: string[] = [];
    for (const spec of specs) {
      const run = await runFailoverCluster(buildScenario(spec), decider);
      events += run.eventCount;
      for (const v of checkFailoverRun(run)) if (!v.ok) broken.push(`${v.property}: ${JSON.stringify(spec)}`);
    }
    expect(broken).toEqual([]);
    expect(events / specs.length).toBeLessThan(2000);
  }, 120_000);
});
