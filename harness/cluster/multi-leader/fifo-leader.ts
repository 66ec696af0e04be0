/**
 * A leader of a `fifo-once` run (topology-routing). It applies its clients' writes at once, keeps the
 * write ids it accepted (a resend is acked, not applied again), and replicates over reliable FIFO
 * links as the learner's `route` says. A received copy that `route` does not ignore is buffered and
 * applied once the learner's `canApply` allows it; forwarding happens on apply, in apply order (a
 * leader passes on its replication log), with the leader appended to the copy's path. There is no
 * deduplication by update id: only the learner's ignore stops an echo.
 *
 * Durable: the table, `applied` (updates applied per origin), the log of applied updates with the path
 * each arrived with, the buffer, the accepted write ids and the links.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { RouteInfo, Routing, Topology, UpdateDeps, VectorClock } from '../../exercise/index.ts';
import { ReliableLinks, type LinkEntry } from '../links/reliable-link.ts';
import type { TopologyHooks } from './hooks.ts';
import { JobQueue } from '../job-queue.ts';
import { HookAsker } from './hook-asker.ts';
import type { ClientWrite, MultiLeaderMessage, Update, UpdateCopy } from './messages.ts';
import { applyOp, resolveOp, type LikesTable } from './table.ts';
import { sendToProblem } from './topology.ts';

/** An applied update and the path its copy arrived with (empty for the leader's own write). */
export interface LogEntry {
  readonly update: Update;
  readonly path: readonly string[];
}

/** A received copy `route` did not ignore, waiting for `canApply`. */
export interface Buffered {
  readonly copy: UpdateCopy;
  readonly sendTo: readonly string[];
}

export interface FifoLeaderConfig {
  readonly hooks: TopologyHooks;
  /** The topology now (ring repair changes it). */
  readonly topology: () => Topology;
  readonly linkResendMs: number;
  readonly logicDeadlineMs: number;
  /** Records a fact of the run (a trace note the checkers read). */
  readonly note: (name: string, data: unknown) => void;
  /** Learner code gave no usable answer: the run stops. */
  readonly onProblem: (fn: string, problem: string) => void;
}

export function createFifoLeader(ctx: NodeContext<MultiLeaderMessage>, config: FifoLeaderConfig): FifoLeader {
  return new FifoLeader(ctx, config);
}

export class FifoLeader implements NodeBehaviour<MultiLeaderMessage> {
  readonly links: ReliableLinks<UpdateCopy>;
  private readonly jobs: JobQueue;
  /** The `applied` version each buffered update was last asked about (asked again only after it changed). */
  private readonly asked = new Map<string, number>();
  private version = 0;
  private readonly asker: HookAsker;

  constructor(
    private readonly ctx: NodeContext<MultiLeaderMessage>,
    private readonly config: FifoLeaderConfig,
  ) {
    this.asker = new HookAsker(ctx as never, config.onProblem, 'answered');
    this.jobs = new JobQueue(ctx, config.logicDeadlineMs, (fn, problem) => this.asker.stop(fn, problem), 'leader');
    this.links = new ReliableLinks<UpdateCopy>(ctx, {
      resendMs: config.linkResendMs,
      deliver: (from, entry) => this.jobs.push('receive', () => this.receive(from, entry)),
      onClosedDelivery: (from, entries) => config.note('ml-dropped', { from, updates: entries.map((e) => e.payload.update.id) }),
    });
  }

  get table(): LikesTable {
    return this.ctx.storage.get<LikesTable>('table') ?? {};
  }

  get applied(): VectorClock {
    return this.ctx.storage.get<VectorClock>('applied') ?? {};
  }

  get log(): readonly LogEntry[] {
    return this.ctx.storage.get<readonly LogEntry[]>('log') ?? [];
  }

  get buffer(): readonly Buffered[] {
    return this.ctx.storage.get<readonly Buffered[]>('buffer') ?? [];
  }

  /** Records a fact of the run at this leader. */
  record(name: string, data: unknown): void {
    this.config.note(name, data);
  }

  /** Runs `run` as this leader's next job, after every job already queued. */
  job(label: string, run: () => Promise<void>): void {
    this.jobs.push(label, run);
  }

  onMessage(from: string, msg: MultiLeaderMessage): void {
    if (this.links.onMessage(from, msg)) return;
    if (msg.type === 'write') this.jobs.push('write', () => this.write(from, msg));
  }

  onTimer(name: string): void {
    this.links.onTimer(name);
  }

  /** Asks `route` again, with today's topology, for every buffered copy, then drains the buffer. */
  async reroute(): Promise<void> {
    const kept: Buffered[] = [];
    for (const b of this.buffer) {
      const routing = await this.route(b.copy);
      if (routing === undefined) return;
      if (routing.ignore) this.config.note('ml-ignore', { update: b.copy.update.id, path: b.copy.path, rerouted: true });
      else kept.push({ copy: b.copy, sendTo: routing.sendTo });
    }
    this.ctx.storage.set('buffer', kept);
    await this.drain();
  }

  /** Enqueues copies on the link to `to` (the ring repair's catch-up), each once, in order. */
  catchUp(to: string, copies: readonly UpdateCopy[]): void {
    this.config.note('ml-catch-up', { to, updates: copies.map((c) => c.update.id) });
    for (const copy of copies) this.enqueue(to, copy);
  }

