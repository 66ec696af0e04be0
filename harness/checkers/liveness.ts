/**
 * The cluster recovers: once the faults end, some member is serving within the published serve
 * bound, and a client write is acknowledged within the write bound after that.
 */
import { serveBoundMs, writeBoundMs, type DecisionRecord } from '../cluster/index.ts';
import type { TraceEvent } from '../sim/index.ts';
import { acknowledgedWrites } from './acknowledged-writes.ts';
import { nodeStatusBefore } from './node-status.ts';
import { decisionNotes, serveNotes, stepDownNotes, type DecisionNote, type ServeNote } from './protocol-notes.ts';
import type { FailoverRunLike } from './run-shape.ts';
import { describeFreezes, freezesInEffect } from './stalled-followers.ts';
import { describePublishedTiming, explainServeBound, explainWriteBound } from './timing-bounds.ts';
import type { FailoverVerdict } from './failover-properties.ts';
import { notJudged, satisfied, violated, type EventRef } from './verdict.ts';

const PROPERTY = 'liveness';

/** A member's latest `serve` before some time, and what (if anything) ended it before then. */
interface Leadership {
  readonly serve: ServeNote;
  readonly endedBy?: EventRef;
}

/**
 * Checks that some member is serving at `recoveryStartsAt + serveBoundMs(timing)` and that some client
 * write is acknowledged in `(recoveryStartsAt, recoveryStartsAt + serveBoundMs + writeBoundMs]`. The
 * bounds are measured from the start of the recovery phase, not from the faults, because before it
 * the scenario may legitimately leave no majority. A run stopped by an unusable decision is not
 * judged: it ended before the bounds, and the decision problem is reported separately.
 */
export function checkLiveness(run: FailoverRunLike): FailoverVerdict {
  if (run.stoppedBy !== undefined) {
    return notJudged(
      PROPERTY,
      `the run stopped early in round ${run.stoppedBy.round} because the failover decision was unusable ` +
        `(${run.stoppedBy.problem ?? 'no usable answer'}); that problem is reported on its own`,
    );
  }
  const serveBound = serveBoundMs(run.timing);
  const writeBound = writeBoundMs(run.timing);
  const serveDeadline = run.recoveryStartsAt + serveBound;
  const writeDeadline = serveDeadline + writeBound;
  const leaderships = latestLeaderships(run.notes, serveDeadline);
  const serving = leaderships.filter((l) => l.endedBy === undefined).sort((a, b) => b.serve.t - a.serve.t)[0];
  const recoveryStart: EventRef = { t: run.recoveryStartsAt, what: 'the recovery phase begins: partitions heal, paused members resume, crashed ones restart' };

  if (serving === undefined) {
    // Every leadership ended by the deadline; the latest one tells how the cluster lost its leader.
    const last = leaderships.filter((l): l is Required<Leadership> => l.endedBy !== undefined).sort((a, b) => b.serve.t - a.serve.t)[0];
    const rounds = decisionNotes(run.notes).filter((d) => d.t > run.recoveryStartsAt && d.t <= serveDeadline);
    const events: EventRef[] = [recoveryStart];
    if (last !== undefined) events.push(serveEvent(last.serve), last.endedBy);
    events.push(...rounds.map(decisionEvent), { t: serveDeadline, what: `deadline: no member is serving ${serveBound} ms into the recovery phase` });
    return violated(
      PROPERTY,
      `No member was serving ${serveBound} ms into the recovery phase (t=${serveDeadline}ms; the phase began at t=${run.recoveryStartsAt}ms). ` +
        `${describeLastLeader(last)} ${describeRounds(rounds)} The bound comes from the published timing: ${describePublishedTiming(run.timing)}. ` +
        `${capitalise(explainServeBound(run.timing))}.`,
      events.sort((a, b) => a.t - b.t),
    );
  }

  const acked = acknowledgedWrites(run.history);
  if (acked.some((w) => w.ackedAt > run.recoveryStartsAt && w.ackedAt <= writeDeadline)) return satisfied(PROPERTY);
  const before = acked.filter((w) => w.ackedAt <= run.recoveryStartsAt).at(-1);
  const lastAck = before === undefined ? 'No write had been acknowledged before it either.' : `The last acknowledgement before it was write ${before.id} to ${before.client} at t=${before.ackedAt}ms.`;
  const frozen = freezesInEffect(run.notes, indexAfter(run.notes, writeDeadline)).filter((f) => f.node !== serving.serve.node);
  const frozenNote = frozen.length === 0 ? '' : ` Still frozen then, and so refusing ${serving.serve.node}'s replication: ${describeFreezes(frozen)}.`;
  return violated(
    PROPERTY,
    `${serving.serve.node} was serving epoch ${serving.serve.epoch} at t=${serveDeadline}ms (since t=${serving.serve.t}ms), but no client write ` +
      `was acknowledged between the start of the recovery phase (t=${run.recoveryStartsAt}ms) and t=${writeDeadline}ms ` +
      `(${serveBound} + ${writeBound} ms later). ${lastAck}${frozenNote} The bounds come from the published timing: ${describePublishedTiming(run.timing)}. ` +
      `Serving: ${explainServeBound(run.timing)}. Then writing: ${explainWriteBound(run.timing)}.`,
    [serveEvent(serving.serve), recoveryStart, { t: writeDeadline, what: `deadline: no write acknowledged ${serveBound + writeBound} ms into the recovery phase` }],
  );
}

