/**
 * The external failover coordinator (in the style of Orchestrator or Patroni). It hears the leader's
 * heartbeats (granting each as a short lease) and, when the leader goes quiet, runs a failover round: probe (which freezes members),
 * ask the decider whether failing over is safe and whom to elect, then announce the new epoch or
 * thaw the frozen members. The decisions come from a `FailoverDecider`: the learner's code, reached
 * through whatever boundary the caller chose. The coordinator knows nothing of that boundary.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { Election, FailoverView, MemberView, SafetyVerdict } from '../../exercise/index.ts';
import type { HookOutcome } from '../hook.ts';
import type { ClusterMessage } from './messages.ts';
import type { FailoverTiming } from './timing.ts';

/** The two decisions of a failover round. `round` and `now` let the caller make calls reproducible. */
export interface FailoverDecider {
  validateSafeFailover(view: FailoverView, call: { round: number; now: number }): Promise<HookOutcome<unknown>>;
  electNewLeader(view: FailoverView, call: { round: number; now: number }): Promise<HookOutcome<unknown>>;
}

/** One round's decision as recorded in the trace (note `decision`). */
export interface DecisionRecord {
  readonly round: number;
  readonly view: FailoverView;
  readonly verdict?: SafetyVerdict;
  readonly election?: Election;
  /** The decider produced no usable answer: it threw, timed out, or answered something malformed. */
  readonly problem?: string;
  readonly problemIn?: 'validateSafeFailover' | 'electNewLeader';
}

export interface CoordinatorConfig {
  readonly members: readonly string[];
  readonly initialLeader: string;
  readonly initialEpoch: number;
  readonly timing: FailoverTiming;
  readonly decider: FailoverDecider;
  /** Called when a decision is unusable; the run cannot meaningfully go on. */
  readonly onDecisionProblem: (record: DecisionRecord) => void;
}

/** How long the coordinator waits for the decider, in simulated time, before calling it stuck. */
const DECISION_DEADLINE_MS = 10_000;

export function createCoordinator(ctx: NodeContext<ClusterMessage>, config: CoordinatorConfig): NodeBehaviour<ClusterMessage> {
  return new Coordinator(ctx, config);
}

type Phase = { kind: 'watching' } | { kind: 'probing'; round: number } | { kind: 'deciding'; round: number };

class Coordinator implements NodeBehaviour<ClusterMessage> {
  private phase: Phase = { kind: 'watching' };
  private lastHeard: number;
  private readonly replies = new Map<string, MemberView>();
  /** The last thing each member told us; an unreachable member is shown with these stale values. */
  private readonly lastKnown = new Map<string, Omit<MemberView, 'id' | 'reachable'>>();
  /** Messages retransmitted until acked, or until a later round starts. */
  private readonly unacked = new Map<string, ClusterMessage>();
  /** Members known to have accepted the current leader's epoch. */
  private readonly hasEpoch: Set<string>;

  constructor(
    private readonly ctx: NodeContext<ClusterMessage>,
    private readonly config: CoordinatorConfig,
  ) {
    this.lastHeard = ctx.now();
    this.hasEpoch = new Set(this.leaderEpoch === config.initialEpoch ? config.members : []);
    for (const m of config.members) this.lastKnown.set(m, { epoch: config.initialEpoch, lastEpoch: 0, lastLsn: 0 });
    ctx.setTimer('watch', config.timing.heartbeatIntervalMs);
    ctx.setTimer('retransmit', config.timing.retransmitMs);
  }

  private get round(): number {
    return this.ctx.storage.get<number>('round') ?? 0;
  }
  private get leader(): string {
    return this.ctx.storage.get<string>('leader') ?? this.config.initialLeader;
  }
  private get leaderEpoch(): number {
    return this.ctx.storage.get<number>('leaderEpoch') ?? this.config.initialEpoch;
  }

  onTimer(name: string, payload: unknown): void {
    const t = this.config.timing;
    switch (name) {
      case 'watch':
        if (this.phase.kind === 'watching' && this.ctx.now() - this.lastHeard > t.heartbeatTimeoutMs) this.startRound();
        this.ctx.setTimer('watch', t.heartbeatIntervalMs);
        return;
      case 'retransmit':
        for (const [to, msg] of this.unacked) this.ctx.send(to, msg);
        this.ctx.setTimer('retransmit', t.retransmitMs);
        return;
      case 'probe-deadline':
        if (this.phase.kind === 'probing' && this.phase.round === payload) this.decide(this.phase.round);
        return;
    }
  }

  onMessage(from: string, msg: ClusterMessage): void {
    switch (msg.type) {
      case 'heartbeat':
        // Only the current leader, in its current epoch, and never during a round: a lease granted now
        // must expire before any round that could replace this leader begins.
        if (from === this.leader && msg.epoch === this.leaderEpoch && this.phase.kind === 'watching') {
          this.lastHeard = this.ctx.now();
          this.ctx.send(from, { type: 'heartbeat-ok', seq: msg.seq, epoch: msg.epoch });
        }
        return;
      case 'probe-reply': {
        const info = { epoch: msg.epoch, lastEpoch: msg.lastEpoch, lastLsn: msg.lastLsn };
        if (msg.round !== this.round) return;
        this.lastKnown.set(from, info);
        if (this.phase.kind === 'probing' && this.phase.round === msg.round) {
          this.replies.set(from, { id: from, reachable: true, ...info });
          if (this.replies.size === this.config.members.length) this.decide(msg.round);
        }
        return;
      }
      case 'new-epoch-ack':
        if (msg.epoch === this.leaderEpoch) this.hasEpoch.add(from);
        if (msg.round === this.round) this.unacked.delete(from);
        return;
      case 'thaw-ack':
        if (msg.round === this.round) this.unacked.delete(from);
        return;
      default:
        return;
    }
  }