  private async write(client: string, msg: ClientWrite): Promise<void> {
    const accepted = this.ctx.storage.get<readonly string[]>('accepted') ?? [];
    if (!accepted.includes(msg.write)) {
      const self = this.ctx.id;
      const deps = this.applied;
      const seq = (deps[self] ?? 0) + 1;
      const update: Update = { id: `${self}-${seq}`, write: msg.write, origin: self, seq, deps, op: resolveOp(msg, this.table) };
      this.config.note('ml-write', { update, client, clock: this.ctx.now() });
      this.apply(update, []);
      this.ctx.storage.set('accepted', [...accepted, msg.write]);
      const routing = await this.route({ update, path: [] });
      if (routing === undefined) return;
      if (routing.ignore) this.config.note('ml-ignore', { update: update.id, path: [] });
      else for (const to of routing.sendTo) this.enqueue(to, { update, path: [self] });
    }
    this.ctx.send(client, { type: 'write-ack', write: msg.write });
  }

  private async receive(from: string, entry: LinkEntry<UpdateCopy>): Promise<void> {
    const copy = entry.payload;
    const routing = await this.route(copy);
    if (routing === undefined) return;
    this.links.confirm(from, entry.linkSeq);
    if (routing.ignore) {
      this.config.note('ml-ignore', { update: copy.update.id, path: copy.path, from });
      return;
    }
    this.ctx.storage.set('buffer', [...this.buffer, { copy, sendTo: routing.sendTo }]);
    await this.drain();
  }

  /** Applies every buffered update `canApply` allows, in arrival order, until nothing changes. */
  private async drain(): Promise<void> {
    for (let changed = true; changed; ) {
      changed = false;
      for (const b of this.buffer) {
        const key = `${b.copy.update.id}@${b.copy.path.join('>')}`;
        if (this.asked.get(key) === this.version) continue;
        const { origin, seq, deps } = b.copy.update;
        const applied = this.applied;
        const may = await this.ask('canApply', () => this.config.hooks.canApply({ origin, seq, deps }, applied, this.call()), (x) => (typeof x === 'boolean' ? null : `${JSON.stringify(x) ?? String(x)}, not a boolean`));
        if (may === undefined) return;
        this.config.note('ml-can-apply', { update: b.copy.update.id, origin, seq, deps, applied, answer: may, waiting: this.asked.has(key) });
        this.asked.set(key, this.version);
        if (may !== true) continue;
        this.ctx.storage.set('buffer', this.buffer.filter((x) => x !== b));
        this.asked.delete(key);
        this.apply(b.copy.update, b.copy.path);
        for (const to of b.sendTo) this.enqueue(to, { update: b.copy.update, path: [...b.copy.path, this.ctx.id] });
        changed = true;
        break;
      }
    }
  }

  private apply(update: Update, path: readonly string[]): void {
    const before = this.applied;
    const { table, effect } = applyOp(this.table, update.op);
    this.ctx.storage.set('table', table);
    this.ctx.storage.set('applied', { ...before, [update.origin]: Math.max(before[update.origin] ?? 0, update.seq) });
    this.ctx.storage.set('log', [...this.log, { update, path }]);
    this.version++;
    this.config.note('ml-apply', { update: update.id, origin: update.origin, seq: update.seq, before, effect, path });
  }

  private enqueue(to: string, copy: UpdateCopy): void {
    const linkSeq = this.links.send(to, copy);
    this.config.note('ml-enqueue', { update: copy.update.id, to, linkSeq, path: copy.path });
  }

  private async route(copy: UpdateCopy): Promise<Routing | undefined> {
    const self = this.ctx.id;
    const topology = this.config.topology();
    const info: RouteInfo = { origin: copy.update.origin, path: copy.path };
    const answer = await this.ask('route', () => this.config.hooks.route(info, self, topology, this.call()), (x) => routingProblem(x, topology, self));
    if (answer === undefined) return undefined;
    this.config.note('ml-route', { update: copy.update.id, origin: info.origin, path: info.path, topology, answer });
    return answer as Routing;
  }

  /** Asks a hook and validates the answer; on any problem stops the run and returns undefined. */
  private async ask(fn: string, call: () => Promise<{ ok: true; value: unknown } | { ok: false; problem: string }>, shape: (x: unknown) => string | null): Promise<unknown> {
    return (await this.asker.ask(fn, call, shape))?.value;
  }

  private call(): { node: string; now: number } {
    return { node: this.ctx.id, now: this.ctx.now() };
  }
}

/** Why `x` is not a valid `Routing` for `self` in `topology`, or null. */
export function routingProblem(x: unknown, topology: Topology, self: string): string | null {
  if (typeof x !== 'object' || x === null) return `${JSON.stringify(x) ?? String(x)}, not a Routing ({ ignore: true } or { ignore: false, sendTo: [...] })`;
  const r = x as { ignore?: unknown; sendTo?: unknown };
  if (r.ignore === true) return null;
  if (r.ignore !== false) return `${JSON.stringify(x)}: ignore must be true or false`;
  if (!Array.isArray(r.sendTo) || !r.sendTo.every((l) => typeof l === 'string')) return `${JSON.stringify(x)}: sendTo must be an array of leader ids`;
  const problem = sendToProblem(topology, self, r.sendTo as string[]);
  return problem === null ? null : `send to [${(r.sendTo as string[]).join(', ')}]: ${problem}`;
}
