/**
 * Is a history linearizable with respect to a model? Linearizability is compositional, so each part
 * (key) is searched on its own: far cheaper than one search over everything, and a history is
 * linearizable exactly when every part is. Parts take turns under one total budget, with slices that
 * double each round, so a trivial violation on any key is found even while another key is expensive.
 */
import { harnessError } from '../../errors.ts';
import { misuse, resolvedReturn } from './history-input.ts';
import type { Model, Operation } from './model.ts';
import { describe, describeStuck } from './stuck-explanation.ts';
import type { LinearizabilityVerdict } from './verdict.ts';
import { PartitionSearch, type SearchOp } from './wing-gong-search.ts';

export const DEFAULT_LINEARIZABILITY_BUDGET = 1_000_000;

/** States each key may explore in the first round; every round doubles it. */
const FIRST_SLICE = 1_000;

/** Budgets and, for tests, the set-hash salt of the search (a colliding one must not change a verdict). */
export interface CheckOperationsOptions {
  readonly budget?: number;
  readonly keyBudget?: number;
  readonly salt?: (op: number) => number;
}

/** One part of the history: its key, and its operations (in call order) with their indices in the history. */
export interface HistoryPart<I, O> {
  readonly key: string;
  readonly ops: readonly SearchOp<I, O>[];
  readonly indices: readonly number[];
}

/**
 * Checks `history` against `model`. `linearizable`, `not-linearizable` (with the furthest the search
 * got, the operation it could not place and those overlapping it), or `unknown` once a budget runs out.
 * Throws (code `ERR_BAD_HISTORY` / `ERR_INVALID_OPTION`) on a malformed history or option.
 */
export function checkOperations<I, O, S>(model: Model<I, O, S>, history: readonly Operation<I, O>[], options: CheckOperationsOptions = {}): LinearizabilityVerdict {
  const budget = options.budget ?? DEFAULT_LINEARIZABILITY_BUDGET;
  const keyBudget = options.keyBudget ?? budget;
  for (const [name, v] of [['budget', budget], ['keyBudget', keyBudget]] as const) {
    if (!(v >= 0)) throw harnessError('ERR_INVALID_OPTION', `checkLinearizability: ${name} must be ≥ 0, got ${v}`, RangeError);
  }
  const parts = partition(model, history);
  const keys = parts.length;
  const searches = parts.map((p) => new PartitionSearch(model, p.ops, options.salt));
  let explored = 0;
  let undecided = parts.map((_, i) => i);
  // Keys that used their whole own budget: no verdict, yet a violation on another key still counts.
  const exhausted: number[] = [];
  for (let slice = FIRST_SLICE, round = 0; undecided.length > 0; slice *= 2, round++) {
    const still: number[] = [];
    for (const i of undecided) {
      const part = parts[i]!;
      const search = searches[i]!;
      if (round === 0) {
        // Some refutations need no search (the register's read of a value nobody had begun to write);
        // the model sees the key's operations in the history's order, as the caller wrote them.
        const inHistoryOrder = [...part.indices].sort((a, b) => a - b);
        const refuted = model.refuteWithoutSearch?.(inHistoryOrder.map((index) => history[index]!));
        if (refuted !== undefined) {
          const culprit = inHistoryOrder[refuted.op]!;
          return {
            outcome: 'not-linearizable',
            explanation: `${where(model, part.key)} is not linearizable: ${describe(model, history[culprit]!)} ${refuted.why}.`,
            explored,
            keys,
            counterexample: { key: part.key, linearized: [], state: model.init(), stuck: [culprit], overlapping: [] },
          };
        }
      }
      const allowance = Math.min(slice, keyBudget - search.explored, budget - explored);
      const before = search.explored;
      const status = search.run(Math.max(0, allowance));
      explored += search.explored - before;
      if (status === 'not-linearizable') {
        const stuck = describeStuck(model, history, part, search.deepestPoint());
        return { outcome: 'not-linearizable', explanation: `${where(model, part.key)} is not linearizable: ${stuck.text}`, explored, keys, counterexample: stuck.counterexample };
      }
      if (status === 'paused') still.push(i);
    }
    const starved = still.filter((i) => searches[i]!.explored >= keyBudget);
    exhausted.push(...starved);
    undecided = still.filter((i) => searches[i]!.explored < keyBudget);
    if (explored >= budget) return unknown(model, parts, [...exhausted, ...undecided], explored, budget, keyBudget);
  }
  if (exhausted.length > 0) return unknown(model, parts, exhausted, explored, budget, keyBudget);
  const noun = model.partition === undefined ? 'the history has' : `every one of the ${keys} key${keys === 1 ? '' : 's'} has`;
  return {
    outcome: 'linearizable',
    explanation: `linearizable: ${noun} an order of its operations that a single ${model.name} explains (${explored} states explored)`,
    explored,
    keys,
  };
}

/** The verdict when budgets ran out before `undecided` (positions in `parts`) were decided: never a pass. */
function unknown<I, O, S>(model: Model<I, O, S>, parts: readonly HistoryPart<I, O>[], undecided: readonly number[], explored: number, budget: number, keyBudget: number): LinearizabilityVerdict {
  const names = [...undecided].sort((a, b) => a - b).map((i) => parts[i]!.key);
  const which = model.partition === undefined ? '' : ` on ${names.length === 1 ? 'key' : 'keys'} ${names.map((k) => JSON.stringify(k)).join(', ')}`;
  const spent = explored >= budget ? `its whole budget of ${budget} states` : `${explored} states (at most ${keyBudget} for any one key)`;
  const rest = parts.length - names.length;
  const others = rest > 0 ? ` (the other ${rest} ${rest === 1 ? 'key is' : 'keys are'} linearizable)` : '';
  return { outcome: 'unknown', explanation: `unknown: the search explored ${spent} before reaching a verdict${which}${others}; this is not a pass`, explored, keys: parts.length, budget, undecided: names };
}

/** `key "x"`, or `the history` for a model without parts. */
function where<I, O, S>(model: Model<I, O, S>, key: string): string {
  return model.partition === undefined ? 'the history' : `key ${JSON.stringify(key)}`;
}

/** The history split into parts, keys in sorted order (deterministic), operations the model ignores left out. */
function partition<I, O, S>(model: Model<I, O, S>, history: readonly Operation<I, O>[]): HistoryPart<I, O>[] {
  const byKey = new Map<string, SearchOp<I, O>[]>();
  history.forEach((op, index) => {
    const ret = resolvedReturn(op, index);
    if (model.ignores?.(op) === true) return;
    const key = model.partition?.(op.input) ?? '';
    if (typeof key !== 'string') throw misuse(`operation ${index}: its key must be a string, got ${JSON.stringify(key)}`);
    let part = byKey.get(key);
    if (part === undefined) byKey.set(key, (part = []));
    part.push({ input: op.input, output: op.output, call: op.call, return: ret, order: index });
  });
  return [...byKey.keys()].sort().map((key) => {
    // Call order (stable) for the search's memo; the history's order survives in `order`.
    const ops = byKey.get(key)!.sort((a, b) => a.call - b.call || a.order - b.order);
    return { key, ops, indices: ops.map((o) => o.order) };
  });
}