/**
 * Each member's latest serve at or before `time`, with what ended it by then: a step-down, a crash
 * (a restarted leader records a new serve), or a pause still in effect. A pause that has ended does
 * not count: a leader keeps serving through a pause, which is exactly what makes it a zombie.
 */
function latestLeaderships(trace: readonly TraceEvent[], time: number): Leadership[] {
  const latest = new Map<string, ServeNote>();
  for (const serve of serveNotes(trace)) if (serve.t <= time) latest.set(serve.node, serve);
  const stepDowns = stepDownNotes(trace);
  const untilIndex = indexAfter(trace, time);
  return [...latest.values()].map((serve): Leadership => {
    const node = serve.node;
    const stepDown = stepDowns.find((s) => s.node === node && s.index > serve.index && s.index < untilIndex);
    const crash = trace.findIndex((e, i) => i > serve.index && i < untilIndex && e.kind === 'fault' && e.fault.kind === 'crash' && e.fault.node === node);
    if (stepDown !== undefined && (crash === -1 || stepDown.index < crash)) {
      return { serve, endedBy: { t: stepDown.t, node, what: `${node} steps down from epoch ${stepDown.epoch}, having learned of epoch ${stepDown.newerEpoch}` } };
    }
    if (crash !== -1) return { serve, endedBy: { t: trace[crash]!.t, node, what: `${node} crashes` } };
    if (nodeStatusBefore(trace, node, untilIndex) === 'paused') {
      const pausedAt = trace.findLast((e, i) => i < untilIndex && e.kind === 'fault' && e.fault.kind === 'pause' && e.fault.node === node);
      return { serve, endedBy: { t: pausedAt?.t ?? serve.t, node, what: `${node} is paused and not resumed by t=${time}ms` } };
    }
    return { serve };
  });
}

/** The index of the first trace event later than `time`: events before it happened by then. */
function indexAfter(trace: readonly TraceEvent[], time: number): number {
  const i = trace.findIndex((e) => e.t > time);
  return i === -1 ? trace.length : i;
}

function describeLastLeader(last: Required<Leadership> | undefined): string {
  if (last === undefined) return 'No member had started serving at all.';
  return `The last leader, ${last.serve.node}, served epoch ${last.serve.epoch} from t=${last.serve.t}ms until t=${last.endedBy.t}ms (${last.endedBy.what}).`;
}

/** The decisions taken in the recovery phase: they show whether the coordinator noticed and what it chose. */
function describeRounds(rounds: readonly DecisionNote[]): string {
  if (rounds.length === 0) return 'No failover round was decided in that time.';
  return `Failover rounds decided in that time: ${rounds.map((d) => `round ${d.record.round} at t=${d.t}ms ${describeDecision(d.record)}`).join('; ')}.`;
}

function describeDecision(record: DecisionRecord): string {
  if (record.problem !== undefined) return `had no usable decision (${record.problem})`;
  if (record.election !== undefined) return `elected ${record.election.leader} in epoch ${record.election.epoch}`;
  if (record.verdict !== undefined && !record.verdict.safe) return `decided not to fail over ("${record.verdict.reason}")`;
  return 'decided nothing';
}

function decisionEvent(d: DecisionNote): EventRef {
  return { t: d.t, node: d.node, what: `round ${d.record.round} ${describeDecision(d.record)}` };
}

function serveEvent(serve: ServeNote): EventRef {
  return { t: serve.t, node: serve.node, what: `${serve.node} starts serving epoch ${serve.epoch}` };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
