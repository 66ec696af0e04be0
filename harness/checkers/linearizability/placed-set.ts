/**
 * The set of operations the search has placed, as a bitset over call-order positions, with the two
 * things the memo needs cheaply: a hash that is a function of the set alone (an XOR of per-operation
 * salts) and a compact exact form. Operations are placed mostly in call order, so the set is
 * "everything before `lo`", a few gaps, and nothing after `hi`: the exact form says just that.
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

  /**
   * Writes the exact form into `out` (room for operations + 3 numbers); returns its length. The form
   * is [lo, hi, k, …]: k ≥ 0 gap positions, or −k raw words from the word holding `lo`, whichever is
   * shorter (a choice made from the set alone, so equal sets get equal forms).
   */
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
    if (hi <= lo + 1) {
      out[2] = 0;
      return 3;
    }
    // Between lo and hi: count the gaps, to pick the shorter form.
    const first = lo >>> 5;
    const words = top - first;
    let count = 0;
    for (let word = first; word < top; word++) count += popcount(~bits[word]! >>> 0);
    // Not gaps: lo itself, and the empty positions of the last word from hi on.
    count -= 1 + top * 32 - hi;
    if (words < count) {
      for (let k = 0; k < words; k++) out[3 + k] = bits[first + k]! | 0;
      out[2] = -words;
      return 3 + words;
    }
    let n = 3;
    for (let word = first; word < top; word++) {
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

/** The number of set bits of a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** How many of the lowest bits of `x` are set. */
function trailingOnes(x: number): number {
  const zeros = ~x >>> 0;
  return zeros === 0 ? 32 : 31 - Math.clz32(zeros & -zeros);
}
