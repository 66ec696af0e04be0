/**
 * The or-set cluster checks: the gossip cluster (§1.6) runs one OR-Set, a shopping list, with the
 * learner's functions on every replica. A client op adds an item (its tag is the op's write id,
 * unique by construction) or removes one the replica shows, sometimes one it does not (a no-op).
 * The harness records each remove's observed tags: the tags of that item among the adds the
 * replica has seen, so "an add the remove had not seen wins" is judged from the record alone.
 */
import { expectedElements, liveElements, OR_REFERENCE, orSetDifference, orSetProblem, sameORSet, showORSet, type GossipCall, type GossipMeaning, type SetOp } from '../../checkers/index.ts';
import type { KnownOp } from '../../cluster/index.ts';
import type { ORSet } from '../../exercise/index.ts';
import { statedBy, type WrongAnswer } from '../expectation.ts';
import { gossipClusterGroup, type JudgedGossipRun } from '../workloads/crdt-gossip/group.ts';
import { ADD_ANSWERS, ELEMENTS_ANSWERS, MERGE_ANSWERS, REMOVE_ANSWERS, SET_ANSWER_SETS } from './set-answers.ts';

/** The replay format of this exercise's tokens: raise it when its scenarios change. */
export const SET_REPLAY_FORMAT = 1;

const ITEMS = ['milk', 'eggs', 'tea', 'rice', 'salt'] as const;

const showState = (x: unknown): string => (orSetProblem(x) === null ? showORSet(x as ORSet) : (JSON.stringify(x) ?? String(x)));
const showItems = (v: readonly string[]): string => `{${[...v].sort().join(', ')}}`;
const ops = (seen: readonly unknown[]): SetOp[] => seen.filter((o): o is SetOp => o !== undefined) as SetOp[];
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const sorted = (v: readonly string[]): string[] => [...v].sort();

const meaning: GossipMeaning<readonly string[]> = {
  valueOf: (s) => liveElements(s as ORSet),
  expected: (seen) => expectedElements(ops(seen)),
  same: (a, b) => sorted(a).join('\u0000') === sorted(b).join('\u0000'),
  show: showItems,
  showSeen: (seen) => `${plural(ops(seen).filter((o) => o.kind === 'add').length, 'add')} and ${plural(ops(seen).filter((o) => o.kind === 'remove').length, 'remove')}`,
  equivalent: (a, b) => sameORSet(a as ORSet, b as ORSet),
  showState,
  difference: (a, b, aName, bName) => orSetDifference(a as ORSet, b as ORSet, aName, bName),
  diagnose: (call, got, want, seen) => {
    const all = ops(seen);
    const observed = new Set(all.flatMap((o) => (o.kind === 'remove' ? o.observed : [])));
    const lines: string[] = [];
    for (const e of want.filter((x) => !got.includes(x))) {
      const winner = all.find((o) => o.kind === 'add' && o.element === e && !observed.has(o.tag));
      if (winner?.kind === 'add') lines.push(`${e} is missing, but no remove ${call.node} has seen had observed ${winner.tag}'s add of ${e}: an add the remove had not seen wins`);
    }
    for (const e of got.filter((x) => !want.includes(x))) {
      const tags = all.flatMap((o) => (o.kind === 'add' && o.element === e ? [o.tag] : []));
      lines.push(tags.length === 0 ? `${e} is there, but no add of it has reached ${call.node}` : `${e} is back, but a remove ${call.node} has seen observed every add of it (${tags.join(', ')}): no merge may undo a remove`);
    }
    return lines.length > 0 ? `: ${lines.join('; ')}` : '';
  },
};

type Judged = { set: typeof ADD_ANSWERS | typeof REMOVE_ANSWERS | typeof MERGE_ANSWERS | typeof ELEMENTS_ANSWERS; want: unknown; why: string; call: string };

function referenceOf(fn: string, args: readonly unknown[]): Judged {
  switch (fn) {
    case 'orAdd': {
      const [s, e, t] = args as [ORSet, string, string];
      return { set: ADD_ANSWERS, want: OR_REFERENCE.add(s, e, t), why: `an add makes (${e}, ${t}) live and changes nothing else`, call: `orAdd(${showORSet(s)}, '${e}', '${t}')` };
    }
    case 'orRemove': {
      const [s, e] = args as [ORSet, string];
      return { set: REMOVE_ANSWERS, want: OR_REFERENCE.remove(s, e), why: `a remove puts the live tags of ${e} this state holds into removed, and no others`, call: `orRemove(${showORSet(s)}, '${e}')` };
    }
    case 'orMerge': {
      const [a, b] = args as [ORSet, ORSet];
      return { set: MERGE_ANSWERS, want: OR_REFERENCE.merge(a, b), why: 'a merge keeps every add and every removed tag either side has, and nothing else', call: `orMerge(${showORSet(a)}, ${showORSet(b)})` };
    }
    default: {
      const [s] = args as [ORSet];
      return { set: ELEMENTS_ANSWERS, want: OR_REFERENCE.elements(s), why: 'the elements with a tag not in removed, each once', call: `orElements(${showORSet(s)})` };
    }
  }
}

