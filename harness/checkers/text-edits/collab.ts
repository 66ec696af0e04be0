/**
 * The three properties of a collab run (DDIA 6.1), judged from the harness's own record: every
 * editor and the server end with one text; every edit does what its author meant (the final
 * characters are the initial and inserted ones minus those some delete covered in the text its
 * author saw); and characters never swap places: two characters together in two states are in the
 * same order in both (the weak list specification, Attiya et al. 2016, which Jupiter satisfies).
 * The strong one, a global order through deleted characters, is not checked: a correct transform
 * breaks it in about 11 % of runs.
 */
import type { CollabRun } from '../../cluster/index.ts';
import type { TextOp } from '../../exercise/index.ts';
import { notJudged, satisfied, violated, type Property, type Verdict } from '../verdict.ts';
import { referenceTransform } from './reference-transform.ts';
import { authoredOutcomes, showAnswers, showTextOp } from './text-ops.ts';

export type CollabPropertyName = 'editors-converge' | 'edits-kept' | 'order-consistent';
export type CollabVerdict = Verdict<CollabPropertyName>;

export const COLLAB_PROPERTIES: readonly Property<CollabPropertyName>[] = [
  { name: 'editors-converge', title: 'All editors and the server end with the same text', description: 'Once the network has healed and every edit has been acknowledged, every client and the server show one text.' },
  { name: 'edits-kept', title: 'Every edit does what its author meant', description: 'The final text holds the initial characters and every inserted one, minus exactly those some delete covered in the text its author saw.' },
  { name: 'order-consistent', title: 'Characters never swap places', description: 'Two characters that appear together in two states (any node, any time) are in the same order in both.' },
];

export interface CollabEdit {
  readonly t: number;
  readonly node: string;
  readonly op: TextOp;
  readonly before: string;
  readonly deleted: string;
}

export interface CollabCell {
  readonly t: number;
  readonly node: string;
  readonly base: string;
  readonly a: TextOp;
  readonly b: TextOp;
  readonly answer: readonly [unknown, unknown];
  readonly problem?: string;
}

export interface CollabRecord {
  readonly edits: readonly CollabEdit[];
  readonly cells: readonly CollabCell[];
  /** Every text a node showed, in trace order (the initial one first, at every node). */
  readonly texts: readonly { readonly t: number; readonly node: string; readonly text: string }[];
}

export function collabRecord(run: Pick<CollabRun, 'notes' | 'initial'>): CollabRecord {
  const edits: CollabEdit[] = [];
  const cells: CollabCell[] = [];
  const texts: { t: number; node: string; text: string }[] = [{ t: 0, node: 'everyone', text: run.initial }];
  for (const e of run.notes) {
    if (e.kind !== 'note') continue;
    const d = e.data as Record<string, unknown>;
    if (e.name === 'ot-edit') edits.push({ t: e.t, node: e.node, op: d.op as TextOp, before: d.before as string, deleted: d.deleted as string });
    if (e.name === 'ot-cell') cells.push({ t: e.t, node: e.node, base: d.base as string, a: d.a as TextOp, b: d.b as TextOp, answer: d.answer as [unknown, unknown], ...(d.problem ? { problem: d.problem as string } : {}) });
    if (e.name === 'ot-edit' || e.name === 'ot-client-apply' || e.name === 'ot-server-apply') texts.push({ t: e.t, node: e.node, text: d.text as string });
  }
  return { edits, cells, texts };
}

export function checkCollabRun(run: Pick<CollabRun, 'notes' | 'initial' | 'final' | 'stoppedBy'>, record: CollabRecord): CollabVerdict[] {
  const stop = run.stoppedBy;
  const bad = record.cells.find((c) => c.problem !== undefined);
  if (stop !== undefined) {
    const why = `the run stopped at t=${stop.t} ms`;
    const first: CollabVerdict = bad
      ? violated('editors-converge', `at t=${bad.t} ms ${badCall(bad)}, so that editor could not go on`, [{ t: bad.t, node: bad.node, what: 'transform' }])
      : notJudged('editors-converge', why);
    return [first, notJudged('edits-kept', why), orderConsistent(record)];
  }
  return [converge(run), editsKept(run, record), orderConsistent(record)];
}

/**
 * The call of a cell that returned an unusable answer, with it: a cell asks `transform(a, b)` and
 * then `transform(b, a)`, and either may be the one at fault.
 */
