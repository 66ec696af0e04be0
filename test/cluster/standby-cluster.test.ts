/**
 * The static-leadership cluster with the follower pipeline: what each stage survives, what the
 * leader's view says, and that a run is a function of its scenario.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDBY_TIMING, runStandbyCluster, type AckDecider, type StandbyRun, type StandbyScenario, type StandbyStatus } from '../../harness/cluster/index.ts';
import { StandbyTracker } from '../../harness/cluster/single-leader/standby-tracker.ts';
import type { AckPolicy, AckView } from '../../harness/exercise/index.ts';
import type { TraceEvent } from '../../harness/sim/index.ts';

/** The smallest flushed position among the named standbys: `first count` over every named one, enough for these tests. */
const flushedOnAll: AckDecider = async (policy: AckPolicy, view: AckView) => ({
  ok: true,
  value: Math.min(...policy.sync.names.map((id) => view.standbys.find((s) => s.id === id)!).map((s) => (s.streaming ? s.flushed : 0))),
});

function scenario(over: Partial<StandbyScenario> = {}): StandbyScenario {
  return {
    seed: 7,
    members: 3,
    latency: { min: 1, max: 10 },
    loss: 0,
    duplicate: 0,
    reorder: 0,
    faults: [],
    faultPhaseMs: 800,
    policy: { level: 'remote_flush', sync: { method: 'first', count: 2, names: ['n2', 'n3'] } },
    disaster: { lost: ['n1'], powerLoss: true, at: 600, afterNextAck: true },
    timing: DEFAULT_STANDBY_TIMING,
    ...over,
  };
}

type Note = Extract<TraceEvent, { kind: 'note' }>;
const notes = (run: StandbyRun, name: string, node?: string): Note[] =>
  run.notes.filter((e): e is Note => e.kind === 'note' && e.name === name && (node === undefined || e.node === node));

