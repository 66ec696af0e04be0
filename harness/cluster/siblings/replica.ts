/**
 * A replica of the siblings store. It keeps one key's sibling set in durable storage and asks the
 * store's logic (the exercise's functions) what to do with a client write, a read and a sibling set
 * from a peer. It acknowledges a write only once the new set is durable, applies each write id once
 * (clients resend until acknowledged), pushes its set to its peers after every write and again, one
 * peer at a time, every anti-entropy period.
 */
import type { NodeContext, NodeBehaviour } from '../../sim/index.ts';
import type { VectorClock } from '../../exercise/index.ts';
import type { SiblingMessage, SiblingNote } from './messages.ts';
import { siblingsProblem, sameSiblingSet } from './sibling-set.ts';
import type { HookOutcome } from '../hook.ts';
import type { CartSibling, SiblingLogic } from './sibling-logic.ts';
import { clockProblem } from './version-vector.ts';
import { JobQueue } from '../job-queue.ts';

export interface ReplicaConfig {
  readonly peers: readonly string[];
  readonly logic: SiblingLogic;
  readonly antiEntropyMs: number;
  /** Holding more siblings than this stops the run (`onRunaway`): values are duplicated without bound. */
  readonly maxSiblings: number;
  readonly onRunaway: () => void;
  /** The logic gave no usable answer: the run cannot go on meaningfully. */
  readonly onProblem: (problem: { node: string; fn: string; problem: string }) => void;
}

/** How long, in simulated time, a replica waits for one answer of the logic before calling it stuck. */
export const LOGIC_DEADLINE_MS = 5_000;

export function createReplica(ctx: NodeContext<SiblingMessage>, config: ReplicaConfig): NodeBehaviour<SiblingMessage> {
  return new Replica(ctx, config);
}

class Replica implements NodeBehaviour<SiblingMessage> {
  private siblings: readonly CartSibling[];
  private readonly applied: Set<string>;
  private readonly jobs: JobQueue;
  private nextPeer = 0;

  constructor(
    private readonly ctx: NodeContext<SiblingMessage>,
    private readonly config: ReplicaConfig,
  ) {
    this.siblings = ctx.storage.get<readonly CartSibling[]>('siblings') ?? [];
    this.applied = new Set(ctx.storage.get<readonly string[]>('applied') ?? []);
    this.jobs = new JobQueue(ctx, LOGIC_DEADLINE_MS, (fn, problem) => config.onProblem({ node: ctx.id, fn, problem }), 'replica');
    ctx.setTimer('anti-entropy', config.antiEntropyMs);
  }

  onMessage(from: string, msg: SiblingMessage): void {
    switch (msg.type) {
      case 'read':
        this.jobs.push('readContext', async () => {
          const snapshot = this.siblings;
          const context = await this.ask('readContext', () => this.config.logic.readContext(snapshot), clockProblem);
          if (context === undefined) return;
          this.note({ fn: 'readContext', client: from, siblings: snapshot, context: context as VectorClock });
          this.ctx.send(from, { type: 'read-reply', req: msg.req, siblings: snapshot, context: context as VectorClock });
        });
        return;
      case 'write':
        this.jobs.push('applyWrite', async () => {
          if (this.applied.has(msg.write)) {
            this.ctx.send(from, { type: 'write-ack', write: msg.write });
            return;
          }
          const before = this.siblings;
          const after = await this.ask('applyWrite', () => this.config.logic.applyWrite(before, msg.value, msg.context, this.ctx.id), siblingsProblem);
          if (after === undefined) return;
          this.applied.add(msg.write);
          this.store(after as CartSibling[]);
          this.ctx.storage.set('applied', [...this.applied]);
          this.note({ fn: 'applyWrite', write: msg.write, client: from, seen: msg.seen, context: msg.context, before, after: this.siblings });
          this.ctx.send(from, { type: 'write-ack', write: msg.write });
          for (const peer of this.config.peers) this.ctx.send(peer, { type: 'sync', siblings: this.siblings });
        });
        return;
      case 'sync':
        this.jobs.push('mergeReplicas', async () => {
          const own = this.siblings;
          // Nothing new: a set merged with itself is itself, so the logic is not asked.
          if (sameSiblingSet(own, msg.siblings)) return;
          const after = await this.ask('mergeReplicas', () => this.config.logic.mergeReplicas(own, msg.siblings), siblingsProblem);
          if (after === undefined) return;
          this.store(after as CartSibling[]);
          this.note({ fn: 'mergeReplicas', from, own, received: msg.siblings, after: this.siblings });
        });
        return;
      case 'read-reply':
      case 'write-ack':
        return;
    }
  }

  onTimer(name: string): void {
    if (name !== 'anti-entropy') return;
    const peers = this.config.peers;
    if (peers.length > 0) this.ctx.send(peers[this.nextPeer++ % peers.length]!, { type: 'sync', siblings: this.siblings });
    this.ctx.setTimer('anti-entropy', this.config.antiEntropyMs);
  }

  private store(siblings: CartSibling[]): void {
    this.siblings = siblings;
    this.ctx.storage.set('siblings', siblings);
    if (siblings.length > this.config.maxSiblings) {
      this.ctx.record('runaway', { siblings: siblings.length });
      this.config.onRunaway();
    }
  }

  private note(note: SiblingNote): void {
    this.ctx.record('sibling-call', note);
  }

  /** Asks the logic, checks the answer's shape; on any problem reports it and returns undefined. */
  private async ask(fn: string, call: () => Promise<HookOutcome<unknown>>, shape: (x: unknown) => string | null): Promise<unknown> {
    const outcome = await this.ctx.external(call());
    const problem = outcome.ok ? shape(outcome.value) : outcome.problem;
    if (problem === null) return structuredClone((outcome as { value: unknown }).value);
    this.ctx.record('logic-problem', { fn, problem });
    this.config.onProblem({ node: this.ctx.id, fn, problem: outcome.ok ? `${fn} returned ${problem}` : problem });
    return undefined;
  }
}
