/**
 * A binary min-heap of scheduled events ordered by (time, sequence number).
 *
 * The sequence number breaks ties in insertion order, which is what makes two events scheduled for the
 * same millisecond run in a reproducible order. Events carry their own `time` and `seq` so that
 * scheduling one allocates nothing beyond the event itself (this is the simulator's hottest path).
 */
export interface Scheduled {
  time: number;
  seq: number;
}

export class EventQueue<E extends Scheduled> {
  private readonly heap: E[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Adds `event` to run at `time`. */
  push(time: number, event: E): void {
    event.time = time;
    event.seq = this.nextSeq++;
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  }

  /** The earliest event without removing it. */
  peek(): E | undefined {
    return this.heap[0];
  }

  /** Removes and returns the earliest event. */
  pop(): E | undefined {
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

function before(x: Scheduled, y: Scheduled): boolean {
  return x.time < y.time || (x.time === y.time && x.seq < y.seq);
}
