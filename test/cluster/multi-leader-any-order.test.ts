/**
 * The multi-leader cluster in `any-order` mode (conflict-resolution) with the reference resolver:
 * under random faults and skewed clocks every version reaches every leader and all three properties
 * hold, with and without the learner-stamped runs; without anti-entropy a resolver that keeps its
 * second argument on a tie leaves two leaders apart for good; a scripted accept after a clock step
 * back stamps the same timestamp again; same seed, same trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConflictRun, conflictRecord } from '../../harness/checkers/index.ts';
import { referenceResolverHooks, runMultiLeader, type MultiLeaderScenario, type ResolverHooks } from '../../harness/cluster/index.ts';
import type { Fault, TimedFault } from '../../harness/sim/index.ts';

const leaders3 = ['n1', 'n2', 'n3'];

const base = (over: Partial<MultiLeaderScenario> = {}): MultiLeaderScenario => ({
  seed: 1,
  latency: { min: 1, max: 8 },
  loss: 0.03,
  duplicate: 0.05,
  reorder: 0.05,
  faults: [],
  faultPhaseMs: 500,
  delivery: 'any-order',
  antiEntropy: true,
  leaders: 3,
  topology: { kind: 'all-to-all', leaders: leaders3 },
  writesPerClient: 5,
  steps: [],
  scriptedClients: [],
  ...over,
});

const node = fc.constantFrom(...leaders3);
const fault: fc.Arbitrary<Fault> = fc.oneof(
  node.map((n): Fault => ({ kind: 'crash', node: n })),
  node.map((n): Fault => ({ kind: 'restart', node: n })),
  node.map((n): Fault => ({ kind: 'pause', node: n })),
  node.map((n): Fault => ({ kind: 'resume', node: n })),
  fc.tuple(node, fc.integer({ min: -300, max: 300 })).map(([n, skewMs]): Fault => ({ kind: 'clock', node: n, skewMs, drift: 0.01 })),
  node.map((n): Fault => ({ kind: 'partition', sides: [[n, `c${n.slice(1)}`], leaders3.filter((x) => x !== n)] })),
  fc.constant<Fault>({ kind: 'heal' }),
);
const faults = fc.array(fc.record({ at: fc.integer({ min: 0, max: 450 }), fault }), { maxLength: 6 }).map((fs: TimedFault[]) => [...fs].sort((a, b) => a.at - b.at));

const keepsSecondOnTie: ResolverHooks = { ...referenceResolverHooks, lastWriteWins: async (a, b) => ({ ok: true, value: a.timestamp > b.timestamp ? a : b }) };

describe('the multi-leader cluster, any-order', () => {
  it('with the reference resolver, every property holds under random faults and clocks, stamped by the clock or by nextTimestamp', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), faults, fc.boolean(), async (seed, fs, learnerStamps) => {
        const run = await runMultiLeader(base({ seed, faults: fs, learnerStamps }), referenceResolverHooks);
        expect(run.stoppedBy).toBeUndefined();
        const verdicts = [...checkConflictRun(run), ...checkConflictRun(run, true)];
        expect(verdicts.filter((v) => !v.ok).map((v) => v.explanation)).toEqual([]);
        expect(conflictRecord(run).versions.size).toBeGreaterThan(0);
      }),
      { numRuns: 10, seed: 3 },
    );
  });

  it('without anti-entropy, a tie kept as the second argument leaves two leaders apart for good', async () => {
    const at = { atMs: 20 };
    const run = await runMultiLeader(
      base({ leaders: 2, topology: { kind: 'all-to-all', leaders: ['n1', 'n2'] }, antiEntropy: false, loss: 0, duplicate: 0, scriptedClients: ['c1', 'c2'], steps: [{ when: at, action: { kind: 'accept', leader: 'n1', op: 'set:email' } }, { when: at, action: { kind: 'accept', leader: 'n2', op: 'set:email' } }] }),
      keepsSecondOnTie,
    );
    const [a, b] = run.final.map((f) => f.profile!.fields.email!.write);
    expect([a, b]).toEqual(['c2-1', 'c1-1']);
    expect(checkConflictRun(run).find((v) => v.property === 'replicas-converge')?.ok).toBe(false);
  });

  it('a clock stepped back by d and an accept d ms later stamp the same timestamp twice at one leader', async () => {
    const run = await runMultiLeader(
      base({
        scriptedClients: ['c1', 'c2', 'c3'],
        steps: [
          { when: { stamped: 'email', at: 'n2' }, action: { kind: 'fault', fault: { kind: 'clock', node: 'n2', skewMs: -50, drift: 0 } } },
          { when: { step: 0 }, afterMs: 50, action: { kind: 'accept', leader: 'n2', op: 'set:email' } },
          { when: { atMs: 5 }, action: { kind: 'accept', leader: 'n2', op: 'set:email' } },
        ],
      }),
      referenceResolverHooks,
    );
    const stamps = [...conflictRecord(run).versions.values()].filter((v) => v.version.leader === 'n2').map((v) => v.version.timestamp);
    expect(stamps).toHaveLength(2);
    expect(stamps[0]).toBe(stamps[1]);
  });

  it('same seed, same trace', async () => {
    const scenario = base({ faults: [{ at: 100, fault: { kind: 'crash', node: 'n2' } }, { at: 200, fault: { kind: 'restart', node: 'n2' } }] });
    const [a, b] = [await runMultiLeader(scenario, referenceResolverHooks), await runMultiLeader(scenario, referenceResolverHooks)];
    expect(JSON.stringify(a.notes)).toBe(JSON.stringify(b.notes));
  });
});
