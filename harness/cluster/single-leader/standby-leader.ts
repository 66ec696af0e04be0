/**
 * The leader of the static-leadership cluster (n1, epoch 1, again after every restart). Every write
 * goes to its disk at once and it ships only what is on its disk. It acknowledges by a policy: at
 * each ack tick, while writes wait and its view of the standbys changed since the last decision, it
 * asks the decider how far it may acknowledge; the ack point only moves up and is volatile (0 after a
 * restart), and so is the list of waiting writes (clients retry with the same id).
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { AckPolicy, AckView } from '../../exercise/index.ts';
import type { HookOutcome } from '../hook.ts';
import type { Entry, Write } from './messages.ts';
import { StandbyTracker } from './standby-tracker.ts';
import type { StandbyMessage, StandbyTiming } from './standby-messages.ts';

/** Asks how far the leader may acknowledge; the answer is checked here. */
export type AckDecider = (policy: AckPolicy, view: AckView, call: { readonly now: number; readonly key: string }) => Promise<HookOutcome<unknown>>;

/** One decision as the trace records it (note `ack-decision`). */
export interface AckDecisionRecord {
  readonly incarnation: number;
  readonly view: AckView;
  /** The answer, clamped to the leader's position; absent with `problem`. */
  readonly answer?: number;
  /** What was answered when it was above the leader's position (outside every acceptable set). */
  readonly unclamped?: number;
  readonly ackPoint: number;
  readonly problem?: string;
}

export interface StandbyLeaderConfig {
  readonly followers: readonly string[];
  readonly timing: StandbyTiming;
  readonly policy: AckPolicy;
  readonly decider: AckDecider;
  /** Called after each acknowledgement is sent (a triggered disaster hangs on it). */
  readonly onAck: () => void;
  /** Called when a decision is unusable: the run stops. */
  readonly onDecisionProblem: (record: AckDecisionRecord) => void;
}

const MAX_ENTRIES_PER_APPEND = 64;
const DECISION_DEADLINE_MS = 10_000;

export function createStandbyLeader(ctx: NodeContext<StandbyMessage>, config: StandbyLeaderConfig): NodeBehaviour<StandbyMessage> {
  return new StandbyLeader(ctx, config);
}

class StandbyLeader implements NodeBehaviour<StandbyMessage> {
  private readonly log: Entry[];
  private readonly incarnation: number;
  private readonly lsnOfWrite = new Map<string, number>();
  /** Writes waiting for their ack: write id → client. */
  private readonly waiting = new Map<string, string>();
  private ackPoint = 0;
  private deciding = false;
  private decisions = 0;
  private lastDecided = '';
  private readonly next = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly tracker: StandbyTracker;

  constructor(
    private readonly ctx: NodeContext<StandbyMessage>,
    private readonly config: StandbyLeaderConfig,
  ) {
    this.log = [...(ctx.storage.get<Entry[]>('log') ?? [])];
    for (const e of this.log) if (e.write !== null) this.lsnOfWrite.set(e.write.id, e.lsn);
    this.incarnation = (ctx.storage.get<number>('incarnation') ?? 0) + 1;
    ctx.storage.set('incarnation', this.incarnation);
    this.tracker = new StandbyTracker(config.followers, config.timing.standbyTimeoutMs);
    for (const f of config.followers) this.next.set(f, this.log.length + 1);
    ctx.setTimer('replicate', config.timing.replicationIntervalMs);
    ctx.setTimer('ack', config.timing.ackTickMs);
  }

  onMessage(from: string, msg: StandbyMessage): void {
    switch (msg.type) {
      case 'write':
        return this.onWrite(from, msg.write);
      case 'append-reply':
        this.inFlight.delete(from);
        this.next.set(from, msg.receivedLsn + 1);
        if (msg.receivedLsn < this.log.length) this.sendAppend(from);
        return;
      case 'standby-status':
        return this.tracker.report(from, msg, this.ctx.now(), this.log.length);
      default:
        return;
    }
  }

