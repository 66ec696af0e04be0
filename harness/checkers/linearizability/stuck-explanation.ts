/**
 * The counterexample of a key that is not linearizable, in plain words: how far the search got, the
 * operation it could not get past, and the operations overlapping that one (both those it had placed
 * already and those it had not), since the order of exactly those is what every attempt varied.
 */
import type { HistoryPart } from './check-operations.ts';
import type { Model, Operation } from './model.ts';
import type { LinearizabilityCounterexample } from './verdict.ts';
import type { DeepestPoint } from './wing-gong-search.ts';

/** Operations named per group before "and N more": keeps a message about a busy key short. */
const MAX_LISTED = 6;

/** The explanation (after `key "x" is not linearizable: `) and the counterexample with history indices. */
export function describeStuck<I, O, S>(
  model: Model<I, O, S>,
  history: readonly Operation<I, O>[],
  part: HistoryPart<I, O>,
  deepest: DeepestPoint<S>,
): { readonly text: string; readonly counterexample: LinearizabilityCounterexample } {
  const { ops, indices } = part;
  const placed = new Set(deepest.order);
  const b = ops[deepest.blocked]!;
  const overlapping: number[] = [];
  for (let i = 0; i < ops.length; i++) if (i !== deepest.blocked && ops[i]!.call <= b.return && ops[i]!.return >= b.call) overlapping.push(i);
  // In the history's order, as the caller wrote it.
  overlapping.sort((x, y) => indices[x]! - indices[y]!);
  const unplaced = overlapping.filter((i) => !placed.has(i));
  const before = overlapping.filter((i) => placed.has(i));
  const say = (positions: readonly number[]): string => {
    const named = positions.slice(0, MAX_LISTED).map((i) => describe(model, history[indices[i]!]!));
    const more = positions.length - named.length;
    return named.join('; ') + (more > 0 ? `; and ${more} more` : '');
  };
  const groups = [...(unplaced.length > 0 ? [say(unplaced)] : []), ...(before.length > 0 ? [`placed before it: ${say(before)}`] : [])];
  const n = ops.length;
  const k = deepest.order.length;
  const text =
    `no single order of its ${n} operations, each taking effect between its call and its return, agrees with one ${model.name}. ` +
    `The search got furthest after placing ${k} operation${k === 1 ? '' : 's'}, with ${model.describeState(deepest.state)}; ` +
    `then ${describe(model, history[indices[deepest.blocked]!]!)} had to take effect and could not` +
    (groups.length > 0 ? `, whatever the order of the operations overlapping it (${groups.join(' — ')})` : '') +
    '.';
  return {
    text,
    counterexample: {
      key: part.key,
      linearized: deepest.order.map((i) => indices[i]!),
      state: deepest.state,
      stuck: [deepest.blocked, ...unplaced].map((i) => indices[i]!),
      overlapping: overlapping.map((i) => indices[i]!),
    },
  };
}

/** One operation in words with its client and times, e.g. `c2 read → 3 (t=10–25)`. */
export function describe<I, O, S>(model: Model<I, O, S>, op: Operation<I, O>): string {
  return `${op.client} ${model.describeOperation(op.input, op.output)} (t=${op.call}–${op.return === undefined || op.return === Infinity ? '?' : op.return})`;
}