  private startRound(): void {
    const round = this.round + 1;
    this.ctx.storage.set('round', round);
    this.unacked.clear();
    this.replies.clear();
    this.phase = { kind: 'probing', round };
    this.ctx.record('round-start', { round, suspected: this.leader, epoch: this.leaderEpoch });
    for (const m of this.config.members) this.ctx.send(m, { type: 'probe', round, suspected: this.leader });
    this.ctx.setTimer('probe-deadline', this.config.timing.probeDeadlineMs, round);
  }

  private decide(round: number): void {
    const members = this.config.members.map((id): MemberView => this.replies.get(id) ?? { id, reachable: false, ...this.lastKnown.get(id)! });
    const view: FailoverView = { members, suspectedLeader: this.leader, epoch: this.leaderEpoch };
    this.phase = { kind: 'deciding', round };
    const call = { round, now: this.ctx.now() };
    const decider = this.config.decider;
    this.ctx.task(
      'failover decision',
      async (): Promise<DecisionRecord> => {
        const verdictOutcome = await this.ctx.external(decider.validateSafeFailover(structuredClone(view), call));
        if (!verdictOutcome.ok) return { round, view, problem: verdictOutcome.problem, problemIn: 'validateSafeFailover' };
        const verdict = readVerdict(verdictOutcome.value);
        if (typeof verdict === 'string') return { round, view, problem: verdict, problemIn: 'validateSafeFailover' };
        if (!verdict.safe) return { round, view, verdict };
        const electionOutcome = await this.ctx.external(decider.electNewLeader(structuredClone(view), call));
        if (!electionOutcome.ok) return { round, view, verdict, problem: electionOutcome.problem, problemIn: 'electNewLeader' };
        const election = readElection(electionOutcome.value, view);
        if (typeof election === 'string') return { round, view, verdict, problem: election, problemIn: 'electNewLeader' };
        return { round, view, verdict, election };
      },
      {
        deadlineMs: DECISION_DEADLINE_MS,
        onSettled: (result) => {
          const record: DecisionRecord =
            result.status === 'ok'
              ? result.value
              : result.status === 'threw'
                ? { round, view, problem: `the coordinator failed: ${String(result.error)}` }
                : { round, view, problem: 'the decision never settled (a promise that never resolves?)' };
          this.apply(record);
        },
      },
    );
  }

  private apply(record: DecisionRecord): void {
    this.ctx.record('decision', record);
    if (this.round !== record.round) return;
    this.phase = { kind: 'watching' };
    this.lastHeard = this.ctx.now();
    if (record.problem !== undefined) {
      this.config.onDecisionProblem(record);
      return;
    }
    if (record.election === undefined) {
      // Thaw every member probed, not only those that answered: a late answer still froze its sender.
      // A member that never acknowledged the current epoch (it was down when it was announced, and a
      // new round stopped the resends) is sent that epoch again instead: accepting it thaws it too.
      for (const m of this.config.members)
        this.unacked.set(
          m,
          this.hasEpoch.has(m) ? { type: 'thaw', round: record.round } : { type: 'new-epoch', round: record.round, epoch: this.leaderEpoch, leader: this.leader },
        );
    } else {
      const { leader, epoch } = record.election;
      this.hasEpoch.clear();
      this.ctx.storage.set('leader', leader);
      this.ctx.storage.set('leaderEpoch', epoch);
      this.ctx.storage.set('highestEpoch', Math.max(epoch, this.ctx.storage.get<number>('highestEpoch') ?? 0));
      for (const m of this.config.members) this.unacked.set(m, { type: 'new-epoch', round: record.round, epoch, leader });
    }
    for (const [to, msg] of this.unacked) this.ctx.send(to, msg);
  }
}

/** A well-formed verdict, or a plain-words reason why the answer is not one. */
function readVerdict(v: unknown): SafetyVerdict | string {
  if (typeof v !== 'object' || v === null || typeof (v as { safe?: unknown }).safe !== 'boolean')
    return `validateSafeFailover must return { safe: true } or { safe: false, reason }, got ${show(v)}`;
  const verdict = v as { safe: boolean; reason?: unknown };
  if (verdict.safe) return { safe: true };
  return { safe: false, reason: typeof verdict.reason === 'string' ? verdict.reason : '' };
}

/** A valid election: names a member and a positive safe-integer epoch. Otherwise why not. */
function readElection(v: unknown, view: FailoverView): Election | string {
  if (typeof v !== 'object' || v === null) return `electNewLeader must return { leader, epoch }, got ${show(v)}`;
  const { leader, epoch } = v as { leader?: unknown; epoch?: unknown };
  if (typeof leader !== 'string' || !view.members.some((m) => m.id === leader))
    return `electNewLeader returned leader ${show(leader)}, which is not a member (members: ${view.members.map((m) => m.id).join(', ')})`;
  if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch) || epoch <= 0)
    return `electNewLeader returned epoch ${show(epoch)}; an epoch must be a positive whole number`;
  return { leader, epoch };
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
