/**
 * The reference single-leader cluster on its own: failover with a correct coordinator, the zombie
 * leader, idempotent retries, and the replication modes that later exercises use.
 */
import { describe, expect, it } from 'vitest';
import { checkFailoverRun } from '../../harness/checkers/index.ts';
import { runFailoverCluster, type FailoverDecider, type FailoverScenario } from '../../harness/cluster/index.ts';
import type { FailoverView } from '../../harness/exercise/index.ts';
import { firstDivergence } from '../../harness/sim/index.ts';
import * as solution from '../../solutions/06-replication/2.3-failover-coordinator/failover-coordinator.ts';

const correct: FailoverDecider = {
  validateSafeFailover: async (v: FailoverView) => ({ ok: true, value: solution.validateSafeFailover(v) }),
  electNewLeader: async (v: FailoverView) => ({ ok: true, value: solution.electNewLeader(v) }),
};

const base: FailoverScenario = { seed: 4, members: 3, latency: { min: 1, max: 8 }, loss: 0, duplicate: 0, reorder: 0, faults: [], faultPhaseMs: 1500, keepDown: [] };
const notes = (run: Awaited<ReturnType<typeof runFailoverCluster>>, name: string) => run.notes.filter((e) => e.kind === 'note' && e.name === name) as { t: number; node: string; data: Record<string, unknown> }[];

describe('single-leader cluster with the reference coordinator', () => {
  it('fails over after the leader crashes: a new leader serves a higher epoch and nothing acknowledged is lost', async () => {
    const run = await runFailoverCluster({ ...base, faults: [{ at: 500, fault: { kind: 'crash', node: 'n1' } }] }, correct);
    const serves = notes(run, 'serve').map((n) => [n.node, n.data.epoch]);
    expect(serves[0]).toEqual(['n1', 1]);
    expect(serves.some(([node, epoch]) => node !== 'n1' && (epoch as number) >= 2)).toBe(true);
    expect(checkFailoverRun(run).filter((v) => !v.ok)).toEqual([]);
    const acked = run.history.filter((op) => op.status === 'ok').length;
    expect(acked).toBeGreaterThan(40);
    for (const m of run.final) expect(m.commit).toBeGreaterThanOrEqual(acked);
  });

  it('the same seed and schedule give the same trace, event for event', async () => {
    const s = { ...base, loss: 0.02, duplicate: 0.02, reorder: 0.1, faults: [{ at: 300, fault: { kind: 'pause' as const, node: 'n1' } }, { at: 900, fault: { kind: 'resume' as const, node: 'n1' } }] };
    const [a, b] = [await runFailoverCluster(s, correct), await runFailoverCluster(s, correct)];
    expect(firstDivergence(a.trace, b.trace)).toBeUndefined();
    const c = await runFailoverCluster({ ...s, seed: 5 }, correct);
    expect(firstDivergence(a.trace, c.trace)?.explanation).toMatch(/^event #\d+ differs/);
  });

  it('a frozen (paused) leader that wakes up after the failover steps down, loses its unreplicated suffix, and never serves its old epoch again', async () => {
    const faults = [
      { at: 300, fault: { kind: 'hold' as const, from: 'n1', to: 'n2' } },
      { at: 300, fault: { kind: 'hold' as const, from: 'n1', to: 'n3' } },
      { at: 400, fault: { kind: 'pause' as const, node: 'n1' } },
      { at: 1200, fault: { kind: 'resume' as const, node: 'n1' } },
    ];
    const run = await runFailoverCluster({ ...base, faults }, correct);
    expect(notes(run, 'serve').filter((n) => n.node === 'n1').map((n) => n.t)).toEqual([notes(run, 'serve')[0]!.t]);
    expect(notes(run, 'step-down').some((n) => n.node === 'n1')).toBe(true);
    // It names the epoch it led (the first serve's), not the newer one it had just accepted.
    const serveEpoch = (notes(run, 'serve')[0]!.data as { epoch: number }).epoch;
    for (const n of notes(run, 'step-down').filter((x) => x.node === 'n1' && (x.data as { reason?: string }).reason === undefined))
      expect(n.data).toMatchObject({ epoch: serveEpoch, newerEpoch: expect.any(Number) });
    expect(notes(run, 'truncate').some((n) => n.node === 'n1')).toBe(true);
    expect(checkFailoverRun(run).filter((v) => !v.ok)).toEqual([]);
  });

  it('retries are idempotent: no write appears twice in any committed log', async () => {
    const run = await runFailoverCluster({ ...base, loss: 0.05, duplicate: 0.05, faults: [{ at: 600, fault: { kind: 'crash', node: 'n1' } }] }, correct);
    for (const m of run.final) {
      const ids = m.log.slice(0, m.commit).flatMap((e) => (e.write ? [e.write.id] : []));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('replication modes', () => {
  const laggingThenCrash = {
    ...base,
    faults: [
      { at: 300, fault: { kind: 'hold' as const, from: 'n1', to: 'n2' } },
      { at: 300, fault: { kind: 'hold' as const, from: 'n1', to: 'n3' } },
      { at: 700, fault: { kind: 'crash' as const, node: 'n1' } },
    ],
    keepDown: ['n1'],
  };

  it('asynchronous replication acknowledges before followers have the write, so a failover loses it', async () => {
    const run = await runFailoverCluster(laggingThenCrash, correct, { mode: 'async' });
    const lost = checkFailoverRun(run).find((v) => v.property === 'no-lost-acked-write')!;
    expect(lost.ok).toBe(false);
    expect(lost.explanation).toMatch(/was acknowledged to c1 by n1/);
  });

  it('majority replication never acknowledges what only the leader holds', async () => {
    const run = await runFailoverCluster(laggingThenCrash, correct, { mode: 'majority' });
    expect(checkFailoverRun(run).find((v) => v.property === 'no-lost-acked-write')!.ok).toBe(true);
  });

  it('semi-synchronous replication acknowledges once one follower holds the write, not before', async () => {
    const bothLag = {
      ...base,
      faults: [
        { at: 300, fault: { kind: 'hold' as const, from: 'n1', to: 'n2' } },
        { at: 300, fault: { kind: 'hold' as const, from: 'n1', to: 'n3' } },
        { at: 800, fault: { kind: 'release' as const, from: 'n1', to: 'n2' } },
      ],
      faultPhaseMs: 1200,
    };
    const ackedWhileHeld = (run: Awaited<ReturnType<typeof runFailoverCluster>>) =>
      run.history.filter((op) => op.status === 'ok' && op.invokedAt > 320 && op.completedAt! < 790).length;
    expect(ackedWhileHeld(await runFailoverCluster(bothLag, correct, { mode: 'semi-sync' }))).toBe(0);
    expect(ackedWhileHeld(await runFailoverCluster(bothLag, correct, { mode: 'async' }))).toBeGreaterThan(3);
    const semi = await runFailoverCluster(bothLag, correct, { mode: 'semi-sync' });
    expect(semi.history.filter((op) => op.status === 'ok' && op.completedAt! > 800 && op.completedAt! < 1100).length).toBeGreaterThan(3);
  });
});
