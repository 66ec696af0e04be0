/**
 * The search's memo of (set of placed operations, model state) pairs already explored (Lowe's
 * memoisation). Exact: hashes only pick the slot; the state is interned with the model's `equal`, and
 * the set itself is stored and compared. Operations are numbered in call order, so a set is mostly
 * "everything before `lo`" plus a few gaps: it is stored as `lo`, `hi` (one past the last placed
 * operation) and the unplaced positions between them, a handful of numbers however long the history.
 * A collision therefore costs time, never a pruned branch.
 */

import type { PlacedSet } from './placed-set.ts';

/** Slot layout: [hash, state id + 1, arena offset of the stored set]. */
const STRIDE = 3;

export class StateCache<S> {
  private slots: Int32Array;
  /** One byte per slot, 0 for empty, else 8 bits of the hash: probing touches this small array first. */
  private tags: Uint8Array;
  private count = 0;
  /** Stored sets, in `PlacedSet.encode`'s form. */
  private arena = new Int32Array(1 << 12);
  private arenaUsed = 0;
  private readonly scratch: Int32Array;
  private readonly states: S[] = [];
  private readonly byHash = new Map<number, number[]>();
  /** Fast path: the same value (a string, or the same object) again; exact, as `equal` is reflexive. */
  private readonly bySameValue = new Map<S, number>();

  constructor(
    operations: number,
    private readonly equal: (a: S, b: S) => boolean,
    private readonly hash: (s: S) => number,
    capacity = 1 << 10,
  ) {
    this.slots = new Int32Array(capacity * STRIDE);
    this.tags = new Uint8Array(capacity);
    this.scratch = new Int32Array(operations + 3);
  }

  /** A small number standing for `state`: equal states (by the model's `equal`) get the same number. */
  intern(state: S): number {
    const same = this.bySameValue.get(state);
    if (same !== undefined) return same;
    const h = this.hash(state) | 0;
    let ids = this.byHash.get(h);
    if (ids === undefined) {
      ids = [];
      this.byHash.set(h, ids);
    }
    for (const id of ids) {
      if (this.equal(this.states[id]!, state)) {
        this.bySameValue.set(state, id);
        return id;
      }
    }
    const id = this.states.length;
    this.bySameValue.set(state, id);
    this.states.push(state);
    ids.push(id);
    return id;
  }

  /** The state `intern` numbered `id`. */
  state(id: number): S {
    return this.states[id]!;
  }

  /** Adds (set, state); false if it was already there. */
  add(set: PlacedSet, stateId: number): boolean {
    const n = set.encode(this.scratch);
    const setHash = set.hash;
    if ((this.count + 1) * 2 > this.tags.length) this.grow();
    const h = Math.imul(setHash ^ Math.imul(stateId + 1, 0x9e3779b1), 0x85ebca6b) ^ this.scratch[0]!;
    const mask = this.tags.length - 1;
    const stateKey = stateId + 1;
    const tag = (h >>> 24) | 1;
    for (let i = (h ^ (h >>> 15)) & mask; ; i = (i + 1) & mask) {
      const t = this.tags[i]!;
      if (t === 0) {
        const s = i * STRIDE;
        this.tags[i] = tag;
        this.slots[s] = h;
        this.slots[s + 1] = stateKey;
        this.slots[s + 2] = this.store(n);
        this.count++;
        return true;
      }
      if (t === tag) {
        const s = i * STRIDE;
        if (this.slots[s + 1] === stateKey && this.slots[s] === h && this.sameAsScratch(this.slots[s + 2]!, n)) return false;
      }
    }
  }

  private sameAsScratch(offset: number, n: number): boolean {
    for (let k = 0; k < n; k++) if (this.arena[offset + k] !== this.scratch[k]) return false;
    return true;
  }

  private store(n: number): number {
    const offset = this.arenaUsed;
    if (offset + n > this.arena.length) {
      const bigger = new Int32Array(Math.max(this.arena.length * 2, offset + n));
      bigger.set(this.arena);
      this.arena = bigger;
    }
    this.arena.set(this.scratch.subarray(0, n), offset);
    this.arenaUsed += n;
    return offset;
  }

  private grow(): void {
    const old = this.slots;
    const oldTags = this.tags;
    this.slots = new Int32Array(old.length * 2);
    this.tags = new Uint8Array(oldTags.length * 2);
    const mask = this.tags.length - 1;
    for (let j = 0; j < old.length; j += STRIDE) {
      if (oldTags[j / STRIDE] === 0) continue;
      const h = old[j]!;
      let i = (h ^ (h >>> 15)) & mask;
      while (this.tags[i] !== 0) i = (i + 1) & mask;
      this.tags[i] = oldTags[j / STRIDE]!;
      this.slots[i * STRIDE] = h;
      this.slots[i * STRIDE + 1] = old[j + 1]!;
      this.slots[i * STRIDE + 2] = old[j + 2]!;
    }
  }
}
