/**
 * The server and the clients of the collab cluster (Jupiter, as Google Docs runs it), over reliable
 * FIFO links. A client (volatile, like a browser tab) applies its edit at once and sends it as
 * outstanding if nothing is, else buffers it; a server op is transformed against the outstanding ops
 * and then the buffer, and applied; an ack makes the buffer outstanding. The server keeps the
 * history, transforms an incoming edit against every op since the revision its client had seen
 * (all from other clients), appends and applies it, sends it to the others and acks the sender.
 * Every transform is a cell of the grid (`grid.ts`); every text a node shows is noted.
 */
import type { TextOp } from '../../exercise/index.ts';
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import { JobQueue } from '../job-queue.ts';
import { ReliableLinks, type LinkEntry, type LinkMessage } from '../links/reliable-link.ts';
import { transformLists, type Cell } from './grid.ts';
import type { CollabLogic, CollabPayload } from './logic.ts';

export const SERVER = 'server';

export type CollabMessage = LinkMessage<CollabPayload>;

export interface CollabNodeConfig {
  readonly logic: CollabLogic;
  readonly linkResendMs: number;
  readonly logicDeadlineMs: number;
  readonly note: (name: string, data: unknown) => void;
  readonly onProblem: (fn: string, problem: string) => void;
  readonly onBadAnswer: (problem: string) => void;
}

/** A cell asked through the learner's transform, both answers checked on their texts. */
function learnerCell(ctx: NodeContext<CollabMessage>, config: CollabNodeConfig, stopped: () => boolean, stop: () => void): Cell {
  const ask = async (op: TextOp, applied: TextOp): Promise<unknown> => {
    if (stopped()) return undefined;
    const outcome = await ctx.external(config.logic.transform(op, applied, { node: ctx.id, now: ctx.now() }));
    if (outcome.ok) return outcome.value;
    stop();
    config.onProblem('transform', outcome.problem);
    return undefined;
  };
  return async (base, a, b) => {
    const ta = await ask(a, b);
    if (ta === undefined) return undefined;
    const tb = await ask(b, a);
    if (tb === undefined) return undefined;
    const { logic } = config;
    const problem = logic.opsProblem(ta, logic.apply(base, [b]), a.site) ?? logic.opsProblem(tb, logic.apply(base, [a]), b.site);
    config.note('ot-cell', { base, a, b, answer: [ta, tb], ...(problem !== null ? { problem } : {}) });
    if (problem === null) return [ta as TextOp[], tb as TextOp[]];
    stop();
    config.onBadAnswer(problem);
    return undefined;
  };
}

abstract class CollabNode implements NodeBehaviour<CollabMessage> {
  protected readonly links: ReliableLinks<CollabPayload>;
  protected readonly jobs: JobQueue;
  protected readonly cell: Cell;
  private halted = false;

  constructor(
    protected readonly ctx: NodeContext<CollabMessage>,
    protected readonly config: CollabNodeConfig,
  ) {
    this.jobs = new JobQueue(ctx, config.logicDeadlineMs, (fn, problem) => this.halt(() => config.onProblem(fn, problem)), 'editor');
    this.links = new ReliableLinks<CollabPayload>(ctx, { resendMs: config.linkResendMs, deliver: (from, entry) => this.jobs.push('receive', () => this.receive(from, entry)) });
    this.cell = learnerCell(ctx, config, () => this.halted, () => (this.halted = true));
  }

  protected get stopped(): boolean {
    return this.halted;
  }

  private halt(then: () => void): void {
    this.halted = true;
    then();
  }

  protected grid(base: string, A: readonly TextOp[], B: readonly TextOp[]): Promise<[TextOp[], TextOp[]] | undefined> {
    return transformLists(this.config.logic, this.cell, base, A, B);
  }

  onMessage(from: string, msg: CollabMessage): void {
    this.links.onMessage(from, msg);
  }

  onTimer(name: string, payload: unknown): void {
    this.links.onTimer(name);
    this.timer(name, payload);
  }

  protected timer(_name: string, _payload: unknown): void {}
  protected abstract receive(from: string, entry: LinkEntry<CollabPayload>): Promise<void>;
}

export class CollabServer extends CollabNode {
  private readonly docs: string[];
  private readonly history: { readonly ops: readonly TextOp[]; readonly from: string }[] = [];

  constructor(ctx: NodeContext<CollabMessage>, config: CollabNodeConfig, initial: string, private readonly clients: readonly string[]) {
    super(ctx, config);
    this.docs = [initial];
  }

  get text(): string {
    return this.docs[this.docs.length - 1]!;
  }