function badCall(c: CollabCell): string {
  const r = authoredOutcomes(c.base, c.a, c.b, c.answer);
  const which = r.ok ? 0 : r.which;
  const [op, other] = which === 0 ? [c.a, c.b] : [c.b, c.a];
  const on = r.ok ? '' : ` on ${JSON.stringify(r.on)}`;
  return `${c.node === 'server' ? 'the server' : c.node} asked transform(${op.site}'s ${showTextOp(op)}, ${other.site}'s ${showTextOp(other)}) and got ${showAnswers([c.answer[which]], [referenceTransform(op, other)])[0]}, which is not valid${on}: ${r.ok ? c.problem : r.problem}`;
}

function converge(run: Pick<CollabRun, 'final'>): CollabVerdict {
  const { texts, busy } = run.final;
  if (busy.length > 0) return violated('editors-converge', `the run ended with ${busy.join(', ')} still waiting for the server to acknowledge an edit`, []);
  const entries = Object.entries(texts);
  const [n0, t0] = entries[0]!;
  const other = entries.find(([, t]) => t !== t0);
  if (other !== undefined) return violated('editors-converge', `the run ended with ${n0} showing ${JSON.stringify(t0)} and ${other[0]} showing ${JSON.stringify(other[1])}`, [{ t: 0, node: other[0], what: 'final text' }]);
  return satisfied('editors-converge');
}

function editsKept(run: Pick<CollabRun, 'initial' | 'final'>, record: CollabRecord): CollabVerdict {
  const final = run.final.texts.server ?? Object.values(run.final.texts)[0]!;
  const deleted = new Set(record.edits.flatMap((e) => [...e.deleted]));
  for (const e of record.edits) {
    if (e.op.kind !== 'insert') continue;
    for (const ch of e.op.text) {
      if (final.includes(ch) || deleted.has(ch)) continue;
      const others = record.edits.some((d) => d.op.kind === 'delete' && d.node !== e.node);
      return violated('edits-kept', `${e.node} typed ${JSON.stringify(e.op.text)} at t=${e.t} ms; the final text ${JSON.stringify(final)} has no ${JSON.stringify(ch)}, and no delete covered it in the text its author saw${others ? ': a transform lost it (did it let a concurrent delete swallow it?)' : ': a transform lost it'}`, [{ t: e.t, node: e.node, what: 'edit' }]);
    }
  }
  for (const e of record.edits) {
    for (const ch of e.deleted) {
      if (final.includes(ch)) return violated('edits-kept', `${e.node} deleted ${JSON.stringify(e.deleted)} at t=${e.t} ms from ${JSON.stringify(e.before)}, the text it saw; the final text ${JSON.stringify(final)} still has ${JSON.stringify(ch)}`, [{ t: e.t, node: e.node, what: 'edit' }]);
    }
  }
  const known = new Set([...run.initial, ...record.edits.flatMap((e) => (e.op.kind === 'insert' ? [...e.op.text] : []))]);
  const stray = [...final].find((ch) => !known.has(ch));
  if (stray !== undefined) return violated('edits-kept', `the final text ${JSON.stringify(final)} has ${JSON.stringify(stray)}, which nobody typed`, []);
  const doubled = [...final].find((ch, i) => final.indexOf(ch) !== i);
  if (doubled !== undefined) return violated('edits-kept', `the final text ${JSON.stringify(final)} has ${JSON.stringify(doubled)} twice, though it was typed once`, []);
  return satisfied('edits-kept');
}

function orderConsistent(record: CollabRecord): CollabVerdict {
  const seen = new Map<string, { first: boolean; t: number; node: string; text: string }>();
  for (const s of record.texts) {
    const chars = [...s.text];
    for (let i = 0; i < chars.length; i++)
      for (let j = i + 1; j < chars.length; j++) {
        const [x, y] = [chars[i]!, chars[j]!];
        const key = x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
        const first = x < y;
        const was = seen.get(key);
        if (was === undefined) seen.set(key, { first, t: s.t, node: s.node, text: s.text });
        else if (was.first !== first)
          return violated(
            'order-consistent',
            `${JSON.stringify(x)} came after ${JSON.stringify(y)} in ${was.node}'s text ${JSON.stringify(was.text)} at t=${was.t} ms, but before it in ${s.node}'s text ${JSON.stringify(s.text)} at t=${s.t} ms: two characters swapped places`,
            [{ t: was.t, node: was.node, what: 'text' }, { t: s.t, node: s.node, what: 'text' }],
          );
      }
  }
  return satisfied('order-consistent');
}
