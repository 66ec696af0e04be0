/**
 * The Wing & Gong search for one part of a history (one key), with Lowe's memoisation, as in
 * porcupine: walk the call/return entries; at a call, let that operation take effect now (in each
 * next state the model allows); at a return, nothing pending can be placed before it, so backtrack.
 * A (set of placed operations, state) pair seen before is never explored twice. The search can be
 * paused after a number of new states and resumed, so a scheduler can share one budget among keys.
 */
import type { Model } from './model.ts';
import { PlacedSet } from './placed-set.ts';
import { StateCache } from './state-cache.ts';

/**
 * An operation as the search sees it: times resolved (`Infinity`: never returned). The search wants
 * its operations in call order (the memo stores sets compactly then); ties keep the history's order.
 */
export interface SearchOp<I, O> {
  readonly input: I;
  readonly output: O;
  readonly call: number;
  readonly return: number;
  /** Breaks ties between entries at equal times: the operation's place in the caller's history. */
  readonly order: number;
}

/** Where the search got furthest before it had to give up: positions in the part's operation list. */
export interface DeepestPoint<S> {
  /** The operations placed, in order. */
  readonly order: readonly number[];
  readonly state: S;
  /** The operation whose return the search could not get past. */
  readonly blocked: number;
}

export type SearchStatus = 'linearizable' | 'not-linearizable' | 'paused';

interface Entry {
  readonly isCall: boolean;
  /** Position of the operation in the part's list. */
  readonly op: number;
  readonly time: number;
  prev: Entry | null;
  next: Entry | null;
  /** For a call: its return entry. */
  match: Entry | null;
}

/** One placed operation: its call entry, the state id before it, and which next state it took. */
interface Frame {
  readonly entry: Entry;
  readonly before: number;
  readonly alt: number;
  /** How many next states the model allowed there. */
  readonly alts: number;
  readonly below: Frame | null;
}

/** A resumable search of one part. `explored` counts new states, never wall time. */
export class PartitionSearch<I, O, S> {
  explored = 0;
  private readonly head: Entry;
  private readonly placed: PlacedSet;
  private readonly cache: StateCache<S>;
  private stack: Frame | null = null;
  private depth = 0;
  private stateId: number;
  private entry: Entry | null;
  /** The next of the model's next states to try at `entry` (a call). */
  private alt = 0;
  private deepest: { depth: number; top: Frame | null; stateId: number; entry: Entry | null };

  /** `salt` gives each operation its contribution to the set hash; tests pass a colliding one. */
  constructor(
    private readonly model: Model<I, O, S>,
    private readonly ops: readonly SearchOp<I, O>[],
    salt: (op: number) => number = splitmix,
  ) {
    this.head = buildEntries(ops);
    this.placed = new PlacedSet(ops.length, salt);
    this.cache = new StateCache(ops.length, model.equal, model.hash);
    this.stateId = this.cache.intern(model.init());
    this.entry = this.head.next;
    this.deepest = { depth: -1, top: null, stateId: this.stateId, entry: null };
  }

  /** Searches on until decided or `allowance` more states have been explored (then 'paused'). */
  run(allowance: number): SearchStatus {
    const { head, ops, model, cache, placed: set } = this;
    const limit = this.explored + allowance;
    let { entry, alt, stack, depth, stateId, explored } = this;
    let status: SearchStatus = 'paused';
    for (;;) {
      if (head.next === null) {
        status = 'linearizable';
        break;
      }
      if (entry === null) break; // unreachable: the list always ends in a return entry
      if (entry.isCall) {
        const op = ops[entry.op]!;
        const nexts = model.step(cache.state(stateId), op.input, op.output);
        let placed = false;
        for (let a = alt; a < nexts.length; a++) {
          if (explored >= limit) {
            alt = a;
            this.save(entry, alt, stack, depth, stateId, explored);
            return 'paused';
          }
          const nextId = cache.intern(nexts[a]!);
          set.add(entry.op);
          if (!cache.add(set, nextId)) {
            set.remove(entry.op);
            continue;
          }
          explored++;
          stack = { entry, before: stateId, alt: a, alts: nexts.length, below: stack };
          depth++;
          stateId = nextId;
          lift(entry);
          entry = head.next;
          alt = 0;
          placed = true;
          break;
        }
        if (!placed) {
          entry = entry.next;
          alt = 0;
        }
        continue;
      }
      // A return entry: the operation it ends must take effect before anything still to the right.
      if (depth > this.deepest.depth) this.deepest = { depth, top: stack, stateId, entry };
      const top = stack;
      if (top === null) {
        status = 'not-linearizable';
        break;
      }
      stack = top.below;
      depth--;
      stateId = top.before;
      set.remove(top.entry.op);
      unlift(top.entry);
      // Try the operation's other next states first, then the entries after it.
      if (top.alt + 1 < top.alts) {
        entry = top.entry;
        alt = top.alt + 1;
      } else {
        entry = top.entry.next;
        alt = 0;
      }
    }
    this.save(entry, alt, stack, depth, stateId, explored);
    return status;
  }

  /** After 'not-linearizable': the deepest point the search reached. */
  deepestPoint(): DeepestPoint<S> {
    const order: number[] = [];
    for (let p = this.deepest.top; p !== null; p = p.below) order.push(p.entry.op);
    order.reverse();
    return { order, state: this.cache.state(this.deepest.stateId), blocked: this.deepest.entry!.op };
  }

  private save(entry: Entry | null, alt: number, stack: Frame | null, depth: number, stateId: number, explored: number): void {
    this.entry = entry;
    this.alt = alt;
    this.stack = stack;
    this.depth = depth;
    this.stateId = stateId;
    this.explored = explored;
  }
}

/** Well-mixed 32-bit salts, the same for every run (determinism). */
function splitmix(i: number): number {
  let z = (0x2545f491 + Math.imul(i + 1, 0x9e3779b9)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return z ^ (z >>> 16);
}

/** The doubly linked list of call and return entries, in time order behind a sentinel head. */
function buildEntries<I, O>(ops: readonly SearchOp<I, O>[]): Entry {
  const events: Entry[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const call: Entry = { isCall: true, op: i, time: op.call, prev: null, next: null, match: null };
    const ret: Entry = { isCall: false, op: i, time: op.return, prev: null, next: null, match: null };
    call.match = ret;
    events.push(call, ret);
  }
  // At equal times calls come first: an operation returning at t and one called at t overlap.
  events.sort((a, b) => a.time - b.time || (a.isCall === b.isCall ? ops[a.op]!.order - ops[b.op]!.order : a.isCall ? -1 : 1));
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
