/**
 * The four properties of a replication-ack run. The first two compare, decision by decision, how far
 * the leader acknowledged with how far the reference allows on the same recorded views (cumulative,
 * from 0 in each leader incarnation), so any answer with the spec's effect passes. The other two look
 * at what the members really held: acknowledged writes on a surviving disk after the disaster, and
 * under remote_apply, applied on the synchronous standbys when acknowledged.
 */
import { notJudged, satisfied, violated, type Verdict } from '../../checkers/index.ts';
import type { StandbyRun, TimedRecord, AckDecisionRecord } from '../../cluster/index.ts';
import { statedBy, type StatedExpectation } from '../expectation.ts';
import { ACK_POSITIONS, describePolicy, describeView, specAckPosition } from './reference.ts';

export const ACK_PROPERTIES = [
  { name: 'waits-for-the-policy', title: 'No write is acknowledged before its policy is met' },
  { name: 'no-needless-wait', title: 'No write waits longer than its policy requires' },
  { name: 'survives-its-failures', title: 'An acknowledged write survives the failures its policy promises to survive' },
  { name: 'visible-when-applied', title: 'With remote_apply, an acknowledged write is already visible on the synchronous standbys' },
] as const;

export type AckProperty = (typeof ACK_PROPERTIES)[number]['name'];
export type AckVerdict = Verdict<AckProperty>;

/** One decision compared with the reference: `acked` is the learner's cumulative ack point, `allowed` the reference's. */
interface Compared {
  readonly at: TimedRecord<AckDecisionRecord>;
  readonly answer: number;
  readonly spec: number;
  readonly ackedBefore: number;
  readonly acked: number;
  readonly allowed: number;
}

function compare(run: StandbyRun): Compared[] {
  const out: Compared[] = [];
  let incarnation = -1;
  let acked = 0;
  let allowed = 0;
  for (const at of run.decisions) {
    const r = at.record;
    if (r.answer === undefined) continue;
    if (r.incarnation !== incarnation) [incarnation, acked, allowed] = [r.incarnation, 0, 0];
    const spec = specAckPosition(run.scenario.policy, r.view);
    const ackedBefore = acked;
    acked = Math.max(acked, r.answer);
    allowed = Math.max(allowed, spec);
    out.push({ at, answer: r.unclamped ?? r.answer, spec, ackedBefore, acked, allowed });
  }
  return out;
}

/** The first decision outside the acceptable set, in words and as data. */
export function firstBadDecision(run: StandbyRun): { t: number; text: string; expected: StatedExpectation } | undefined {
  for (const c of compare(run)) {
    const q = { policy: run.scenario.policy, view: c.at.record.view, ackedBefore: c.ackedBefore };
    if (ACK_POSITIONS.accepts(q, c.answer)) continue;
    const text = `at t=${c.at.t} ms ackPosition answered ${c.answer} for ${describePolicy(q.policy)} on the view: ${describeView(q.view)}; the policy allows acknowledging up to ${c.spec}${c.ackedBefore > 0 ? ` (the leader had acknowledged up to ${c.ackedBefore})` : ''}`;
    return { t: c.at.t, text, expected: statedBy(ACK_POSITIONS, q, c.answer, [c.spec]) };
  }
  return undefined;
}

export function checkAckRun(run: StandbyRun): AckVerdict[] {
  const compared = compare(run);
  const early = compared.find((c) => c.acked > c.allowed);
  const late = compared.find((c) => c.acked < c.allowed);
  const at = (c: Compared) => [{ t: c.at.t, node: 'n1', what: 'the ack decision' }];
  const policy = describePolicy(run.scenario.policy);
  return [
    early
      ? violated('waits-for-the-policy', `at t=${early.at.t} ms the leader acknowledged writes up to lsn ${early.acked}, but under ${policy} the standbys it must wait for held only up to ${early.allowed} (view: ${describeView(early.at.record.view)})`, at(early))
      : satisfied('waits-for-the-policy'),
    late
      ? violated('no-needless-wait', `at t=${late.at.t} ms writes up to lsn ${late.allowed} could have been acknowledged under ${policy}, but the leader acknowledged only up to ${late.acked} (view: ${describeView(late.at.record.view)})`, at(late))
      : satisfied('no-needless-wait'),
    survives(run),
    visible(run, compared),
  ];
}

