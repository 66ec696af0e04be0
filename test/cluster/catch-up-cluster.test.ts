/**
 * The catch-up cluster of follower-bootstrap: snapshots and batches are exactly the committed log,
 * the published timing leaves a correct follower the time it needs, and a run is a function of its
 * scenario.
 */
import { describe, expect, it } from 'vitest';
import { applyOperation, DEFAULT_CATCH_UP_TIMING, replayLog, runCatchUpCluster, type CatchUpHooks, type CatchUpScenario } from '../../harness/cluster/index.ts';
import type { FollowerState, LogEntry, Snapshot } from '../../harness/exercise/index.ts';
import { firstDivergence } from '../../harness/sim/index.ts';

const T = DEFAULT_CATCH_UP_TIMING;

function scenario(over: Partial<CatchUpScenario> = {}): CatchUpScenario {
  return { seed: 11, latency: { min: 1, max: 8 }, loss: 0, duplicate: 0, reorder: 0.05, faults: [], faultPhaseMs: 1800, timing: T, joinAt: 1700, clientsStopAt: 1800, ...over };
}

/** The reference follower, recording every batch and snapshot it is given. */
function recording(): CatchUpHooks & { batches: LogEntry[][]; snapshots: Snapshot[] } {
  const batches: LogEntry[][] = [];
  const snapshots: Snapshot[] = [];
  return {
    batches,
    snapshots,
    async applyEntries(state, entries) {
      batches.push([...entries]);
      let s: FollowerState = state;
      for (const e of entries) if (e.lsn === s.appliedLsn + 1) s = { appliedLsn: e.lsn, data: applyOperation(s.data, e.operation) };
      return { ok: true, value: s };
    },
    async installSnapshot(state, snapshot) {
      snapshots.push(snapshot);
      return { ok: true, value: snapshot.lsn > state.appliedLsn ? { appliedLsn: snapshot.lsn, data: { ...snapshot.data } } : state };
    },
    async nextRequest(state, first) {
      return { ok: true, value: first !== undefined && first > state.appliedLsn + 1 ? { kind: 'snapshot' } : { kind: 'entries', fromLsn: state.appliedLsn + 1 } };
    },
  };
}

describe('the catch-up cluster', () => {
  it('ships only the committed log: every batch entry is the log entry at its position, every snapshot the log replayed to its position', async () => {
    const hooks = recording();
    const run = await runCatchUpCluster(scenario({ faults: [{ at: 0, fault: { kind: 'link-faults', between: ['n1', 'r1'], loss: 0.2, duplicate: 0.2 } }] }), hooks);
    expect(hooks.snapshots.length).toBeGreaterThan(0);
    for (const s of hooks.snapshots) {
      expect(s.lsn).toBeLessThanOrEqual(run.final.commit);
      expect(s.data).toEqual(replayLog(run.final.log, s.lsn));
    }
    const byLsn = new Map(run.final.log.map((e) => [e.lsn, e.operation]));
    for (const e of hooks.batches.flat()) {
      expect(e.lsn).toBeLessThanOrEqual(run.final.commit);
      expect(e.operation).toEqual(byLsn.get(e.lsn));
    }
    // A late joiner needs the snapshot: by then the window has passed position 1 twice over.
    expect(run.final.commit).toBeGreaterThanOrEqual(2 * T.retainEntries);
    expect(run.final.followers.map((f) => f.appliedLsn)).toEqual([run.final.commit, run.final.commit]);
  });

  it('writes the workload the design asks for: at least 30 % appends and 15 % deletes', async () => {
    const run = await runCatchUpCluster(scenario(), recording());
    const ops = run.final.log.map((e) => e.operation.op);
    expect(ops.filter((o) => o === 'append').length / ops.length).toBeGreaterThanOrEqual(0.3);
    expect(ops.filter((o) => o === 'delete').length / ops.length).toBeGreaterThanOrEqual(0.15);
  });

  it('publishes timing a correct follower can meet', () => {
    // Two clients, each writing at most once per writeMinMs: fewer than retainEntries commit during the slowest transfer,
    // so a snapshot is still inside the window when it arrives.
    const perTransfer = 2 * (Math.floor(T.transferMaxMs / T.writeMinMs) + 1);
    expect(perTransfer).toBeLessThan(T.retainEntries);
    // After the writes stop: a transfer, the entries written during it in batches, and a poll.
    const rtt = 2 * T.maxLatencyMs;
    expect(T.quietMs).toBeGreaterThanOrEqual(2 * T.maxLatencyMs + T.transferMaxMs + Math.ceil(perTransfer / T.batchMax) * rtt + T.pollMs);
  });

  it('is a function of its scenario: the same scenario, the same trace', async () => {
    const a = await runCatchUpCluster(scenario({ seed: 3, joinAt: 400 }), recording());
    const b = await runCatchUpCluster(scenario({ seed: 3, joinAt: 400 }), recording());
    expect(firstDivergence(a.trace, b.trace)).toBeUndefined();
  });
});
