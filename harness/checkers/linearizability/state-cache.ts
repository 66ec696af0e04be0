/**
 * The search's memo of (set of placed operations, register value) states seen, as an open-addressing
 * hash table over typed arrays: the set is kept as three 32-bit hashes and the value as a small
 * interned number, so a lookup allocates nothing. (A `Set` of string keys was ten times slower.)
 */
export class StateCache {
  private slots: Int32Array;
  private used: Uint8Array;
  private count = 0;
  private readonly values = new Map<string, number>();

  constructor(capacity = 1 << 12) {
    this.slots = new Int32Array(capacity * 4);
    this.used = new Uint8Array(capacity);
  }

  /** A small number standing for the register value `v`. */
  intern(v: string): number {
    let id = this.values.get(v);
    if (id === undefined) {
      id = this.values.size;
      this.values.set(v, id);
    }
    return id;
  }

  /** Adds the state; false if it was already there. */
  add(h1: number, h2: number, h3: number, value: number): boolean {
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    const mask = this.used.length - 1;
    let i = (Math.imul(h1 ^ value, 0x9e3779b1) ^ h2) & mask;
    for (;;) {
      if (this.used[i] === 0) {
        this.used[i] = 1;
        const s = i * 4;
        this.slots[s] = h1;
        this.slots[s + 1] = h2;
        this.slots[s + 2] = h3;
        this.slots[s + 3] = value;
        this.count++;
        return true;
      }
      const s = i * 4;
      if (this.slots[s] === h1 && this.slots[s + 1] === h2 && this.slots[s + 2] === h3 && this.slots[s + 3] === value) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldUsed = this.used;
    this.slots = new Int32Array(oldSlots.length * 2);
    this.used = new Uint8Array(oldUsed.length * 2);
    this.count = 0;
    for (let i = 0; i < oldUsed.length; i++) {
      if (oldUsed[i] === 0) continue;
      const s = i * 4;
      this.add(oldSlots[s]!, oldSlots[s + 1]!, oldSlots[s + 2]!, oldSlots[s + 3]!);
    }
  }
}
