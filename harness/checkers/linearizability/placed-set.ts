/**
 * The set of operations the search has placed, as a bitset over call-order positions, with the two
 * things the memo needs cheaply: a hash that is a function of the set alone (an XOR of per-operation
 * salts) and a compact exact form. Operations are placed mostly in call order, so the set is
 * "everything before `lo`", a few gaps, and nothing after `hi`; the form is [lo, hi, gap count, gaps…].
 */
export class PlacedSet {
  hash = 0;
  private readonly bits: Uint32Array;
  private readonly salts: Int32Array;
  /** Every word below `loWord` is full; no word at or above `hiWord` has a bit set. Bounds, not exact. */
  private loWord = 0;
  private hiWord = 0;

  constructor(operations: number, salt: (op: number) => number) {
    this.bits = new Uint32Array((operations + 31) >>> 5);
    this.salts = Int32Array.from({ length: operations }, (_, i) => salt(i));
  }

  /** Adds operation `op`. Paired with `remove`. */
  add(op: number): void {
    const w = op >>> 5;
    this.bits[w] = (this.bits[w]! | (1 << (op & 31))) >>> 0;
    this.hash ^= this.salts[op]!;
    if (w >= this.hiWord) this.hiWord = w + 1;
  }

  /** Takes operation `op` out again. Paired with `add`. */
  remove(op: number): void {
    const w = op >>> 5;
    this.bits[w] = (this.bits[w]! & ~(1 << (op & 31))) >>> 0;
    this.hash ^= this.salts[op]!;
    if (w < this.loWord) this.loWord = w;
  }

  /** Writes the exact form into `out` (room for operations + 3 numbers); returns its length. */
  encode(out: Int32Array): number {
    const bits = this.bits;
    let w = this.loWord;
    while (w < bits.length && bits[w] === 0xffffffff) w++;
    this.loWord = w;
    const lo = w < bits.length ? w * 32 + trailingOnes(bits[w]!) : bits.length * 32;
    let top = this.hiWord;
    while (top > 0 && bits[top - 1] === 0) top--;
    this.hiWord = top;
    const hi = top === 0 ? 0 : (top - 1) * 32 + (32 - Math.clz32(bits[top - 1]!));
    out[0] = lo;
    out[1] = hi;
    let n = 3;
    for (let word = lo >>> 5; word < top; word++) {
      let gaps = ~bits[word]! >>> 0;
      while (gaps !== 0) {
        const pos = word * 32 + 31 - Math.clz32(gaps & -gaps);
        if (pos >= hi) break;
        if (pos > lo) out[n++] = pos;
        gaps = (gaps & (gaps - 1)) >>> 0;
      }
    }
    out[2] = n - 3;
    return n;
  }
}

/** How many of the lowest bits of `x` are set. */
function trailingOnes(x: number): number {
  const zeros = ~x >>> 0;
  return zeros === 0 ? 32 : 31 - Math.clz32(zeros & -zeros);
}
