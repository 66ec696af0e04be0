/**
 * A catch-up follower: a non-voting replica driven by three hooks (the learner's `applyEntries`,
 * `installSnapshot` and `nextRequest`). Its durable state is the last answer, one record (so a crash
 * can never tear data from position), and its incarnation; the oldest entry the leader keeps, as
 * heard in this incarnation, and the outstanding request are volatile. It asks again after the
 * answer to its request, a `truncated`, any snapshot, a timeout, and every `pollMs` while caught up.
 * Every call is a note (`catch-up-call`), every stored state too (`persisted`).
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { CatchUpRequest, FollowerState, LogEntry, Snapshot } from '../../exercise/index.ts';
import type { HookOutcome } from '../hook.ts';
import { JobQueue } from '../job-queue.ts';
import type { CatchUpMessage, CatchUpTiming } from './catch-up-messages.ts';

/** Where a hook is asked: the simulated moment and a key unique in the run (seeds the learner call). */
export interface CatchUpCall {
  readonly node: string;
  readonly now: number;
  readonly key: string;
}

export interface CatchUpHooks {
  applyEntries(state: FollowerState, entries: readonly LogEntry[], call: CatchUpCall): Promise<HookOutcome<unknown>>;
  installSnapshot(state: FollowerState, snapshot: Snapshot, call: CatchUpCall): Promise<HookOutcome<unknown>>;
  nextRequest(state: FollowerState, leaderFirstLsn: number | undefined, call: CatchUpCall): Promise<HookOutcome<unknown>>;
}

export type CatchUpFn = keyof CatchUpHooks;

/** One call as the trace records it (note `catch-up-call`): the input, and the answer as stored or sent. */
export type CatchUpCallRecord = { readonly incarnation: number; readonly state: FollowerState } & (
  | { readonly fn: 'applyEntries'; readonly entries: readonly LogEntry[]; readonly answer: FollowerState }
  | { readonly fn: 'installSnapshot'; readonly snapshot: Snapshot; readonly answer: FollowerState }
  | { readonly fn: 'nextRequest'; readonly leaderFirstLsn?: number; readonly answer: CatchUpRequest }
);

/** A stored state (note `persisted`). */
export interface PersistedRecord {
  readonly incarnation: number;
  readonly appliedLsn: number;
  readonly data: Readonly<Record<string, string>>;
}

export interface CatchUpProblem {
  readonly node: string;
  readonly fn: string;
  readonly problem: string;
}

export interface CatchUpFollowerConfig {
  readonly leader: string;
  readonly timing: CatchUpTiming;
  readonly hooks: CatchUpHooks;
  readonly onProblem: (problem: CatchUpProblem) => void;
}

const CALL_DEADLINE_MS = 10_000;
const EMPTY: FollowerState = { appliedLsn: 0, data: {} };

export function createCatchUpFollower(ctx: NodeContext<CatchUpMessage>, config: CatchUpFollowerConfig): NodeBehaviour<CatchUpMessage> {
  return new CatchUpFollower(ctx, config);
}

class CatchUpFollower implements NodeBehaviour<CatchUpMessage> {
  private state: FollowerState;
  private readonly incarnation: number;
  private leaderFirstLsn: number | undefined;
  private outstanding: { req: number; timer: number } | undefined;
  private calls = 0;
  private reqs = 0;
  private readonly jobs: JobQueue;

  constructor(
    private readonly ctx: NodeContext<CatchUpMessage>,
    private readonly config: CatchUpFollowerConfig,
  ) {
    this.state = ctx.storage.get<FollowerState>('state') ?? EMPTY;
    this.incarnation = (ctx.storage.get<number>('incarnation') ?? 0) + 1;
    ctx.storage.set('incarnation', this.incarnation);
    this.jobs = new JobQueue(ctx, CALL_DEADLINE_MS, (fn, problem) => config.onProblem({ node: ctx.id, fn, problem }), 'follower');
    ctx.setTimer('poll', config.timing.pollMs);
    this.jobs.push('nextRequest', () => this.askNext());
  }

  onMessage(from: string, msg: CatchUpMessage): void {
    if (from !== this.config.leader) return;
    switch (msg.type) {
      case 'entries':
        this.heard(msg.firstLsn);
        return this.jobs.push('applyEntries', async () => {
          if (msg.entries.length > 0) {
            const after = await this.call('applyEntries', { entries: msg.entries }, (call) => this.config.hooks.applyEntries(this.state, msg.entries, call), stateProblem);
            if (after === undefined) return;
            this.store(after as FollowerState);
          }
          if (!this.answers(msg.req)) return;
          // Caught up with the commit it was told of: the poll asks again.
          if (this.state.appliedLsn >= msg.commitLsn) return;
          await this.askNext();
        });
      case 'truncated':
        this.heard(msg.firstLsn);
        if (!this.answers(msg.req)) return;
        return this.jobs.push('nextRequest', () => this.askNext());
      case 'snapshot':
        this.heard(msg.firstLsn);
        return this.jobs.push('installSnapshot', async () => {
          const after = await this.call('installSnapshot', { snapshot: msg.snapshot }, (call) => this.config.hooks.installSnapshot(this.state, msg.snapshot, call), stateProblem);
          if (after === undefined) return;
          this.store(after as FollowerState);
          this.answers(msg.req);
          await this.askNext();
        });
      default:
        return;
    }
  }

