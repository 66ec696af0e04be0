/**
 * The four properties of a follower-bootstrap run (design §B.3), judged from the trace: every state a
 * catch-up follower stored against the leader's committed log, its positions over time, where each
 * follower ended, and each snapshot request against what that incarnation had heard. The first call
 * outside its acceptable set is found per property, among the functions the property depends on.
 */
import { notJudged, satisfied, violated, type Verdict } from '../../checkers/index.ts';
import { applyOperation, sameData, type CatchUpCallRecord, type CatchUpFn, type CatchUpRun, type PersistedRecord } from '../../cluster/index.ts';
import type { FollowerState } from '../../exercise/index.ts';
import { statedBy, type StatedExpectation } from '../expectation.ts';
import { CATCH_UP_REQUESTS, describeAnswer, describeBatch, describeState, FOLLOWER_STATES, specNextRequests, specState, type StateQuestion } from './reference.ts';
import { describeRequest } from '../../cluster/index.ts';

export const BOOTSTRAP_PROPERTIES = [
  { name: 'state-matches-position', title: "A follower's data is exactly the leader's data at the position it claims" },
  { name: 'never-goes-back', title: 'A follower never moves back to an older position' },
  { name: 'catches-up', title: 'Every follower catches up' },
  { name: 'snapshot-only-when-needed', title: 'A follower asks for a snapshot only when the leader no longer has what it needs' },
] as const;

export type BootstrapProperty = (typeof BOOTSTRAP_PROPERTIES)[number]['name'];
export type BootstrapVerdict = Verdict<BootstrapProperty>;

const DEPENDS_ON: Readonly<Record<BootstrapProperty, readonly CatchUpFn[]>> = {
  'state-matches-position': ['applyEntries', 'installSnapshot'],
  'never-goes-back': ['installSnapshot'],
  'catches-up': ['applyEntries', 'installSnapshot', 'nextRequest'],
  'snapshot-only-when-needed': ['nextRequest'],
};

export interface TimedCall {
  readonly t: number;
  readonly node: string;
  readonly record: CatchUpCallRecord;
}

export function callsOf(run: CatchUpRun): TimedCall[] {
  return run.notes.flatMap((e) => (e.kind === 'note' && e.name === 'catch-up-call' ? [{ t: e.t, node: e.node, record: e.data as CatchUpCallRecord }] : []));
}

function persistedOf(run: CatchUpRun): { t: number; node: string; record: PersistedRecord }[] {
  return run.notes.flatMap((e) => (e.kind === 'note' && e.name === 'persisted' ? [{ t: e.t, node: e.node, record: e.data as PersistedRecord }] : []));
}

/** Why a call's answer is outside its set, with what the set states, or undefined. */
export function judgeCall(c: CatchUpCallRecord): { expected: StatedExpectation; wanted: string } | undefined {
  if (c.fn === 'nextRequest') {
    const q = { state: c.state, ...(c.leaderFirstLsn !== undefined ? { leaderFirstLsn: c.leaderFirstLsn } : {}) };
    if (CATCH_UP_REQUESTS.accepts(q, c.answer)) return undefined;
    const spec = specNextRequests(c.state, c.leaderFirstLsn);
    return { expected: statedBy(CATCH_UP_REQUESTS, q, c.answer, spec), wanted: spec.map(describeRequest).join(', or ') };
  }
  const q: StateQuestion = c.fn === 'applyEntries' ? { fn: c.fn, state: c.state, entries: c.entries } : { fn: c.fn, state: c.state, snapshot: c.snapshot };
  if (FOLLOWER_STATES.accepts(q, c.answer)) return undefined;
  const spec = specState(q);
  return { expected: statedBy(FOLLOWER_STATES, q, c.answer, [spec]), wanted: describeState(spec) };
}

export function describeCall(c: CatchUpCallRecord): string {
  const input = c.fn === 'applyEntries' ? describeBatch(c.entries) : c.fn === 'installSnapshot' ? `snapshot@${c.snapshot.lsn}` : String(c.leaderFirstLsn ?? 'undefined');
  const answer = c.fn === 'nextRequest' ? describeRequest(c.answer) : describeAnswer(c.answer);
  return `${c.fn}(${describeState(c.state)}, ${input}) → ${answer}`;
}

/** The first call outside its set: among those `property` depends on when given, else of any. */
export function firstBadCall(run: CatchUpRun, property?: BootstrapProperty): { t: number; text: string; expected: StatedExpectation } | undefined {
  const calls = callsOf(run);
  const fns = property === undefined ? undefined : DEPENDS_ON[property];
  const find = (only?: readonly CatchUpFn[]) => {
    for (const c of calls) {
      if (only !== undefined && !only.includes(c.record.fn)) continue;
      const bad = judgeCall(c.record);
      if (bad !== undefined) return { t: c.t, text: `at t=${c.t} ms ${c.node} called ${describeCall(c.record)}; expected ${bad.wanted}`, expected: bad.expected };
    }
    return undefined;
  };
  return (fns && find(fns)) ?? find();
}

