/**
 * A replica of the gossip cluster. A client op runs the learner's update, stores the state, pushes
 * it to one linked peer (round robin), reads the value with the learner's value function and acks
 * with it; the write ids it accepted absorb resends. Every `antiEntropyMs` it pushes its state to its
 * next linked peer. A received state is merged with the learner's merge unless the two are
 * equivalent by the harness's comparison; either way the replica's knowledge (the op ids whose
 * effect its state should contain, harness-side) takes in the sender's.
 *
 * Durable: the state, the knowledge, the accepted write ids with the value each was acked with.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import { JobQueue } from '../job-queue.ts';
import type { GossipCrdt } from './crdt.ts';
import type { GossipMessage, GossipWrite, KnownOp } from './messages.ts';

/** A state with more entries than this stops the run: a merge that grows it at every exchange. */
export const MAX_STATE_ENTRIES = 200;

export interface GossipReplicaConfig {
  readonly crdt: GossipCrdt;
  /** The replicas this one has a directed link to. */
  readonly peers: readonly string[];
  readonly antiEntropyMs: number;
  readonly logicDeadlineMs: number;
  readonly note: (name: string, data: unknown) => void;
  readonly onProblem: (fn: string, problem: string) => void;
  readonly onRunaway: (fn: string, size: number) => void;
  /** Learner code answered something that is not a state (or not a value): the run stops, the answer noted. */
  readonly onBadAnswer: (fn: string, problem: string) => void;
}

export class GossipReplica implements NodeBehaviour<GossipMessage> {
  private readonly jobs: JobQueue;
  private next = 0;
  private stopped = false;

  constructor(
    private readonly ctx: NodeContext<GossipMessage>,
    private readonly config: GossipReplicaConfig,
  ) {
    this.jobs = new JobQueue(ctx, config.logicDeadlineMs, (fn, problem) => this.problem(fn, problem), 'replica');
    // A random phase, so replicas do not all push in the same millisecond.
    ctx.setTimer('gossip', 1 + Math.floor(ctx.random() * config.antiEntropyMs));
  }

  get state(): unknown {
    return this.ctx.storage.get('state') ?? this.config.crdt.initial;
  }

  get knowledge(): readonly KnownOp[] {
    return this.ctx.storage.get<readonly KnownOp[]>('knowledge') ?? [];
  }

  onMessage(from: string, msg: GossipMessage): void {
    if (msg.type === 'write') this.jobs.push('write', () => this.write(from, msg));
    else if (msg.type === 'state') this.jobs.push('merge', () => this.receive(from, msg.state, msg.knowledge));
  }

  onTimer(name: string): void {
    if (name !== 'gossip') return;
    this.ctx.setTimer('gossip', this.config.antiEntropyMs);
    // No learner call in a push: only a job in progress must finish first, so its state goes out.
    if (this.jobs.idle) this.push('anti-entropy');
    else this.jobs.push('gossip', async () => this.push('anti-entropy'));
  }

  /** The learner's value of the state now, as the run's final read. */
  finalRead(): void {
    this.jobs.push('final-read', async () => {
      const state = this.state;
      const value = await this.ask(this.config.crdt.valueFn, [state], (x) => this.config.crdt.valueProblem(x));
      if (value === undefined) return;
      this.config.note('crdt-value', { state, answer: value, knows: ids(this.knowledge), final: true });
    });
  }

  private async write(client: string, msg: GossipWrite): Promise<void> {
    const accepted = this.ctx.storage.get<Readonly<Record<string, unknown>>>('accepted') ?? {};
    if (!(msg.write in accepted)) {
      const { crdt } = this.config;
      const before = this.state;
      const op = crdt.opCall({ id: msg.write, ...(msg.op !== undefined ? { op: msg.op } : {}), draws: msg.draws }, this.ctx.id, before, this.knowledge);
      const state = await this.ask(op.fn, op.args, (x) => crdt.stateProblem(x));
      if (state === undefined) return;
      const knowledge = [...this.knowledge, { id: msg.write, record: op.record }];
      this.ctx.storage.set('state', state);
      this.ctx.storage.set('knowledge', knowledge);
      this.config.note('crdt-update', { write: msg.write, client, fn: op.fn, args: op.args, answer: state, record: op.record, knows: ids(knowledge) });
      if (this.runaway(op.fn, state)) return;
      this.push('update');
      const value = await this.ask(crdt.valueFn, [state], (x) => crdt.valueProblem(x));
      if (value === undefined) return;
      this.config.note('crdt-value', { state, answer: value, knows: ids(knowledge), write: msg.write });
      this.ctx.storage.set('accepted', { ...accepted, [msg.write]: value });
    }
    const value = (this.ctx.storage.get<Readonly<Record<string, unknown>>>('accepted') ?? {})[msg.write];
    this.ctx.send(client, { type: 'write-ack', write: msg.write, value });
  }

  private async receive(from: string, received: unknown, theirs: readonly KnownOp[]): Promise<void> {
    const { crdt } = this.config;
    const own = this.state;
    const mine = this.knowledge;
    const known = new Set(ids(mine));
    const knowledge = [...mine, ...theirs.filter((k) => !known.has(k.id))];
    if (crdt.equivalent(own, received)) {
      this.ctx.storage.set('knowledge', knowledge);
      this.config.note('crdt-skip', { from, state: own, knows: ids(knowledge) });
      return;
    }
    const state = await this.ask(crdt.mergeFn, [own, received], (x) => crdt.stateProblem(x));
    if (state === undefined) return;
    this.ctx.storage.set('state', state);
    this.ctx.storage.set('knowledge', knowledge);
    this.config.note('crdt-merge', { from, args: [own, received], answer: state, knows: ids(knowledge) });
    this.runaway(crdt.mergeFn, state);
  }

  private push(why: 'update' | 'anti-entropy'): void {
    const { peers } = this.config;
    if (peers.length === 0 || this.stopped) return;
    const to = peers[this.next++ % peers.length]!;
    this.ctx.send(to, { type: 'state', state: this.state, knowledge: this.knowledge });
    this.config.note('crdt-send', { to, why });
  }

  private runaway(fn: string, state: unknown): boolean {
    const size = this.config.crdt.size(state);
    if (size <= MAX_STATE_ENTRIES) return false;
    this.stopped = true;
    this.config.onRunaway(fn, size);
    return true;
  }

  /** Asks learner code and validates the answer; on any problem stops the run and returns undefined. */
  private async ask(fn: string, args: readonly unknown[], shape: (x: unknown) => string | null): Promise<unknown> {
    if (this.stopped) return undefined;
    const outcome = await this.ctx.external(this.config.crdt.call(fn, args, { node: this.ctx.id, now: this.ctx.now() }));
    if (!outcome.ok) {
      this.problem(fn, outcome.problem);
      return undefined;
    }
    const problem = shape(outcome.value);
    if (problem === null) return outcome.value;
    // An answer that is no state (or no value) is one outside the acceptable set: the run cannot go on from it.
    this.stopped = true;
    this.config.note('crdt-bad-answer', { fn, args, answer: outcome.value, problem, knows: ids(this.knowledge) });
    this.config.onBadAnswer(fn, problem);
    return undefined;
  }

  private problem(fn: string, problem: string): void {
    this.stopped = true;
    this.config.onProblem(fn, problem);
  }
}

const ids = (knowledge: readonly KnownOp[]): string[] => knowledge.map((k) => k.id);