  onTimer(name: string): void {
    const t = this.config.timing;
    if (name === 'replicate') {
      const now = this.ctx.now();
      for (const f of this.config.followers) {
        const sentAt = this.inFlight.get(f);
        if (sentAt !== undefined && now - sentAt < t.replicationIntervalMs) continue;
        if (sentAt === undefined && (this.next.get(f) ?? 1) > this.log.length) continue;
        this.sendAppend(f);
      }
      this.ctx.setTimer('replicate', t.replicationIntervalMs);
    } else if (name === 'ack') {
      this.maybeDecide();
      this.ctx.setTimer('ack', t.ackTickMs);
    }
  }

  private onWrite(client: string, write: Write): void {
    let lsn = this.lsnOfWrite.get(write.id);
    if (lsn === undefined) {
      lsn = this.log.length + 1;
      this.log.push({ epoch: 1, lsn, write });
      this.ctx.storage.set('log', [...this.log]);
      this.lsnOfWrite.set(write.id, lsn);
      for (const f of this.config.followers) if (!this.inFlight.has(f)) this.sendAppend(f);
    }
    this.waiting.set(write.id, client);
    if (lsn <= this.ackPoint) this.ackUpTo();
  }

  private sendAppend(to: string): void {
    const next = Math.min(this.next.get(to) ?? 1, this.log.length + 1);
    this.inFlight.set(to, this.ctx.now());
    this.ctx.send(to, { type: 'append', prevLsn: next - 1, entries: this.log.slice(next - 1, next - 1 + MAX_ENTRIES_PER_APPEND) });
  }

  /** One decision per tick at most, and only when writes wait and the view changed since the last one. */
  private maybeDecide(): void {
    if (this.deciding || this.waiting.size === 0) return;
    const view: AckView = { leaderLsn: this.log.length, standbys: this.tracker.view(this.ctx.now()) };
    const key = JSON.stringify(view);
    if (key === this.lastDecided) return;
    this.lastDecided = key;
    this.deciding = true;
    const call = { now: this.ctx.now(), key: `${this.incarnation}:${++this.decisions}` };
    this.ctx.task('ack decision', () => this.ctx.external(this.config.decider(this.config.policy, structuredClone(view), call)), {
      deadlineMs: DECISION_DEADLINE_MS,
      onSettled: (result) => {
        this.deciding = false;
        const outcome: HookOutcome<unknown> =
          result.status === 'ok' ? result.value : { ok: false, problem: result.status === 'threw' ? `the leader failed: ${String(result.error)}` : 'the decision never settled' };
        this.decided(view, outcome);
      },
    });
  }

  private decided(view: AckView, outcome: HookOutcome<unknown>): void {
    const problem = !outcome.ok ? outcome.problem : malformed(outcome.value);
    if (problem !== undefined) {
      const record: AckDecisionRecord = { incarnation: this.incarnation, view, ackPoint: this.ackPoint, problem };
      this.ctx.record('ack-decision', record);
      return this.config.onDecisionProblem(record);
    }
    const raw = (outcome as { value: number }).value;
    const answer = Math.min(raw, view.leaderLsn);
    this.ackPoint = Math.max(this.ackPoint, answer);
    this.ctx.record('ack-decision', { incarnation: this.incarnation, view, answer, ...(raw > answer ? { unclamped: raw } : {}), ackPoint: this.ackPoint } satisfies AckDecisionRecord);
    this.ackUpTo();
  }

  private ackUpTo(): void {
    for (const [writeId, client] of this.waiting) {
      const lsn = this.lsnOfWrite.get(writeId)!;
      if (lsn > this.ackPoint) continue;
      this.waiting.delete(writeId);
      this.ctx.send(client, { type: 'write-ok', writeId, lsn });
      this.ctx.record('ack', { write: writeId, lsn });
      this.config.onAck();
    }
  }
}

/** Why an answer cannot be used at all; above the leader's position is only clamped (and judged). */
function malformed(value: unknown): string | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) return `ackPosition must return a number, got ${show(value)}`;
  if (value === Infinity) return undefined;
  if (!Number.isInteger(value) || value < 0) return `ackPosition must return a whole position of at least 0, got ${value}`;
  return undefined;
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
