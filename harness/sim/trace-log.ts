/**
 * The simulator's trace storage: events kept in growable typed-array columns instead of one object
 * each. A run records millions of sends and deliveries; as objects they cost more in garbage
 * collection than the simulation itself. Events are rebuilt as `TraceEvent` objects when read.
 */
import type { Fault } from './faults.ts';
import type { DropReason, TraceEvent, TraceLike } from './trace.ts';

const KINDS = ['send', 'deliver', 'drop', 'duplicate', 'timer', 'fault', 'note', 'never-settled'] as const;
const SEND = 0, DELIVER = 1, DROP = 2, DUPLICATE = 3, TIMER = 4, FAULT = 5, NOTE = 6, NEVER_SETTLED = 7;
const REASONS: readonly DropReason[] = ['loss', 'partition', 'crashed', 'not-a-node'];

export class TraceLog implements TraceLike, Iterable<TraceEvent> {
  private n = 0;
  private times = new Float64Array(4096);
  private kinds = new Uint8Array(4096);
  /** Message id, or an interned node id for node events. */
  private a = new Int32Array(4096);
  /** Interned sender / name. */
  private b = new Int32Array(4096);
  /** Interned receiver. */
  private c = new Int32Array(4096);
  /** Drop reason or copy number. */
  private d = new Int32Array(4096);
  /** Message, fault or note data, by event index. */
  private readonly refs: unknown[] = [];
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();

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
    const t = this.times[index]!;
    const a = this.a[index]!;
    const s = this.strings;
    switch (KINDS[this.kinds[index]!]!) {
      case 'send':
        return { t, kind: 'send', id: a, from: s[this.b[index]!]!, to: s[this.c[index]!]!, msg: this.refs[index] };
      case 'deliver':
        return { t, kind: 'deliver', id: a, from: s[this.b[index]!]!, to: s[this.c[index]!]! };
      case 'drop':
        return { t, kind: 'drop', id: a, from: s[this.b[index]!]!, to: s[this.c[index]!]!, reason: REASONS[this.c2(index)]! };
      case 'duplicate':
        return { t, kind: 'duplicate', id: a, copy: this.c2(index), from: s[this.b[index]!]!, to: s[this.c[index]!]! };
      case 'timer':
        return { t, kind: 'timer', node: s[a]!, name: s[this.b[index]!]! };
      case 'fault':
        return { t, kind: 'fault', fault: this.refs[index] as Fault };
      case 'note':
        return { t, kind: 'note', node: s[a]!, name: s[this.b[index]!]!, data: this.refs[index] };
      case 'never-settled':
        return { t, kind: 'never-settled', node: s[a]!, label: s[this.b[index]!]! };
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
      const k = this.kinds[i];
      if (k === NOTE || k === FAULT || k === NEVER_SETTLED) out.push(this.at(i)!);
    }
    return out;
  }

  private c2(index: number): number {
    return this.d[index]!;
  }

  private push(t: number, kind: number, a: number, b: number, c: number, ref: unknown, extra = 0): void {
    if (this.n === this.times.length) this.grow();
    const i = this.n++;
    this.times[i] = t;
    this.kinds[i] = kind;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.d[i] = extra;
    this.refs.push(ref);
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    times.set(this.times);
    this.times = times;
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    this.kinds = kinds;
    for (const col of ['a', 'b', 'c', 'd'] as const) {
      const next = new Int32Array(size);
      next.set(this[col]);
      this[col] = next;
    }
  }
}
