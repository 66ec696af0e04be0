/**
 * The presenters of the scenario exercises on real seeded runs: lanes in the exercise's order, and
 * the same words in a check's text timeline and in the diagram of the whole trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceQuorumReader, referenceSiblingLogic, runFailoverCluster, runLeaderlessStore, runSiblingStore, type FailoverDecider } from '../../harness/cluster/index.ts';
import { presentRun, type PresentedRun, type Presenter, type Timeline } from '../../harness/curriculum/index.ts';
import { buildTimeline } from '../../harness/curriculum/timeline.ts';
import { concurrentWritesPresenter } from '../../harness/curriculum/concurrent-writes/present.ts';
import { buildSiblingScenario, siblingScenarioSpecArbitrary } from '../../harness/curriculum/workloads/siblings/scenarios.ts';
import { failoverPresenter } from '../../harness/curriculum/failover-coordinator/present.ts';
import { quorumReaderPresenter } from '../../harness/curriculum/quorum-reader/present.ts';
import { buildQuorumScenario, quorumSpecArbitrary } from '../../harness/curriculum/quorum-reader/scenarios.ts';
import { sloppyQuorumPresenter } from '../../harness/curriculum/sloppy-quorum/present.ts';
import { vectorClockPresenter } from '../../harness/curriculum/vector-clock/present.ts';
import { spaceTimeFromTrace } from '../../harness/render/index.ts';
import type { FailoverView } from '../../harness/exercise/index.ts';
import type { TraceEvent } from '../../harness/sim/index.ts';
import * as solution from '../../solutions/06-replication/2.3-failover-coordinator/failover-coordinator.ts';

const correct: FailoverDecider = {
  validateSafeFailover: async (v: FailoverView) => ({ ok: true, value: solution.validateSafeFailover(v) }),
  electNewLeader: async (v: FailoverView) => ({ ok: true, value: solution.electNewLeader(v) }),
};

/** A timeline of the whole run in the presenter's words, focused on its last labelled note. */
function timelineOf<Run extends { trace: Iterable<TraceEvent> }>(presenter: Presenter<Run>, run: Run): { timeline: Timeline; presented: PresentedRun; last: { t: number; node: string } } {
  const notes = [...run.trace].filter((e) => e.kind === 'note' && presenter.note(e.name, e.data)?.quiet === false) as { t: number; node: string }[];
  const last = { t: notes.at(-1)!.t, node: notes.at(-1)!.node };
  return { timeline: buildTimeline(run.trace, { lanes: presenter.lanes(run), presenter, focus: [last], maxEntries: 10_000 }), presented: presentRun(presenter, run), last };
}

/** The text timeline and the diagram of the same trace name the same events with the same words. */
function expectSameWords(timeline: Timeline, presented: PresentedRun, highlight: { t: number; node: string }): void {
  const d = spaceTimeFromTrace(presented, [highlight], timeline.entries);
  expect(d.lanes.slice(0, timeline.lanes.length)).toEqual(timeline.lanes);
  const labelled = d.items.filter((i) => !i.quiet && i.kind !== 'fault').map((i) => (i.kind === 'message' ? `${i.sent} ${i.from}>${i.to} ${i.label}` : `${i.t} ${i.lane} ${i.label}`));
  const listed = timeline.entries.filter((e) => e.kind !== 'fault').map((e) => (e.kind === 'message' ? `${e.t} ${e.lane}>${e.to} ${e.text}` : `${e.t} ${e.lane} ${e.text}`));
  expect(new Set(labelled)).toEqual(new Set(listed));
  // The diagram holds the whole run: routine traffic too, drawn faint.
  expect(d.items.filter((i) => i.kind === 'message').length).toBeGreaterThan(timeline.entries.filter((e) => e.kind === 'message').length);
}