describe('the standby cluster', () => {
  it('acknowledges a write only once it is flushed where the decider said, and that survives losing the leader in a power loss', async () => {
    const run = await runStandbyCluster(scenario(), flushedOnAll);
    expect(run.acks.length).toBeGreaterThan(10);
    for (const { t, record } of run.acks) {
      for (const f of ['n2', 'n3']) expect(notes(run, 'flushed', f).some((e) => e.t < t && (e.data as { lsn: number }).lsn >= record.lsn), `${record.write} on ${f}`).toBe(true);
    }
    expect(run.disasterAt).toBe(run.acks.find((a) => a.t >= 600)!.t + 1);
    const last = run.acks.filter((a) => a.t < run.disasterAt!).at(-1)!.record.lsn;
    for (const f of run.final.slice(1)) expect(f.log.length).toBeGreaterThanOrEqual(last);
    expect(run.final[0]!.status).toBe('crashed');
  });

  it('loses a follower\'s unflushed tail in a power loss, but never what it reported flushed or applied', async () => {
    const timing = { ...DEFAULT_STANDBY_TIMING, flushIntervalMs: 60 };
    const run = await runStandbyCluster(scenario({ timing, disaster: { lost: [], powerLoss: true, at: 500, afterNextAck: false } }), async (_p, v) => ({ ok: true, value: v.leaderLsn }));
    const reports = run.trace.toArray().flatMap((e) => (e.kind === 'send' && e.from === 'n2' && (e.msg as { type: string }).type === 'standby-status' ? [{ t: e.t, ...(e.msg as StandbyStatus) }] : []));
    const flushedBefore = Math.max(0, ...notes(run, 'flushed', 'n2').filter((e) => e.t < 500).map((e) => (e.data as { lsn: number }).lsn));
    const leaderLsn = run.decisions.filter((d) => d.t < 500).at(-1)!.record.view.leaderLsn;
    // Flushes every 60 ms with a write every 10 ms: some tail was only in memory when the power went.
    expect(flushedBefore).toBeLessThan(leaderLsn);
    const events = run.trace.toArray();
    const delivered = new Set(events.flatMap((e) => (e.kind === 'deliver' && e.to === 'n2' && e.t < 500 ? [e.id] : [])));
    const appends = events.flatMap((e) => (e.kind === 'send' && delivered.has(e.id) && (e.msg as { type: string }).type === 'append' ? [(e.msg as { entries: { lsn: number }[] }).entries] : []));
    expect(Math.max(...appends.flat().map((x) => x.lsn))).toBeGreaterThan(flushedBefore);
    // Its first report after the restart: the tail is gone, the disk is not.
    expect(reports.find((r) => r.incarnation === 2)).toMatchObject({ received: flushedBefore, flushed: flushedBefore });
    const applied = notes(run, 'applied', 'n2').map((e) => (e.data as { lsn: number }).lsn);
    expect(applied).toEqual([...applied].sort((a, b) => a - b));
    // After the restart the follower catches up again from its disk.
    expect(run.final[1]!.log.length).toBe(run.final[0]!.log.length);
  });

  it('applies no entry before it has been flushed for the replay delay', async () => {
    const timing = { ...DEFAULT_STANDBY_TIMING, replayDelayMs: 40 };
    const run = await runStandbyCluster(scenario({ timing }), flushedOnAll);
    const flushedAt = (lsn: number): number => notes(run, 'flushed', 'n3').find((e) => (e.data as { lsn: number }).lsn >= lsn)!.t;
    for (const e of notes(run, 'applied', 'n3').filter((x) => x.t < 600)) expect(e.t - flushedAt((e.data as { lsn: number }).lsn)).toBeGreaterThanOrEqual(40);
  });

  it('is a function of its scenario', async () => {
    const digest = async (): Promise<string> => {
      const run = await runStandbyCluster(scenario({ faults: [{ at: 200, fault: { kind: 'crash', node: 'n3' } }, { at: 350, fault: { kind: 'restart', node: 'n3' } }] }), flushedOnAll);
      return createHash('sha256').update(JSON.stringify([run.trace.toArray(), run.final, run.decisions])).digest('hex');
    };
    expect(await digest()).toBe(await digest());
  });
});

describe("the leader's view of its standbys", () => {
  const status = (seq: number, received: number, incarnation = 1) => ({ incarnation, seq, received, flushed: received, applied: received });

  it('shows a follower never heard from as disconnected at position 0', () => {
    expect(new StandbyTracker(['n2'], 60).view(0)).toEqual([{ id: 'n2', connected: false, streaming: false, received: 0, flushed: 0, applied: 0 }]);
  });

  it('streams only once a report since connecting reached the leader\'s position, and not after the timeout', () => {
    const t = new StandbyTracker(['n2'], 60);
    t.report('n2', status(1, 5), 0, 10);
    expect(t.view(10)[0]).toMatchObject({ connected: true, streaming: false, received: 5 });
    t.report('n2', status(2, 10), 20, 12);
    expect(t.view(20)[0]).toMatchObject({ streaming: false });
    t.report('n2', status(3, 12), 30, 12);
    expect(t.view(40)[0]).toMatchObject({ streaming: true });
    t.report('n2', status(4, 11), 40, 14);
    expect(t.view(50)[0]).toMatchObject({ streaming: true, received: 11 });
    expect(t.view(101)[0]).toMatchObject({ connected: false, streaming: false });
    // Back after the timeout: catching up again.
    t.report('n2', status(5, 13), 130, 14);
    expect(t.view(130)[0]).toMatchObject({ connected: true, streaming: false });
  });

  it('keeps the report with the highest (incarnation, seq)', () => {
    const t = new StandbyTracker(['n2'], 60);
    t.report('n2', status(9, 8), 0, 8);
    t.report('n2', status(3, 2), 5, 8);
    expect(t.view(5)[0]!.received).toBe(8);
    t.report('n2', status(1, 4, 2), 6, 8);
    expect(t.view(6)[0]!.received).toBe(4);
  });
});