  onTimer(name: string, payload: unknown): void {
    if (name === 'poll') {
      if (this.outstanding === undefined && this.jobs.idle) this.jobs.push('nextRequest', () => this.askNext());
      this.ctx.setTimer('poll', this.config.timing.pollMs);
    } else if (name === 'timeout' && this.outstanding?.req === payload) {
      this.outstanding = undefined;
      this.jobs.push('nextRequest', () => this.askNext());
    }
  }

  private heard(firstLsn: number): void {
    this.leaderFirstLsn = Math.max(this.leaderFirstLsn ?? 0, firstLsn);
  }

  /** Whether `req` answers the outstanding request, which it then ends. */
  private answers(req: number): boolean {
    if (req === 0 || this.outstanding?.req !== req) return false;
    this.ctx.cancelTimer(this.outstanding.timer);
    this.outstanding = undefined;
    return true;
  }

  private async askNext(): Promise<void> {
    const first = this.leaderFirstLsn;
    const answer = await this.call('nextRequest', first === undefined ? {} : { leaderFirstLsn: first }, (call) => this.config.hooks.nextRequest(this.state, first, call), requestProblem);
    if (answer === undefined) return;
    const request = answer as CatchUpRequest;
    if (this.outstanding !== undefined) this.ctx.cancelTimer(this.outstanding.timer);
    const req = ++this.reqs;
    this.outstanding = { req, timer: this.ctx.setTimer('timeout', this.config.timing.requestTimeoutMs, req) };
    this.ctx.send(this.config.leader, request.kind === 'snapshot' ? { type: 'fetch-snapshot', req } : { type: 'fetch', req, fromLsn: request.fromLsn });
  }

  /** Asks a hook and checks its answer's shape; on any problem reports it (the run stops) and returns undefined. */
  private async call(fn: CatchUpFn, input: object, ask: (call: CatchUpCall) => Promise<HookOutcome<unknown>>, shape: (v: unknown) => string | undefined): Promise<unknown> {
    const state = this.state;
    const outcome = await this.ctx.external(ask({ node: this.ctx.id, now: this.ctx.now(), key: `${this.ctx.id}:${this.incarnation}:${++this.calls}` }));
    const problem = outcome.ok ? shape(outcome.value) : outcome.problem;
    if (problem !== undefined) {
      this.config.onProblem({ node: this.ctx.id, fn, problem: outcome.ok ? `${fn} ${problem}` : problem });
      return undefined;
    }
    const value = structuredClone((outcome as { value: unknown }).value);
    const answer = fn === 'nextRequest' ? value : { appliedLsn: (value as FollowerState).appliedLsn, data: (value as FollowerState).data };
    this.ctx.record('catch-up-call', { incarnation: this.incarnation, fn, state, ...input, answer });
    return answer;
  }

  private store(next: FollowerState): void {
    if (next.appliedLsn === this.state.appliedLsn && sameData(next.data, this.state.data)) return;
    this.state = next;
    this.ctx.storage.set('state', next);
    this.ctx.record('persisted', { incarnation: this.incarnation, appliedLsn: next.appliedLsn, data: next.data } satisfies PersistedRecord);
  }
}

export function sameData(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** Why an answer is no follower state at all, or undefined. */
function stateProblem(v: unknown): string | undefined {
  const s = v as Partial<FollowerState> | null;
  if (typeof s !== 'object' || s === null) return `must return { appliedLsn, data }, got ${show(v)}`;
  if (typeof s.appliedLsn !== 'number' || !Number.isInteger(s.appliedLsn) || s.appliedLsn < 0) return `must return a whole appliedLsn of at least 0, got ${show(s.appliedLsn)}`;
  if (typeof s.data !== 'object' || s.data === null || Array.isArray(s.data)) return `must return data as an object of strings, got ${show(s.data)}`;
  const bad = Object.entries(s.data).find(([, x]) => typeof x !== 'string');
  if (bad !== undefined) return `must return data as an object of strings, got ${show(bad[0])}: ${show(bad[1])}`;
  return undefined;
}

function requestProblem(v: unknown): string | undefined {
  const r = v as Partial<{ kind: string; fromLsn: number }> | null;
  if (typeof r === 'object' && r !== null && r.kind === 'snapshot') return undefined;
  if (typeof r === 'object' && r !== null && r.kind === 'entries' && typeof r.fromLsn === 'number' && Number.isInteger(r.fromLsn) && r.fromLsn >= 1) return undefined;
  return `must return { kind: 'entries', fromLsn } with a whole fromLsn of at least 1, or { kind: 'snapshot' }; got ${show(v)}`;
}

export function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