  protected async receive(from: string, entry: LinkEntry<CollabPayload>): Promise<void> {
    const p = entry.payload;
    if (p.kind !== 'edit') return this.links.confirm(from, entry.linkSeq);
    let ops = p.ops;
    for (let i = p.rev; i < this.history.length; i++) {
      const r = await this.grid(this.docs[i]!, ops, this.history[i]!.ops);
      if (r === undefined) return;
      ops = r[0];
    }
    this.history.push({ ops, from });
    this.docs.push(this.config.logic.apply(this.text, ops));
    this.config.note('ot-server-apply', { from, rev: p.rev, ops, text: this.text });
    for (const c of this.clients) if (c !== from) this.links.send(c, { kind: 'op', ops, from });
    this.links.send(from, { kind: 'ack' });
    this.links.confirm(from, entry.linkSeq);
  }
}

/** How a client edits: how many edits, think time, when it stops, and where fresh characters come from. */
export interface CollabClientConfig {
  readonly edits: number;
  readonly thinkMs: { readonly min: number; readonly max: number };
  readonly stopAtMs: number;
  readonly now: () => number;
  /** `n` characters never used before in this run. */
  readonly fresh: (n: number) => string;
}

export class CollabClient extends CollabNode {
  doc: string;
  private serverDoc: string;
  private rev = 0;
  private outstanding: TextOp[] | null = null;
  private buffer: TextOp[] = [];
  private made = 0;

  constructor(ctx: NodeContext<CollabMessage>, config: CollabNodeConfig, initial: string, private readonly client: CollabClientConfig) {
    super(ctx, config);
    this.doc = initial;
    this.serverDoc = initial;
    this.think();
  }

  /** Nothing sent is waiting for an ack, and nothing is buffered. */
  get idle(): boolean {
    return this.outstanding === null && this.buffer.length === 0;
  }

  /** A scripted edit now (`same-spot`): an insert at `at`, or a delete from `at`, clamped to the text. */
  editNow(kind: 'insert' | 'delete', at: number, length: number): void {
    this.jobs.push('edit', async () => this.edit(kind, at, length));
  }

  private think(): void {
    if (this.made >= this.client.edits) return;
    const { min, max } = this.client.thinkMs;
    this.ctx.setTimer('think', min + Math.floor(this.ctx.random() * (max - min + 1)));
  }

  protected override timer(name: string): void {
    if (name !== 'think' || this.client.now() >= this.client.stopAtMs) return;
    this.made++;
    const r = this.ctx.random();
    this.jobs.push('edit', async () => this.edit(r < 0.55 ? 'insert' : 'delete', Math.floor(this.ctx.random() * (this.doc.length + 1)), 1 + Math.floor(this.ctx.random() * 3)));
    this.think();
  }

  private edit(kind: 'insert' | 'delete', at: number, n: number): void {
    if (this.stopped) return;
    const before = this.doc;
    const pos = Math.min(at, kind === 'delete' ? before.length - 1 : before.length);
    const op: TextOp =
      kind === 'delete' && before.length > 0
        ? { kind: 'delete', pos, length: Math.min(n, before.length - pos), site: this.ctx.id }
        : { kind: 'insert', pos: Math.min(at, before.length), text: this.client.fresh(n), site: this.ctx.id };
    this.doc = this.config.logic.apply(before, [op]);
    this.config.note('ot-edit', { op, before, text: this.doc, deleted: op.kind === 'delete' ? before.slice(op.pos, op.pos + op.length) : '' });
    if (this.outstanding === null) this.sendOutstanding([op]);
    else this.buffer = [...this.buffer, op];
  }

  private sendOutstanding(ops: TextOp[]): void {
    this.outstanding = ops;
    this.links.send(SERVER, { kind: 'edit', rev: this.rev, ops });
  }

  protected async receive(from: string, entry: LinkEntry<CollabPayload>): Promise<void> {
    const p = entry.payload;
    const { logic } = this.config;
    if (p.kind === 'ack') {
      this.serverDoc = logic.apply(this.serverDoc, this.outstanding ?? []);
      this.rev++;
      const next = this.buffer;
      this.outstanding = null;
      this.buffer = [];
      if (next.length > 0) this.sendOutstanding(next);
    } else if (p.kind === 'op') {
      let ops = [...p.ops];
      const mine = this.outstanding ?? [];
      const r1 = await this.grid(this.serverDoc, ops, mine);
      if (r1 === undefined) return;
      const afterMine = logic.apply(this.serverDoc, mine);
      const r2 = await this.grid(afterMine, r1[0], this.buffer);
      if (r2 === undefined) return;
      ops = r2[0];
      this.serverDoc = logic.apply(this.serverDoc, p.ops);
      if (this.outstanding !== null) this.outstanding = r1[1];
      this.buffer = r2[1];
      this.rev++;
      this.doc = logic.apply(this.doc, ops);
      this.config.note('ot-client-apply', { from: p.from, ops, text: this.doc });
    }
    this.links.confirm(from, entry.linkSeq);
  }
}
