/**
 * The two properties of a CRDT gossip run (DDIA 6.1), judged from the harness's own record: every
 * replica's state and reads are exactly the ops it has seen (its knowledge, kept by the harness and
 * never inferred from an answer), and replicas end in the same state. One CRDT's meaning is passed
 * in, so the counter and set exercises share this and neither knows the other.
 */
import type { GossipRun } from '../../cluster/index.ts';
import { notJudged, satisfied, violated, type Property, type Verdict } from '../verdict.ts';

export type GossipPropertyName = 'values-match-updates-seen' | 'replicas-converge';
export type GossipVerdict = Verdict<GossipPropertyName>;

export const GOSSIP_PROPERTIES: readonly Property<GossipPropertyName>[] = [
  {
    name: 'values-match-updates-seen',
    title: "Every replica's value is exactly the updates it has seen",
    description: "After every update and merge, a replica's state shows the ops that replica has seen (by the harness's own record), and every read returns it.",
  },
  { name: 'replicas-converge', title: 'Replicas end in the same state', description: 'Once the network has healed and gossip has run, every replica holds an equivalent state and reads the same value.' },
];

/** What one CRDT's states mean, for the checker. `V` is a value a client reads (a number, a list of elements). */
export interface GossipMeaning<V> {
  /** The value a (valid) state shows. */
  valueOf(state: unknown): V;
  /** The value a replica must show once it has seen exactly these ops (their harness records). */
  expected(ops: readonly unknown[]): V;
  same(a: V, b: V): boolean;
  show(v: V): string;
  /** The ops seen, in words: "5 increments and 2 decrements". */
  showSeen(ops: readonly unknown[]): string;
  equivalent(a: unknown, b: unknown): boolean;
  showState(s: unknown): string;
  /** What makes two valid states that are not equivalent differ, in words, naming them as given. */
  difference?(a: unknown, b: unknown, aName: string, bName: string): string;
  /** Why the value is wrong, when it can tell (": the merge counted n1's increments again"). */
  diagnose?(call: GossipCall, got: V, want: V, ops: readonly unknown[]): string;
}

/** One step of a replica the harness recorded: a learner call (update, merge, value) or a skipped merge. */
export interface GossipCall {
  readonly t: number;
  readonly node: string;
  readonly kind: 'update' | 'merge' | 'skip' | 'value' | 'bad';
  readonly fn?: string;
  readonly args: readonly unknown[];
  /** The returned state (update, merge), the kept state (skip), or the value read. */
  readonly answer: unknown;
  /** The op ids the replica had seen after this step. */
  readonly knows: readonly string[];
  readonly from?: string;
  readonly write?: string;
  readonly final?: boolean;
  /** Why the answer is no state or value (kind `bad`). */
  readonly problem?: string;
}

export interface GossipRecord {
  readonly calls: readonly GossipCall[];
  /** Every op's harness record, by write id. */
  readonly ops: ReadonlyMap<string, unknown>;
}

export function gossipRecord(run: Pick<GossipRun, 'notes'>, valueFn: string): GossipRecord {
  const calls: GossipCall[] = [];
  const ops = new Map<string, unknown>();
  for (const e of run.notes) {
    if (e.kind !== 'note') continue;
    const d = e.data as Record<string, unknown>;
    const base = { t: e.t, node: e.node, knows: d.knows as string[] };
    switch (e.name) {
      case 'crdt-update':
        ops.set(d.write as string, d.record);
        calls.push({ ...base, kind: 'update', fn: d.fn as string, args: d.args as unknown[], answer: d.answer, write: d.write as string });
        break;
      case 'crdt-merge':
        calls.push({ ...base, kind: 'merge', args: d.args as unknown[], answer: d.answer, from: d.from as string });
        break;
      case 'crdt-skip':
        calls.push({ ...base, kind: 'skip', args: [], answer: d.state, from: d.from as string });
        break;
      case 'crdt-bad-answer':
        calls.push({ ...base, kind: 'bad', fn: d.fn as string, args: d.args as unknown[], answer: d.answer, problem: d.problem as string });
        break;
      case 'crdt-value':
        calls.push({ ...base, kind: 'value', fn: valueFn, args: [d.state], answer: d.answer, ...(d.write ? { write: d.write as string } : {}), ...(d.final ? { final: true } : {}) });
        break;
    }
  }
  return { calls, ops };
}

