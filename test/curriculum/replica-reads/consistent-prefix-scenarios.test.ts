/**
 * consistent-prefix's scenarios: the hidden tier is nastier than the public one and sound (the
 * reference observe and cut never break a property in it), and each family builds the situation it
 * is named after.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runShardedChat, type ChatPolicy } from '../../../harness/cluster/index.ts';
import { referenceCut, referenceObserve } from '../../../harness/curriculum/consistent-prefix/acceptable.ts';
import { judgePrefixRun } from '../../../harness/curriculum/consistent-prefix/cluster-checks.ts';
import { buildPrefixScenario, hiddenPrefixScenarioSpecArbitrary, prefixScenarioSpecArbitrary } from '../../../harness/curriculum/consistent-prefix/scenarios.ts';

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
const reference: ChatPolicy = { observe: (s, o) => ok(referenceObserve(s, o)), consistentCut: (r) => ok(referenceCut(r)) };

describe('consistent-prefix scenarios', () => {
  it('the hidden tier has more loss and more faults than the public one', () => {
    const loss = (a: typeof prefixScenarioSpecArbitrary) => fc.sample(a, { seed: 3, numRuns: 300 }).reduce((n, s) => n + (s.lossPct ?? 0), 0);
    const faults = (a: typeof prefixScenarioSpecArbitrary) => fc.sample(a, { seed: 3, numRuns: 300 }).reduce((n, s) => n + buildPrefixScenario(s).faults.length, 0);
    expect(loss(hiddenPrefixScenarioSpecArbitrary)).toBeGreaterThan(loss(prefixScenarioSpecArbitrary));
    expect(faults(hiddenPrefixScenarioSpecArbitrary)).toBeGreaterThan(faults(prefixScenarioSpecArbitrary));
  });

  it('the reference never breaks a property in the hidden tier, within ≈ 100 calls a run', async () => {
    const broken: string[] = [];
    let calls = 0;
    const specs = fc.sample(hiddenPrefixScenarioSpecArbitrary, { seed: 5, numRuns: 40 });
    for (const spec of specs) {
      const run = await runShardedChat(buildPrefixScenario(spec), reference, { trace: false });
      calls += run.calls.observe! + run.calls.consistentCut!;
      for (const v of judgePrefixRun(run)) if (!v.ok) broken.push(`${spec.family} ${v.property}: ${v.explanation}`);
    }
    expect(broken).toEqual([]);
    expect(calls / specs.length).toBeLessThan(120);
  }, 120_000);
});
