/**
 * The reference leaderless store with the reference reader: its preconditions hold in real seeded
 * runs (apply-if-newer across crashes, durable acks, one ack per home replica, global versions), and
 * a sloppy run hands every hint to its home replica once it returns, and its notes record each hint
 * decision by its net effect on the store.
 */
import { describe, expect, it } from 'vitest';
import {
  homeReplicas,
  preferenceList,
  referenceHintPolicy,
  referenceQuorumReader,
  referenceTargetPolicy,
  runLeaderlessStore,
  storeNodeIds,
  type HintPolicy,
  type LeaderlessScenario,
} from '../../harness/cluster/index.ts';
import { checkQuorumRun } from '../../harness/checkers/index.ts';
import { checkHintsKeptUntilAck } from '../../harness/checkers/quorum/index.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

const base: LeaderlessScenario = {
  seed: 7,
  nodes: 3,
  config: { n: 3, w: 2, r: 2 },
  keys: 3,
  latency: { min: 1, max: 6 },
  loss: 0,
  duplicate: 0,
  reorder: 0.05,
  faults: [],
  faultPhaseMs: 800,
  keepDown: [],
  sloppy: false,
};

describe('leaderless store: placement', () => {
  it('rotates each key\'s preference list and takes its first n as home replicas', () => {
    const nodes = storeNodeIds(5);
    expect(preferenceList('k1', nodes)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(preferenceList('k2', nodes)).toEqual(['n2', 'n3', 'n4', 'n5', 'n1']);
    expect(homeReplicas('k5', nodes, 3)).toEqual(['n5', 'n1', 'n2']);
  });
});

describe('leaderless store: strict quorums with the reference reader', () => {
  it('acknowledges writes, answers reads, and never breaks a quorum property, with a replica crashing and coming back', async () => {
    const run = await runLeaderlessStore(
      { ...base, faults: [{ at: 200, fault: { kind: 'crash', node: 'n3' } }, { at: 500, fault: { kind: 'restart', node: 'n3' } }], duplicate: 0.05, loss: 0.02 },
      { reader: referenceQuorumReader, hostYield },
    );
    expect(run.writes.filter((w) => w.ackedAt !== undefined).length).toBeGreaterThan(20);
    expect(run.reads.filter((r) => r.outcome?.kind === 'returned').length).toBeGreaterThan(10);
    expect(checkQuorumRun({ reads: run.reads, writes: run.writes, sloppy: false }).filter((v) => !v.ok)).toEqual([]);
    // Versions come from one counter, taken at invocation: all distinct.
    const versions = run.writes.map((w) => w.version);
    expect(new Set(versions).size).toBe(versions.length);
    // An ack counts once per distinct home replica, even with duplicated messages.
    for (const w of run.writes) expect(new Set(w.credited).size).toBe(w.credited.length);
  });

  it('keeps a replica\'s versions across a crash: a restarted replica still holds what it acknowledged', async () => {
    const run = await runLeaderlessStore({ ...base, faults: [{ at: 400, fault: { kind: 'crash', node: 'n1' } }], keepDown: [] }, { hostYield });
    const n1 = run.final.find((f) => f.id === 'n1')!;
    for (const w of run.writes) {
      if (w.ackedAt === undefined || !w.credited.includes('n1') || w.ackedAt > 400) continue;
      expect(n1.values[w.key]!.version).toBeGreaterThanOrEqual(w.version);
    }
  });

  it('converges after recovery: anti-entropy brings every home replica to the newest acknowledged version', async () => {
    const run = await runLeaderlessStore(
      { ...base, faults: [{ at: 100, fault: { kind: 'hold', from: 'w1', to: 'n2' } }, { at: 100, fault: { kind: 'hold', from: 'w2', to: 'n2' } }] },
      { hostYield, recoveryMs: 1500 },
    );
    for (const key of run.keys) {
      const newest = Math.max(0, ...run.writes.filter((w) => w.key === key && w.ackedAt !== undefined).map((w) => w.version));
      for (const f of run.final) expect(f.values[key]!.version, `${f.id} ${key}`).toBeGreaterThanOrEqual(newest);
    }
  });

  it('rejects reads with QuorumError while fewer than r home replicas answer', async () => {
    const run = await runLeaderlessStore(
      { ...base, faults: [{ at: 0, fault: { kind: 'crash', node: 'n2' } }, { at: 0, fault: { kind: 'crash', node: 'n3' } }], faultPhaseMs: 700 },
      { reader: referenceQuorumReader, hostYield, recoveryMs: 200 },
    );
    const during = run.reads.filter((r) => r.invokedAt < 700);
    expect(during.length).toBeGreaterThan(0);
    for (const r of during) expect(r.outcome).toMatchObject({ kind: 'rejected', name: 'QuorumError' });
    // Writes given up before the replicas returned (invoked + write timeout < 700 ms) never got w acks.
    expect(run.writes.filter((w) => w.invokedAt < 250).every((w) => w.ackedAt === undefined)).toBe(true);
  });
});

describe('leaderless store: sloppy quorums', () => {
  it('acknowledges writes through fallbacks while home replicas are down, and hands every hint off after recovery', async () => {
    const run = await runLeaderlessStore(
      {
        ...base,
        nodes: 5,
        config: { n: 3, w: 3, r: 1 },
        sloppy: true,
        faults: [{ at: 100, fault: { kind: 'crash', node: 'n2' } }, { at: 700, fault: { kind: 'restart', node: 'n2' } }],
      },
      { targets: referenceTargetPolicy, hostYield, recoveryMs: 1000 },
    );
    const hinted = run.writes.filter((w) => w.ackedAt !== undefined && w.targets.some((t) => t.hintFor !== undefined));
    expect(hinted.length).toBeGreaterThan(0);
    for (const w of hinted) {
      for (const t of w.targets.filter((x) => x.hintFor !== undefined)) {
        const home = run.final.find((f) => f.id === t.hintFor)!;
        expect(home.values[w.key]!.version).toBeGreaterThanOrEqual(w.version);
      }
    }
    expect(run.final.flatMap((f) => f.hints)).toEqual([]);
  });

  it('notes a hint decision by its net effect: a hint removed and put back within one decision was never dropped', async () => {
    let putBack = 0;
    const removeThenPutBack: HintPolicy = {
      hintsToHandOff: referenceHintPolicy.hintsToHandOff,
      onHandoffAck: async (store, from, key, version) => {
        const ofKey = store.all().filter((h) => h.hintFor === from && h.key === key);
        for (const h of ofKey) store.remove(h.key, h.hintFor, h.version);
        for (const h of ofKey.filter((x) => x.version > version)) {
          putBack++;
          store.put(h);
        }
        return { ok: true, value: undefined };
      },
    };
    const run = await runLeaderlessStore(
      {
        ...base,
        nodes: 5,
        config: { n: 3, w: 3, r: 1 },
        sloppy: true,
        faults: [{ at: 100, fault: { kind: 'crash', node: 'n2' } }, { at: 700, fault: { kind: 'restart', node: 'n2' } }],
      },
      { targets: referenceTargetPolicy, hints: removeThenPutBack, hostYield, recoveryMs: 1000 },
    );
    expect(putBack).toBeGreaterThan(0);
    const noted = (name: string): string[] =>
      run.notes.flatMap((e) => (e.kind === 'note' && e.name === name ? [JSON.stringify([e.node, (e.data as { key: string }).key, (e.data as { hintFor: string }).hintFor, (e.data as { version: number }).version])] : []));
    // Each hint is noted stored once and dropped once, and only after its ack.
    expect(noted('hint-stored').length).toBe(new Set(noted('hint-stored')).size);
    expect([...noted('hint-removed')].sort()).toEqual([...noted('hint-stored')].sort());
    expect(run.final.flatMap((f) => f.hints)).toEqual([]);
    const verdict = checkHintsKeptUntilAck({ writes: run.writes, notes: run.notes, final: run.final, replicas: run.replicas, preferenceList: (k) => preferenceList(k, run.replicas), n: 3, writeTimeoutMs: run.timing.writeTimeoutMs, settleMs: 500, keepDown: [] });
    expect(verdict.ok).toBe(true);
  });
});