function judge(c: GossipCall): WrongAnswer | null {
  const fn = c.fn ?? 'orMerge';
  const ref = referenceOf(fn, c.args);
  if (c.kind !== 'bad' && (ref.set.accepts as (q: unknown, a: unknown) => boolean)(c.args, c.answer)) return null;
  const answered = c.kind === 'bad' ? (c.problem ?? '') : fn === 'orElements' ? (JSON.stringify(c.answer) ?? String(c.answer)) : showState(c.answer);
  const wanted = fn === 'orElements' ? JSON.stringify(ref.want) : showORSet(ref.want as ORSet);
  const from = fn === 'orMerge' && c.from ? ` with ${c.from}'s state` : '';
  return { text: `${ref.call}${from} and you returned ${answered}; acceptable: ${wanted}: ${ref.why}`, expected: statedBy(ref.set as never, c.args as never, c.answer, [ref.want]) };
}

/** The lesson: how often add-wins decided, and how often a removed item came back (a 2P-Set would refuse it). */
function addWinsLesson() {
  let concurrent = 0;
  let reAdds = 0;
  let runs = 0;
  return {
    observe(judged: JudgedGossipRun) {
      runs++;
      const made = judged.record.calls.filter((c) => c.kind === 'update' && c.write !== undefined);
      const before = (c: GossipCall): Set<string> => new Set(c.knows.filter((id) => id !== c.write));
      const record = (c: GossipCall): SetOp => judged.record.ops.get(c.write!) as SetOp;
      const removes = made.filter((c) => record(c).kind === 'remove');
      for (const a of made) {
        const add = record(a);
        if (add.kind !== 'add') continue;
        const seenByAdd = before(a);
        if (removes.some((r) => (record(r) as SetOp).element === add.element && seenByAdd.has(r.write!))) reAdds++;
        concurrent += removes.filter((r) => (record(r) as SetOp).element === add.element && !seenByAdd.has(r.write!) && !before(r).has(a.write!)).length;
      }
    },
    lines(): string[] {
      return [
        `${plural(concurrent, 'concurrent add/remove pair')} of one item in ${runs} runs were resolved add-wins: the add the remove had not seen stayed`,
        `${plural(reAdds, 're-add')} of an item removed earlier came back; a two-phase set (2P-Set), where a removed element never returns, would have refused them`,
      ];
    },
  };
}

/** What a client op does at a replica: a scripted "add milk" / "remove milk", or the dice's choice. */
function setOp(write: { readonly id: string; readonly op?: string; readonly draws: readonly [number, number] }, state: ORSet): { kind: 'add' | 'remove'; element: string } {
  if (write.op !== undefined) {
    const [kind, element] = write.op.split(' ') as ['add' | 'remove', string];
    return { kind, element };
  }
  const [d0, d1] = write.draws;
  const shown = liveElements(state);
  if (d0 < 0.6 || shown.length === 0) return { kind: 'add', element: ITEMS[Math.floor(d1 * ITEMS.length)]! };
  // Mostly an item the replica shows; sometimes one it does not, which removes nothing.
  return { kind: 'remove', element: d1 < 0.15 ? ITEMS[Math.floor((d1 / 0.15) * ITEMS.length)]! : shown[Math.floor(((d1 - 0.15) / 0.85) * shown.length)]! };
}

export const setClusterChecks = gossipClusterGroup<readonly string[]>({
  format: SET_REPLAY_FORMAT,
  crdt: {
    initial: { adds: [], removed: [] },
    mergeFn: 'orMerge',
    valueFn: 'orElements',
    opCall: (write, _replica, state, knowledge) => {
      const s = state as ORSet;
      const op = setOp(write, s);
      if (op.kind === 'add') return { fn: 'orAdd', args: [s, op.element, write.id], record: { kind: 'add', element: op.element, tag: write.id } satisfies SetOp };
      const observed = (knowledge as readonly KnownOp<SetOp>[]).flatMap((k) => (k.record.kind === 'add' && k.record.element === op.element ? [k.record.tag] : []));
      return { fn: 'orRemove', args: [s, op.element], record: { kind: 'remove', element: op.element, observed } satisfies SetOp };
    },
    stateProblem: orSetProblem,
    valueProblem: (x) => (Array.isArray(x) && x.every((e) => typeof e === 'string') ? null : `${JSON.stringify(x) ?? String(x)}, not a list of elements`),
    equivalent: (a, b) => sameORSet(a as ORSet, b as ORSet),
    size: (x) => (x as ORSet).adds.length + (x as ORSet).removed.length,
  },
  meaning,
  show: { state: showState, value: (v) => (Array.isArray(v) ? showItems(v as string[]) : String(v)) },
  judge,
  acceptableSets: SET_ANSWER_SETS,
  staleOps: { first: ['add milk', 'add eggs'], later: ['remove milk', 'remove eggs'] },
  addRemove: true,
  functions: 'orAdd, orRemove, orMerge and orElements',
  lesson: addWinsLesson,
});
