/**
 * The scenario kit: network parts and the scenario fields they become, random fault schedules by
 * kind, spec descriptions, and schedule lines whose recovery line is what real runs inject.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  referenceQuorumReader,
  referenceSiblingLogic,
  referenceTargetPolicy,
  runFailoverCluster,
  runLeaderlessStore,
  runSiblingStore,
  type PhasedRun,
  type PhasedScenario,
} from '../../harness/cluster/index.ts';
import { buildSiblingScenario, siblingSchedule, siblingScenarioSpecArbitrary } from '../../harness/curriculum/workloads/siblings/scenarios.ts';
import { buildScenario, failoverSchedule, hiddenScenarioSpecArbitrary } from '../../harness/curriculum/failover-coordinator/scenarios.ts';
import { buildQuorumScenario, quorumSchedule, quorumSpecArbitrary } from '../../harness/curriculum/quorum-reader/scenarios.ts';
import { describeSpec, networkOf, networkParts, randomFaults, randomPartition, scheduleLines, sortFaults } from '../../harness/curriculum/scenario-kit.ts';
import { buildSloppyScenario, sloppySchedule, sloppySpecArbitrary } from '../../harness/curriculum/sloppy-quorum/scenarios.ts';
import type { Fault, TimedFault } from '../../harness/sim/index.ts';
import { majorityDecider } from '../cluster/majority-decider.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('network parts', () => {
  it('draw a seed, a latency from 2 ms and a loss within the limits, and become the scenario network', () => {
    for (const parts of fc.sample(fc.record(networkParts({ latencyMax: 6, lossPct: 3 })), { seed: 1, numRuns: 200 })) {
      expect(parts.latencyMax).toBeGreaterThanOrEqual(2);
      expect(parts.latencyMax).toBeLessThanOrEqual(6);
      expect(parts.lossPct).toBeLessThanOrEqual(3);
    }
    expect(networkOf({ seed: 1, latencyMax: 7, lossPct: 2 })).toEqual({ latency: { min: 1, max: 7 }, loss: 0.02, duplicate: 0.01, reorder: 0.05 });
    expect(networkOf({ seed: 1, latencyMax: 7, lossPct: 0 }, 0.02)).toEqual({ latency: { min: 1, max: 7 }, loss: 0, duplicate: 0, reorder: 0.05 });
    expect(networkOf({ seed: 1, latencyMax: 7 })).toMatchObject({ loss: 0, duplicate: 0 });
  });
});

describe('randomFaults', () => {
  const ids = ['n1', 'n2', 'n3'];
  it('draws only the kinds asked for, on the given nodes, within the window, sorted, min to max of them', () => {
    const schedules = fc.sample(randomFaults({ nodes: ids, kinds: ['pause', 'resume', randomPartition(ids, 2)], window: 300, min: 2, max: 5 }), { seed: 2, numRuns: 200 });
    const kinds = new Set<string>();
    for (const faults of schedules) {
      expect(faults.length).toBeGreaterThanOrEqual(2);
      expect(faults.length).toBeLessThanOrEqual(5);
      expect(faults).toEqual(sortFaults(faults));
      for (const { at, fault } of faults) {
        expect(at).toBeGreaterThanOrEqual(0);
        expect(at).toBeLessThanOrEqual(300);
        kinds.add(fault.kind);
        if (fault.kind === 'pause' || fault.kind === 'resume') expect(ids).toContain(fault.node);
        if (fault.kind === 'partition') expect([...fault.sides[0], ...fault.sides[1]].sort()).toEqual(ids);
      }
    }
    expect([...kinds].sort()).toEqual(['partition', 'pause', 'resume']);
  });

  it("kinds ['crash'] draws crashes and restarts only", () => {
    const kinds = new Set(fc.sample(randomFaults({ nodes: ids, kinds: ['crash'], window: 100, max: 4 }), { seed: 3, numRuns: 100 }).flat().map((f) => f.fault.kind));
    expect([...kinds].sort()).toEqual(['crash', 'restart']);
  });
});

describe('describeSpec', () => {
  it('prints family: k=v, with objects in line and lists in brackets, leaving out the omitted fields', () => {
    const spec = { family: 'random', config: { n: 3, w: 2, r: 2 }, seed: 7, keepDown: ['n1', 'n2'], faults: [{ at: 1 }], sloppy: false };
    expect(describeSpec(spec)).toBe('random: n=3, w=2, r=2, seed=7, keepDown=[n1,n2], sloppy=false');
    expect(describeSpec(spec, { omit: ['faults', 'keepDown', 'config'] })).toBe('random: seed=7, sloppy=false');
  });
});

describe('scheduleLines', () => {
  const always: Fault[] = [{ kind: 'heal' }, { kind: 'link-faults-clear' }, { kind: 'network-faults', loss: 0, duplicate: 0 }];

  it('lists the faults, then what recovery changes and the nodes it keeps down on one line', () => {
    const faults: TimedFault[] = [
      { at: 10, fault: { kind: 'crash', node: 'n1' } },
      { at: 10, fault: { kind: 'crash', node: 'n2' } },
      { at: 20, fault: { kind: 'partition', sides: [['n3'], ['n4']] } },
      { at: 30, fault: { kind: 'hold', from: 'n3', to: 'n4' } },
    ];
    const recovery: Fault[] = [...always, { kind: 'release', from: 'n3', to: 'n4' }, { kind: 'restart', node: 'n2' }];
    expect(scheduleLines({ faults, faultPhaseMs: 300, loss: 0.02, duplicate: 0.01 }, { faults: recovery, keptDown: ['n1'] })).toEqual([
      't=10ms crash n1',
      't=10ms crash n2',
      't=20ms partition {n3} | {n4}',
      't=30ms hold n3 -> n4',
      't=300ms recovery: heal all partitions; whole network: loss 0%, duplicate 0%; release n3 -> n4; restart n2; n1 kept down',
    ]);
  });

  it('leaves out what the schedule already undid, and says so when nothing is left', () => {
    const faults: TimedFault[] = [
      { at: 10, fault: { kind: 'partition', sides: [['n1'], ['n2']] } },
      { at: 20, fault: { kind: 'heal' } },
      { at: 30, fault: { kind: 'hold', from: 'n1', to: 'n2' } },
      { at: 40, fault: { kind: 'release', from: 'n1', to: 'n2' } },
      { at: 50, fault: { kind: 'link-faults', between: ['n1', 'n2'], loss: 0.5, duplicate: 0 } },
    ];
    const recovery: Fault[] = [...always, { kind: 'release', from: 'n1', to: 'n2' }];
    expect(scheduleLines({ faults, faultPhaseMs: 90 }, { faults: recovery, keptDown: [] }).at(-1)).toBe('t=90ms recovery: link faults cleared');
    expect(scheduleLines({ faults: faults.slice(0, 4), faultPhaseMs: 90 }, { faults: recovery, keptDown: [] }).at(-1)).toBe('t=90ms recovery: no fault left to undo');
  });

  /** The recovery line a run's own injected faults give (kept-down nodes aside). */
  const recoveryLine = (run: PhasedRun<PhasedScenario, unknown, unknown>): string => scheduleLines(run.scenario, { faults: run.recoveryFaults, keptDown: [] }).at(-1)!;
  let compared = 0;
  const check = (lines: string[], run: PhasedRun<PhasedScenario, unknown, unknown>): void => {
    expect(run.stoppedBy).toBeUndefined();
    expect(lines.at(-1)!.replace(/(; )?[^;]* kept down$/, '').replace(/: $/, ': no fault left to undo')).toBe(recoveryLine(run));
    compared++;
  };

  it('describes the recovery real failover runs perform, kept-down members included', async () => {
    let keptDown = 0;
    for (const spec of fc.sample(hiddenScenarioSpecArbitrary, { seed: 21, numRuns: 25 })) {
      const scenario = buildScenario(spec);
      const run = await runFailoverCluster(scenario, majorityDecider, { hostYield });
      const lines = failoverSchedule(scenario);
      check(lines, run);
      const kept = run.final.filter((m) => m.status === 'crashed').map((m) => m.id);
      expect(lines.at(-1)!.match(/(?:: |; )([^;:]*) kept down$/)?.[1]?.split(', ') ?? []).toEqual(kept);
      if (kept.length > 0) keptDown++;
    }
    expect(keptDown).toBeGreaterThan(0);
  }, 60_000);

  it('describes the recovery real leaderless and siblings runs perform', async () => {
    compared = 0;
    for (const spec of fc.sample(quorumSpecArbitrary, { seed: 22, numRuns: 15 })) {
      const scenario = buildQuorumScenario(spec);
      check(quorumSchedule(scenario), await runLeaderlessStore(scenario, { reader: referenceQuorumReader, recoveryMs: 400, hostYield }));
    }
    for (const spec of fc.sample(sloppySpecArbitrary, { seed: 22, numRuns: 15 })) {
      const scenario = buildSloppyScenario(spec);
      check(sloppySchedule(scenario), await runLeaderlessStore(scenario, { targets: referenceTargetPolicy, antiEntropy: false, recoveryMs: 1200, hostYield }));
    }
    for (const spec of fc.sample(siblingScenarioSpecArbitrary, { seed: 22, numRuns: 25 })) {
      const scenario = buildSiblingScenario(spec);
      check(siblingSchedule(scenario), await runSiblingStore(scenario, referenceSiblingLogic()));
    }
    expect(compared).toBe(15 + 15 + 25);
  }, 60_000);
});