/** The data after each prefix of the committed log: `prefix[A]` is the state at position A. */
function prefixStates(run: CatchUpRun): Record<string, string>[] {
  const out: Record<string, string>[] = [{}];
  for (const e of run.final.log) out.push(applyOperation(out.at(-1)!, e.operation));
  return out;
}

export function checkBootstrapRun(run: CatchUpRun): BootstrapVerdict[] {
  const persisted = persistedOf(run);
  return [matches(run, persisted), neverBack(persisted), catchesUp(run), snapshotsNeeded(run)];
}

function matches(run: CatchUpRun, persisted: ReturnType<typeof persistedOf>): BootstrapVerdict {
  const prefix = prefixStates(run);
  for (const p of persisted) {
    const { appliedLsn, data } = p.record;
    const truth = appliedLsn <= run.final.commit ? prefix[appliedLsn] : undefined;
    if (truth !== undefined && sameData(truth, data)) continue;
    const claimed: FollowerState = { appliedLsn, data };
    const why =
      truth === undefined
        ? `but the leader has committed only up to ${run.final.commit}`
        : `but the leader's data at ${appliedLsn} is ${describeState({ appliedLsn, data: truth })} (${diff(truth, data)})`;
    return violated('state-matches-position', `at t=${p.t} ms ${p.node} stored ${describeState(claimed)}, ${why}`, [{ t: p.t, node: p.node, what: 'the stored state' }]);
  }
  return satisfied('state-matches-position');
}

function diff(truth: Readonly<Record<string, string>>, data: Readonly<Record<string, string>>): string {
  const keys = [...new Set([...Object.keys(truth), ...Object.keys(data)])].sort().filter((k) => truth[k] !== data[k]);
  return keys.map((k) => `${k}: expected ${truth[k] === undefined ? 'no value' : `'${truth[k]}'`}, stored ${data[k] === undefined ? 'no value' : `'${data[k]}'`}`).join('; ');
}

function neverBack(persisted: ReturnType<typeof persistedOf>): BootstrapVerdict {
  const last = new Map<string, { t: number; lsn: number }>();
  for (const p of persisted) {
    const before = last.get(p.node);
    if (before !== undefined && p.record.appliedLsn < before.lsn)
      return violated('never-goes-back', `at t=${p.t} ms ${p.node} stored position ${p.record.appliedLsn}, after it had stored ${before.lsn} at t=${before.t} ms`, [
        { t: before.t, node: p.node, what: `stored ${before.lsn}` },
        { t: p.t, node: p.node, what: `went back to ${p.record.appliedLsn}` },
      ]);
    last.set(p.node, { t: p.t, lsn: p.record.appliedLsn });
  }
  return satisfied('never-goes-back');
}

function catchesUp(run: CatchUpRun): BootstrapVerdict {
  if (run.stoppedBy !== undefined) return notJudged('catches-up', 'the run stopped before its end');
  const { commit, followers } = run.final;
  const behind = followers.filter((f) => f.status === 'up' && f.appliedLsn !== commit);
  if (behind.length === 0) return satisfied('catches-up');
  return violated(
    'catches-up',
    `at the end (t=${run.endsAt} ms, writes stopped ${run.scenario.timing.quietMs} ms before) the leader had committed up to ${commit}, but ${behind.map((f) => `${f.id} was at ${f.appliedLsn}`).join(' and ')}`,
    [{ t: run.endsAt, node: behind[0]!.id, what: 'still behind' }],
  );
}

function snapshotsNeeded(run: CatchUpRun): BootstrapVerdict {
  for (const c of callsOf(run)) {
    const r = c.record;
    if (r.fn !== 'nextRequest' || r.answer.kind !== 'snapshot') continue;
    const A = r.state.appliedLsn;
    if (A === 0 || (r.leaderFirstLsn !== undefined && r.leaderFirstLsn > A + 1)) continue;
    const told = r.leaderFirstLsn === undefined ? 'had not heard from the leader since it started' : `had heard that the leader keeps entries from ${r.leaderFirstLsn}`;
    return violated('snapshot-only-when-needed', `at t=${c.t} ms ${c.node} asked for a snapshot at position ${A}, but it ${told}: entries from ${A + 1} would do, and a snapshot costs the leader a copy of everything`, [
      { t: c.t, node: c.node, what: 'asks for a snapshot' },
    ]);
  }
  return satisfied('snapshot-only-when-needed');
}
