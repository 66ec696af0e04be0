/**
 * The Wing & Gong search for one register, with Lowe's memoisation (as in porcupine): walk the
 * history's call/return entries; at a call, try to let that operation take effect now; at a return,
 * nothing pending can be placed before it, so backtrack. A (set of operations placed, register value)
 * pair seen before is never explored twice. Budget: a count of states, never wall time.
 */
import { step, type PreparedOp } from './register-model.ts';
import { StateCache } from './state-cache.ts';

/** How the search of one key ended. */
export type KeySearchResult =
  | { readonly kind: 'linearizable'; readonly explored: number }
  | { readonly kind: 'not-linearizable'; readonly explored: number; readonly deepest: { readonly order: readonly number[]; readonly state: string; readonly stuck: readonly number[] } }
  | { readonly kind: 'budget-exhausted'; readonly explored: number };

interface Entry {
  readonly isCall: boolean;
  /** Position of the operation in the key's list. */
  readonly op: number;
  readonly time: number;
  prev: Entry | null;
  next: Entry | null;
  /** For a call: its return entry. */
  match: Entry | null;
}

/** Searches `ops` (one key's operations) for a linearization from `initial`, exploring at most `budget` states. */
export function searchKey(ops: readonly PreparedOp[], initial: string, budget: number): KeySearchResult {
  const head = buildEntries(ops);
  // Three independent 32-bit hashes of the set of placed operations, updated by XOR as it changes.
  // The cache keys on them (and the register value) instead of copying the set: 96 bits make a
  // collision (which could only hide a linearization, never invent one) vanishingly unlikely.
  const r1 = new Int32Array(ops.length);
  const r2 = new Int32Array(ops.length);
  const r3 = new Int32Array(ops.length);
  let seed = 0x2545f491;
  const next32 = (): number => {
    seed = (seed + 0x9e3779b9) | 0;
    let z = seed;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return z ^ (z >>> 16);
  };
  for (let i = 0; i < ops.length; i++) {
    r1[i] = next32();
    r2[i] = next32();
    r3[i] = next32();
  }
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  const cache = new StateCache();
  // The placed operations as a linked stack, so the deepest point reached is kept in O(1).
  let stack: Placed | null = null;
  let depth = 0;
  let state = initial;
  let explored = 0;
  let deepest: { depth: number; top: Placed | null; state: string; entry: Entry | null } = { depth: -1, top: null, state: initial, entry: null };

  let entry = head.next;
  while (head.next !== null) {
    if (entry === null) break; // unreachable: the list always ends in a return entry
    if (entry.isCall) {
      const next = step(state, ops[entry.op]!);
      if (next !== null) {
        const n1 = h1 ^ r1[entry.op]!;
        const n2 = h2 ^ r2[entry.op]!;
        const n3 = h3 ^ r3[entry.op]!;
        if (cache.add(n1, n2, n3, cache.intern(next))) {
          if (++explored > budget) return { kind: 'budget-exhausted', explored: explored - 1 };
          stack = { entry, state, below: stack };
          depth++;
          state = next;
          h1 = n1;
          h2 = n2;
          h3 = n3;
          lift(entry);
          entry = head.next;
          continue;
        }
      }
      entry = entry.next;
      continue;
    }
    // A return entry: the operation it ends must take effect before anything still to the right.
    if (depth > deepest.depth) deepest = { depth, top: stack, state, entry };
    const top = stack;
    if (top === null) break;
    stack = top.below;
    depth--;
    state = top.state;
    h1 ^= r1[top.entry.op]!;
    h2 ^= r2[top.entry.op]!;
    h3 ^= r3[top.entry.op]!;
    unlift(top.entry);
    entry = top.entry.next;
  }
  if (head.next === null) return { kind: 'linearizable', explored };
  // Not linearizable: rebuild what the search saw at its deepest point.
  const order: number[] = [];
  const placed = new Set<number>();
  for (let p = deepest.top; p !== null; p = p.below) {
    order.push(ops[p.entry.op]!.index);
    placed.add(p.entry.op);
  }
  order.reverse();
  const blocked = deepest.entry!;
  const stuck = [ops[blocked.op]!.index];
  // The others pending with it: called before it returned, not placed.
  const ret = ops[blocked.op]!.return;
  for (let i = 0; i < ops.length; i++) if (i !== blocked.op && !placed.has(i) && ops[i]!.call <= ret && ops[i]!.return >= ops[blocked.op]!.call) stuck.push(ops[i]!.index);
  return { kind: 'not-linearizable', explored, deepest: { order, state: deepest.state, stuck } };
}

/** One placed operation on the search's stack: its call entry and the register value before it. */
interface Placed {
  readonly entry: Entry;
  readonly state: string;
  readonly below: Placed | null;
}

/** The doubly linked list of call and return entries, in time order behind a sentinel head. */
function buildEntries(ops: readonly PreparedOp[]): Entry {
  const events: Entry[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const call: Entry = { isCall: true, op: i, time: op.call, prev: null, next: null, match: null };
    const ret: Entry = { isCall: false, op: i, time: op.return, prev: null, next: null, match: null };
    call.match = ret;
    events.push(call, ret);
  }
  // At equal times calls come first: an operation returning at t and one called at t overlap.
  events.sort((a, b) => a.time - b.time || (a.isCall === b.isCall ? a.op - b.op : a.isCall ? -1 : 1));
  const head: Entry = { isCall: false, op: -1, time: -Infinity, prev: null, next: null, match: null };
  let last = head;
  for (const e of events) {
    last.next = e;
    e.prev = last;
    last = e;
  }
  return head;
}

/** Takes a call entry and its return out of the list (the operation has taken effect). Paired with `unlift`. */
function lift(call: Entry): void {
  call.prev!.next = call.next;
  if (call.next !== null) call.next.prev = call.prev;
  const ret = call.match!;
  ret.prev!.next = ret.next;
  if (ret.next !== null) ret.next.prev = ret.prev;
}

/** Puts a lifted call entry and its return back where they were. Paired with `lift`; undo in reverse order. */
function unlift(call: Entry): void {
  const ret = call.match!;
  ret.prev!.next = ret;
  if (ret.next !== null) ret.next.prev = ret;
  call.prev!.next = call;
  if (call.next !== null) call.next.prev = call;
}
