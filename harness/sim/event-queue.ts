/**
 * A binary min-heap of scheduled events ordered by (time, sequence number).
 *
 * The sequence number breaks ties in insertion order, which is what makes two events scheduled for the
 * same millisecond run in a reproducible order.
 */
export interface Scheduled<E> {
  readonly time: number;
  readonly seq: number;
  readonly event: E;
}

export class EventQueue<E> {
  private readonly heap: Scheduled<E>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Adds `event` at `time`; returns its sequence number. */
  push(time: number, event: E): number {
    const seq = this.nextSeq++;
    const heap = this.heap;
    let i = heap.length;
    heap.push({ time, seq, event });
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (p.time < time || (p.time === time && p.seq < seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = { time, seq, event };
    return seq;
  }

  /** The earliest event without removing it. */
  peek(): Scheduled<E> | undefined {
    return this.heap[0];
  }

  /** Removes and returns the earliest event. */
  pop(): Scheduled<E> | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && before(heap[r]!, heap[l]!)) c = r;
        if (!before(heap[c]!, last)) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }
}

function before<E>(x: Scheduled<E>, y: Scheduled<E>): boolean {
  return x.time < y.time || (x.time === y.time && x.seq < y.seq);
}