function survives(run: StandbyRun): AckVerdict {
  const T = run.disasterAt;
  if (T === undefined) return notJudged('survives-its-failures', 'the run stopped before its disaster');
  const { lost, powerLoss } = run.scenario.disaster;
  const survivors = run.final.filter((m) => !lost.includes(m.id));
  const disaster = `the disaster at t=${T} ms (${lost.length > 0 ? `${lost.join(', ')} lost for good` : 'no member lost'}${powerLoss ? ', every other member lost power' : ''})`;
  for (const { t, record } of run.acks) {
    if (t >= T) break;
    if (survivors.some((m) => m.log[record.lsn - 1]?.write?.id === record.write)) continue;
    return violated(
      'survives-its-failures',
      `write ${record.write} (lsn ${record.lsn}) was acknowledged at t=${t} ms under ${describePolicy(run.scenario.policy)}, and after ${disaster} no surviving member has it on disk (${survivors.map((m) => `${m.id} up to ${m.log.length}`).join(', ')})`,
      [{ t, node: 'n1', what: `acknowledges ${record.write}` }, { t: T, what: 'the disaster' }],
    );
  }
  return satisfied('survives-its-failures');
}

/** Each member's applied positions over time (durable: they never go back). */
function appliedTimeline(run: StandbyRun): Map<string, { t: number; lsn: number }[]> {
  const by = new Map<string, { t: number; lsn: number }[]>();
  for (const e of run.notes) if (e.kind === 'note' && e.name === 'applied') by.set(e.node, [...(by.get(e.node) ?? []), { t: e.t, lsn: (e.data as { lsn: number }).lsn }]);
  return by;
}

function visible(run: StandbyRun, compared: readonly Compared[]): AckVerdict {
  const { policy } = run.scenario;
  if (policy.level === 'local' || policy.sync.names.length === 0) return satisfied('visible-when-applied');
  const applied = appliedTimeline(run);
  // Decisions come in time order, so one cursor per member walks its applied positions once.
  const cursor = new Map<string, number>();
  const appliedAt = (id: string, t: number): number => {
    const xs = applied.get(id) ?? [];
    let i = cursor.get(id) ?? -1;
    while (i + 1 < xs.length && xs[i + 1]!.t <= t) i++;
    cursor.set(id, i);
    return i < 0 ? 0 : xs[i]!.lsn;
  };
  let unseen = 0;
  let first: { c: Compared; on: string } | undefined;
  for (const c of compared) {
    if (c.acked <= c.ackedBefore) continue;
    const t = c.at.t;
    const seen = policy.sync.names.filter((id) => appliedAt(id, t) >= c.acked);
    if (seen.length >= policy.sync.count) continue;
    unseen++;
    first ??= { c, on: policy.sync.names.map((id) => `${id} applied ${appliedAt(id, t)}`).join(', ') };
  }
  if (first === undefined) return satisfied('visible-when-applied');
  if (policy.level === 'remote_apply')
    return violated(
      'visible-when-applied',
      `at t=${first.c.at.t} ms the leader acknowledged up to lsn ${first.c.acked} under ${describePolicy(policy)}, but fewer than ${policy.sync.count} named standbys had applied it (${first.on}): a read there right after the ack would miss the write`,
      [{ t: first.c.at.t, node: 'n1', what: 'the ack decision' }],
    );
  return satisfied('visible-when-applied', [
    `under ${policy.level}, ${unseen} acknowledgement${unseen === 1 ? ' was' : 's were'} sent before the synchronous standbys had applied the write (e.g. at t=${first.c.at.t} ms: ${first.on}); only remote_apply waits for that`,
  ]);
}
