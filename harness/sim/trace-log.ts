/**
 * The simulator's trace storage: events kept in growable typed-array columns instead of one object
 * each. A run records millions of sends and deliveries; as objects they cost more in garbage
 * collection than the simulation itself. Events are rebuilt as `TraceEvent` objects when read.
 * The columns grow in fixed chunks, never by copying: doubling and copying six columns of a 2 M-event
 * run cost 7 % of the simulator's time (bench profile).
 */
import type { Fault } from './faults.ts';
import type { DropReason, TraceEvent, TraceLike } from './trace.ts';

const KINDS = ['send', 'deliver', 'drop', 'duplicate', 'timer', 'fault', 'note', 'never-settled'] as const;
const SEND = 0, DELIVER = 1, DROP = 2, DUPLICATE = 3, TIMER = 4, FAULT = 5, NOTE = 6, NEVER_SETTLED = 7;
const REASONS: readonly DropReason[] = ['loss', 'partition', 'crashed', 'not-a-node'];

export class TraceLog implements TraceLike, Iterable<TraceEvent> {
  private n = 0;
  /** Chunks of each column; the last one is being filled. */
  private readonly chunks: Chunk[] = [];
  private current: Chunk = newChunk();
  /** Free places left in `current`. */
  private room = CHUNK;
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();

  constructor() {
    this.chunks.push(this.current);
  }

  get length(): number {
    return this.n;
  }

  /** The number standing for `name` in this trace; message events take node ids as these numbers. */
  intern(name: string): number {
    let id = this.stringIds.get(name);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(name);
      this.stringIds.set(name, id);
    }
    return id;
  }

  send(t: number, id: number, from: number, to: number, msg: unknown): void {
    this.push(t, SEND, id, from, to, msg);
  }
  deliver(t: number, id: number, from: number, to: number): void {
    this.push(t, DELIVER, id, from, to, null);
  }
  drop(t: number, id: number, from: number, to: number, reason: DropReason): void {
    this.push(t, DROP, id, from, to, null, REASONS.indexOf(reason));
  }
  duplicate(t: number, id: number, copy: number, from: number, to: number): void {
    this.push(t, DUPLICATE, id, from, to, null, copy);
  }
  timer(t: number, node: string, name: string): void {
    this.push(t, TIMER, this.intern(node), this.intern(name), 0, null);
  }
  fault(t: number, fault: Fault): void {
    this.push(t, FAULT, 0, 0, 0, fault);
  }
  note(t: number, node: string, name: string, data: unknown): void {
    this.push(t, NOTE, this.intern(node), this.intern(name), 0, data);
  }
  neverSettled(t: number, node: string, label: string): void {
    this.push(t, NEVER_SETTLED, this.intern(node), this.intern(label), 0, null);
  }

  /** The event at `index` as an object (a new object on every call). */
  at(index: number): TraceEvent | undefined {
    if (index < 0 || index >= this.n) return undefined;
    const chunk = this.chunks[index >>> CHUNK_BITS]!;
    const i = index & (CHUNK - 1);
    const t = chunk.times[i]!;
    const a = chunk.a[i]!;
    const b = chunk.b[i]!;
    const c = chunk.c[i]!;
    const s = this.strings;
    switch (KINDS[chunk.kinds[i]!]!) {
      case 'send':
        return { t, kind: 'send', id: a, from: s[b]!, to: s[c]!, msg: chunk.refs[i] };
      case 'deliver':
        return { t, kind: 'deliver', id: a, from: s[b]!, to: s[c]! };
      case 'drop':
        return { t, kind: 'drop', id: a, from: s[b]!, to: s[c]!, reason: REASONS[chunk.d[i]!]! };
      case 'duplicate':
        return { t, kind: 'duplicate', id: a, copy: chunk.d[i]!, from: s[b]!, to: s[c]! };
      case 'timer':
        return { t, kind: 'timer', node: s[a]!, name: s[b]! };
      case 'fault':
        return { t, kind: 'fault', fault: chunk.refs[i] as Fault };
      case 'note':
        return { t, kind: 'note', node: s[a]!, name: s[b]!, data: chunk.refs[i] };
      case 'never-settled':
        return { t, kind: 'never-settled', node: s[a]!, label: s[b]! };
    }
  }

  *[Symbol.iterator](): Iterator<TraceEvent> {
    for (let i = 0; i < this.n; i++) yield this.at(i)!;
  }

  /** Every event as an object. */
  toArray(): TraceEvent[] {
    const out = new Array<TraceEvent>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.at(i)!;
    return out;
  }

  /** Only the notes and faults (cheap: what checkers of protocol facts need). */
  notesAndFaults(): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (let i = 0; i < this.n; i++) {
      const k = this.chunks[i >>> CHUNK_BITS]!.kinds[i & (CHUNK - 1)];
      if (k === NOTE || k === FAULT || k === NEVER_SETTLED) out.push(this.at(i)!);
    }
    return out;
  }

  private push(t: number, kind: number, a: number, b: number, c: number, ref: unknown, extra = 0): void {
    if (this.room === 0) {
      this.current = newChunk();
      this.chunks.push(this.current);
      this.room = CHUNK;
    }
    const chunk = this.current;
    const i = CHUNK - this.room--;
    this.n++;
    chunk.times[i] = t;
    chunk.kinds[i] = kind;
    chunk.a[i] = a;
    chunk.b[i] = b;
    chunk.c[i] = c;
    chunk.d[i] = extra;
    chunk.refs.push(ref);
  }
}

const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/** One chunk of every column. */
interface Chunk {
  readonly times: Float64Array;
  readonly kinds: Uint8Array;
  /** Message id, or an interned node id for node events. */
  readonly a: Int32Array;
  /** Interned sender / name. */
  readonly b: Int32Array;
  /** Interned receiver. */
  readonly c: Int32Array;
  /** Drop reason or copy number. */
  readonly d: Int32Array;
  /**
   * Message, fault or note data (null for other kinds). Chunked like the columns: one array for the
   * whole run was grown by copying millions of slots.
   */
  readonly refs: unknown[];
}

function newChunk(): Chunk {
  return { times: new Float64Array(CHUNK), kinds: new Uint8Array(CHUNK), a: new Int32Array(CHUNK), b: new Int32Array(CHUNK), c: new Int32Array(CHUNK), d: new Int32Array(CHUNK), refs: [] };
}