describe('presenters', () => {
  it('failover: coordinator first; rounds, probes, elections labelled; replication and heartbeats routine; commits only where the verdict points', async () => {
    const run = await runFailoverCluster({ seed: 4, members: 3, latency: { min: 1, max: 8 }, loss: 0, duplicate: 0, reorder: 0, faults: [{ at: 500, fault: { kind: 'crash', node: 'n1' } }], faultPhaseMs: 1500, keepDown: [] }, correct);
    expect(failoverPresenter.lanes(run).map((l) => l.id)).toEqual(['coordinator', 'n1', 'n2', 'n3']);
    const { timeline, presented, last } = timelineOf(failoverPresenter, run);
    const texts = timeline.entries.map((e) => e.text);
    expect(texts.some((t) => /^round 1: n1 stopped answering heartbeats$/.test(t))).toBe(true);
    expect(texts.some((t) => /^round 1: you decided safe, elect n\d in epoch 2$/.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith('commits lsn'))).toBe(false);
    expect(failoverPresenter.message({ type: 'append', epoch: 1, prevLsn: 0, prevEpoch: 0, entries: [], commit: 0 }).quiet).toBe(true);
    expect(failoverPresenter.message({ type: 'heartbeat', seq: 1, epoch: 1 }).quiet).toBe(true);
    expect(failoverPresenter.note('commit', { lsn: 3, epoch: 1, write: 'c1-1' })).toEqual({ label: 'commits lsn 3 (epoch 1, c1-1)', quiet: true });
    // A quiet note is listed where the focus points at it.
    const commit = [...run.trace].find((e) => e.kind === 'note' && e.name === 'commit') as { t: number; node: string };
    const focused = buildTimeline(run.trace, { lanes: failoverPresenter.lanes(run), presenter: failoverPresenter, focus: [commit], maxEntries: 10_000 });
    expect(focused.entries.filter((e) => e.text.startsWith('commits lsn')).map((e) => [e.t, e.lane])).toEqual([[commit.t, commit.node]]);
    expectSameWords(timeline, presented, last);
  });

  it('quorum reader and sloppy quorum: the reader, then the replicas, then the writers; anti-entropy routine', async () => {
    const [spec] = fc.sample(quorumSpecArbitrary, { seed: 7, numRuns: 1 });
    const run = await runLeaderlessStore(buildQuorumScenario(spec!), { reader: referenceQuorumReader });
    for (const p of [quorumReaderPresenter, sloppyQuorumPresenter]) expect(p.lanes(run).map((l) => l.id)).toEqual(['r1', ...run.replicas, ...run.clients.filter((c) => c !== 'r1')]);
    expect(quorumReaderPresenter.message({ type: 'sync', entries: [] } as never).quiet).toBe(true);
    expect(quorumReaderPresenter.message({ type: 'put', req: 1, key: 'k1', version: 3, value: 'x', hintFor: 'n2' } as never)).toEqual({ label: 'put k1 version 3 (hint for n2)', quiet: false });
    const { timeline, presented, last } = timelineOf(quorumReaderPresenter, run);
    expect(timeline.entries.some((e) => /^read #\d+ of k\d starts$/.test(e.text))).toBe(true);
    expectSameWords(timeline, presented, last);
  });

  it('concurrent writes and the vector-clock integration check: replicas, then clients; a sync carrying nothing is routine', async () => {
    const [spec] = fc.sample(siblingScenarioSpecArbitrary, { seed: 3, numRuns: 1 });
    const run = await runSiblingStore(buildSiblingScenario(spec!), referenceSiblingLogic());
    for (const p of [concurrentWritesPresenter, vectorClockPresenter]) expect(p.lanes(run).map((l) => l.id)).toEqual([...run.replicas, ...run.clients]);
    expect(concurrentWritesPresenter.message({ type: 'sync', siblings: [] } as never).quiet).toBe(true);
    expect(concurrentWritesPresenter.note('sibling-call', { fn: 'readContext', client: 'c1', siblings: [], context: {} })).toBeNull();
    const { timeline, presented, last } = timelineOf(concurrentWritesPresenter, run);
    expect(timeline.entries.some((e) => e.text.startsWith('applyWrite '))).toBe(true);
    expectSameWords(timeline, presented, last);
  });

  it('a focus with a text marks only that entry among the ones a node made at one instant', () => {
    const presenter: Presenter<never> = { lanes: () => [], message: () => ({ label: 'm', quiet: false }), note: (_name, data) => ({ label: `cell ${String(data)}`, quiet: false }) };
    const trace: TraceEvent[] = [1, 2, 3].map((i) => ({ t: 5, kind: 'note', node: 'c1', name: 'cell', data: i }));
    const marked = (focus: { t: number; node: string; text?: string }) =>
      buildTimeline(trace, { lanes: [], presenter, focus: [focus], maxEntries: 10 }).entries.filter((e) => e.highlight).map((e) => e.text);
    expect(marked({ t: 5, node: 'c1' })).toEqual(['cell 1', 'cell 2', 'cell 3']);
    expect(marked({ t: 5, node: 'c1', text: 'cell 2' })).toEqual(['cell 2']);
  });
});