/** Both properties of one run. */
export function checkGossipRun<V>(run: Pick<GossipRun, 'notes' | 'final' | 'stoppedBy'>, record: GossipRecord, meaning: GossipMeaning<V>): GossipVerdict[] {
  const stop = run.stoppedBy;
  return [valuesMatch(record, meaning), stop ? notJudged('replicas-converge', `the run stopped at t=${stop.t} ms, before replicas could converge`) : converge(run, record, meaning)];
}

function valuesMatch<V>(record: GossipRecord, m: GossipMeaning<V>): GossipVerdict {
  const property = 'values-match-updates-seen';
  for (const c of record.calls) {
    if (c.kind === 'bad') return violated(property, `at t=${c.t} ms ${c.node}'s ${c.fn} returned ${c.problem}, so the replica had no state to go on with`, [{ t: c.t, node: c.node, what: c.fn! }]);
    const seen = c.knows.map((id) => record.ops.get(id));
    const want = m.expected(seen);
    const got = c.kind === 'value' ? (c.answer as V) : m.valueOf(c.answer);
    if (m.same(got, want)) continue;
    const why = m.diagnose?.(c, got, want, seen) ?? '';
    return violated(property, `${stepText(c, m)} ${m.show(got)}, but ${c.node} has seen ${m.showSeen(seen)}, which make ${m.show(want)}${why}`, [{ t: c.t, node: c.node, what: c.kind }]);
  }
  return satisfied(property);
}

function stepText<V>(c: GossipCall, m: GossipMeaning<V>): string {
  switch (c.kind) {
    case 'update':
      return `after ${c.node}'s ${c.fn} for ${c.write} at t=${c.t} ms its state shows`;
    case 'merge':
      return `after ${c.node} merged ${c.from}'s state at t=${c.t} ms its state shows`;
    case 'skip':
      return `at t=${c.t} ms ${c.node} got an equivalent state from ${c.from}; its state ${m.showState(c.answer)} shows`;
    case 'bad':
    case 'value':
      return `at t=${c.t} ms ${c.final ? 'the final read at' : c.write ? `the read after ${c.write} at` : 'a read at'} ${c.node} (${c.fn}) returned`;
  }
}

function converge<V>(run: Pick<GossipRun, 'final'>, record: GossipRecord, m: GossipMeaning<V>): GossipVerdict {
  const property = 'replicas-converge';
  const finals = run.final;
  const first = finals[0]!;
  for (const f of finals.slice(1)) {
    if (m.equivalent(first.state, f.state)) continue;
    const [a, b] = [m.valueOf(first.state), m.valueOf(f.state)];
    // Equal values from different states look like no difference at all: say what differs.
    const hidden = m.same(a, b) ? `: both show ${m.show(a)}, but ${m.difference?.(first.state, f.state, first.id, f.id) || 'their states are not equivalent'}, so a later update or merge can show different values` : '';
    return violated(property, `the run ended with ${first.id} holding ${m.showState(first.state)} (value ${m.show(a)}) and ${f.id} holding ${m.showState(f.state)} (value ${m.show(b)}), after every state had gone round${hidden}`, [{ t: 0, node: f.id, what: 'final state' }]);
  }
  const reads = record.calls.filter((c) => c.kind === 'value' && c.final);
  const r0 = reads[0];
  for (const r of reads.slice(1)) {
    if (!m.same(r0!.answer as V, r.answer as V))
      return violated(property, `the final reads differ: ${r0!.node} read ${m.show(r0!.answer as V)} and ${r.node} read ${m.show(r.answer as V)} from equivalent states`, [{ t: r.t, node: r.node, what: 'final read' }]);
  }
  return satisfied(property);
}
