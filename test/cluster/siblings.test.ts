/**
 * The siblings store on its own, with the reference logic: deterministic runs, concurrent writes
 * kept as siblings and merged by later writes, convergence after recovery, and the guard against
 * sibling sets that grow without bound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceSiblingLogic, referenceSiblings, runSiblingStore, sameSiblingSet, type SiblingLogic, type SiblingScenario } from '../../harness/cluster/index.ts';
import { firstDiverging } from './siblings-helpers.ts';
import { checkSiblingRun } from '../../harness/checkers/siblings/index.ts';
import { buildSiblingScenario, siblingScenarioSpecArbitrary } from '../../harness/curriculum/workloads/siblings/scenarios.ts';

const split: SiblingScenario = {
  seed: 3,
  replicas: 3,
  clients: 3,
  writesPerClient: 5,
  latency: { min: 1, max: 5 },
  loss: 0,
  duplicate: 0,
  reorder: 0,
  faults: [
    { at: 0, fault: { kind: 'partition', sides: [['n1', 'c1'], ['n2', 'c2', 'n3', 'c3']] } },
    { at: 0, fault: { kind: 'partition', sides: [['n2', 'c2'], ['n3', 'c3']] } },
    { at: 200, fault: { kind: 'heal' } },
  ],
  faultPhaseMs: 500,
};

describe('siblings store (reference logic)', () => {
  it('replays a scenario identically', async () => {
    const a = await runSiblingStore(split, referenceSiblingLogic());
    const b = await runSiblingStore(split, referenceSiblingLogic());
    expect(firstDiverging(a.trace, b.trace)).toBeUndefined();
  });

  it('keeps concurrent writes from a partition as siblings, merges them with the next write, and converges', async () => {
    const run = await runSiblingStore(split, referenceSiblingLogic());
    const notes = run.notes.filter((e) => e.kind === 'note' && e.name === 'sibling-call').map((e) => (e as { data: { fn: string; seen?: string[]; after?: unknown[] } }).data);
    expect(notes.some((n) => n.fn === 'mergeReplicas' && (n.after?.length ?? 0) >= 2)).toBe(true);
    expect(notes.some((n) => n.fn === 'applyWrite' && (n.seen?.length ?? 0) >= 2)).toBe(true);
    expect(run.history.filter((h) => h.status === 'ok').length).toBe(15);
    for (const r of run.final) expect(sameSiblingSet(r.siblings, run.final[0]!.siblings)).toBe(true);
    expect(checkSiblingRun(run).filter((v) => !v.ok)).toEqual([]);
  });

  it('never breaks a property under 300 generated schedules (soundness of store and judges)', async () => {
    const bad: string[] = [];
    for (const spec of fc.sample(siblingScenarioSpecArbitrary, { seed: 42, numRuns: 300 })) {
      const run = await runSiblingStore(buildSiblingScenario(spec), referenceSiblingLogic());
      expect(run.stoppedBy).toBeUndefined();
      for (const v of checkSiblingRun(run)) if (!v.ok) bad.push(`${JSON.stringify(spec)}\n  ${v.property}: ${v.explanation}`);
    }
    expect(bad.slice(0, 3).join('\n')).toBe('');
  }, 120_000);

  it('stops a run whose sibling sets grow without bound, and says so', async () => {
    const duplicating: SiblingLogic = {
      ...referenceSiblingLogic(),
      mergeReplicas: async (a, b) => ({ ok: true, value: [...a, ...b] }),
    };
    const run = await runSiblingStore(split, duplicating);
    expect(run.runawayAt).toBeGreaterThan(0);
    expect(run.endsAt).toBeLessThan(split.faultPhaseMs);
    const v = checkSiblingRun(run).find((x) => x.property === 'overwritten-values-removed')!;
    expect(v.ok).toBe(false);
    expect(v.explanation).toMatch(/still holds c\d-\d|holds c\d-\d twice/);
  });

  it('refuses more clients than replicas: one client per replica is a precondition of its version vectors', async () => {
    await expect(runSiblingStore({ ...split, clients: 4 }, referenceSiblingLogic())).rejects.toThrow(/one client per replica/);
  });

  it('the reference applyWrite keeps what the context does not cover and dominates what it does', () => {
    const a = { value: { write: 'c1-1', items: ['c1-1'] }, clock: { n1: 1 } };
    const b = { value: { write: 'c2-1', items: ['c2-1'] }, clock: { n2: 1 } };
    const out = referenceSiblings.applyWrite([a, b], { write: 'c1-2', items: ['c1-1', 'c1-2'] }, { n1: 1 }, 'n1');
    expect(out.map((s) => s.value.write)).toEqual(['c2-1', 'c1-2']);
    expect(out[1]!.clock).toEqual({ n1: 2 });
  });
});
