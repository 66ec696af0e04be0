/**
 * Typed readers for the protocol facts the single-leader cluster records as trace notes (`serve`,
 * `commit`, `decision`, …). The trace stores note data as `unknown`; reading it in one place keeps the
 * checkers free of casts, and a note of the wrong shape throws here, naming the note, instead of
 * silently counting as "nothing happened" — which would turn a broken trace into a passing check.
 */
import type { DecisionRecord } from '../cluster/index.ts';
import type { TraceEvent } from '../sim/index.ts';

/** Where a note sits: its position in the trace orders events that share a time. */
interface NotePlace {
  readonly index: number;
  readonly t: number;
  readonly node: string;
}

/** A member started serving as leader, holding these writes in its log. */
export interface ServeNote extends NotePlace {
  readonly epoch: number;
  readonly lastLsn: number;
  readonly writes: readonly string[];
}

/** A member stopped leading `epoch` because it learned of `newerEpoch`. */
export interface StepDownNote extends NotePlace {
  readonly epoch: number;
  readonly newerEpoch: number;
}

/** A member marked the entry at `lsn` committed; `write` is null for an epoch's no-op. */
export interface CommitNote extends NotePlace {
  readonly lsn: number;
  readonly epoch: number;
  readonly write: string | null;
}

/** A member dropped the tail of its log from `fromLsn`, `committedDropped` of those entries committed. */
export interface TruncateNote extends NotePlace {
  readonly fromLsn: number;
  readonly dropped: readonly { readonly epoch: number; readonly lsn: number; readonly write: string | null }[];
  readonly committedDropped: number;
}

/** A probe of `round` froze a member at `epoch`: it refuses replication until thawed or moved to a new epoch. */
export interface FrozenNote extends NotePlace {
  readonly round: number;
  readonly epoch: number;
}

/** A member frozen in `round` was thawed by that round's coordinator. */
export interface ThawedNote extends NotePlace {
  readonly round: number;
}

/** A member accepted `epoch` with `leader`, as announced in `round`. */
export interface AcceptedEpochNote extends NotePlace {
  readonly epoch: number;
  readonly leader: string;
  readonly round: number;
}

/** The coordinator began failover round `round`, suspecting the leader of `epoch`. */
export interface RoundStartNote extends NotePlace {
  readonly round: number;
  readonly suspected: string;
  readonly epoch: number;
}

/** The coordinator's decision for one round, as it applied it. */
export interface DecisionNote extends NotePlace {
  readonly record: DecisionRecord;
}

/** Every `serve` note, in trace order. */
export function serveNotes(trace: readonly TraceEvent[]): ServeNote[] {
  return notesNamed(trace, 'serve', (d, where) => ({
    epoch: num(d, 'epoch', where),
    lastLsn: num(d, 'lastLsn', where),
    writes: strings(d, 'writes', where),
  }));
}

/** Every `step-down` note, in trace order. */
export function stepDownNotes(trace: readonly TraceEvent[]): StepDownNote[] {
  return notesNamed(trace, 'step-down', (d, where) => ({ epoch: num(d, 'epoch', where), newerEpoch: num(d, 'newerEpoch', where) }));
}

/** Every `commit` note, in trace order. */
export function commitNotes(trace: readonly TraceEvent[]): CommitNote[] {
  return notesNamed(trace, 'commit', (d, where) => ({ lsn: num(d, 'lsn', where), epoch: num(d, 'epoch', where), write: writeId(d.write, where) }));
}

/** Every `truncate` note, in trace order. */
export function truncateNotes(trace: readonly TraceEvent[]): TruncateNote[] {
  return notesNamed(trace, 'truncate', (d, where) => {
    if (!Array.isArray(d.dropped)) throw malformed(where, 'dropped');
    const dropped = d.dropped.map((e: unknown) => {
      const entry = record(e, where);
      return { epoch: num(entry, 'epoch', where), lsn: num(entry, 'lsn', where), write: writeId(entry.write, where) };
    });
    return { fromLsn: num(d, 'fromLsn', where), dropped, committedDropped: num(d, 'committedDropped', where) };
  });
}

/** Every `frozen` note, in trace order. */
export function frozenNotes(trace: readonly TraceEvent[]): FrozenNote[] {
  return notesNamed(trace, 'frozen', (d, where) => ({ round: num(d, 'round', where), epoch: num(d, 'epoch', where) }));
}

/** Every `thawed` note, in trace order. */
export function thawedNotes(trace: readonly TraceEvent[]): ThawedNote[] {
  return notesNamed(trace, 'thawed', (d, where) => ({ round: num(d, 'round', where) }));
}

/** Every `accepted-epoch` note, in trace order. */
export function acceptedEpochNotes(trace: readonly TraceEvent[]): AcceptedEpochNote[] {
  return notesNamed(trace, 'accepted-epoch', (d, where) => {
    if (typeof d.leader !== 'string') throw malformed(where, 'leader');
    return { epoch: num(d, 'epoch', where), leader: d.leader, round: num(d, 'round', where) };
  });
}

/** Every `round-start` note of the coordinator, in trace order. */
export function roundStartNotes(trace: readonly TraceEvent[]): RoundStartNote[] {
  return notesNamed(trace, 'round-start', (d, where) => {
    if (typeof d.suspected !== 'string') throw malformed(where, 'suspected');
    return { round: num(d, 'round', where), suspected: d.suspected, epoch: num(d, 'epoch', where) };
  });
}

/** Every `decision` note of the coordinator, in trace order. */
export function decisionNotes(trace: readonly TraceEvent[]): DecisionNote[] {
  return notesNamed(trace, 'decision', (d, where) => {
    num(d, 'round', where);
    const view = record(d.view, where);
    if (typeof view.suspectedLeader !== 'string' || !Array.isArray(view.members)) throw malformed(where, 'view');
    return { record: d as unknown as DecisionRecord };
  });
}

/** "write c1-7 (epoch 2)", or "the no-op of epoch 2" for the entry a new leader appends. */
export function describeEntry(epoch: number, write: string | null): string {
  return write === null ? `the no-op of epoch ${epoch}` : `write ${write} (epoch ${epoch})`;
}

function notesNamed<T>(trace: readonly TraceEvent[], name: string, read: (data: Record<string, unknown>, where: string) => T): (NotePlace & T)[] {
  const notes: (NotePlace & T)[] = [];
  trace.forEach((e, index) => {
    if (e.kind !== 'note' || e.name !== name) return;
    const where = `the '${name}' note of ${e.node} at t=${e.t}ms (trace event #${index})`;
    notes.push({ index, t: e.t, node: e.node, ...read(record(e.data, where), where) });
  });
  return notes;
}

function record(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null) throw new TypeError(`checkers: ${where} has data ${JSON.stringify(v)}, expected an object`);
  return v as Record<string, unknown>;
}

function num(d: Record<string, unknown>, field: string, where: string): number {
  const v = d[field];
  if (typeof v !== 'number') throw malformed(where, field);
  return v;
}

function strings(d: Record<string, unknown>, field: string, where: string): string[] {
  const v = d[field];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw malformed(where, field);
  return v as string[];
}

function writeId(v: unknown, where: string): string | null {
  if (v !== null && typeof v !== 'string') throw malformed(where, 'write');
  return v;
}

function malformed(where: string, field: string): TypeError {
  return new TypeError(`checkers: ${where} has no valid '${field}'; the trace was not recorded by the single-leader cluster`);
}
