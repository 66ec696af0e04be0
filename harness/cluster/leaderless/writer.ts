/**
 * A writing client of the leaderless store, acting as its own coordinator. Each write takes its
 * version from the store's global counter when it is invoked, goes to the key's n home replicas
 * (strict) or to targets chosen by a `TargetPolicy` (sloppy: fallbacks stand in for unreachable
 * homes), is resent until acknowledged, and succeeds at w acks, counted at most once per distinct
 * home replica (a fallback's ack counts for the home it stands in for). A write without w acks by its
 * timeout is given up but not rolled back: it stays "unknown" in the history.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { LeaderlessMessage } from './messages.ts';
import type { HookCall, HookOutcome } from '../hook.ts';
import type { LeaderlessTiming } from './timing.ts';

/** One copy of a write: `node`, standing in for `hintFor` when set. */
export interface WriteTarget {
  readonly node: string;
  readonly hintFor?: string;
}

/** Targets in words, each on its own ("n4 (for n1); n2"), so no stand-in reads as standing in for the ones after it. */
export function showTargets(targets: readonly { readonly node: string; readonly hintFor?: string | undefined }[]): string {
  return targets.length === 0 ? 'none' : targets.map((t) => (t.hintFor !== undefined ? `${t.node} (for ${t.hintFor === '' ? '""' : t.hintFor})` : t.node)).join('; ');
}

/** The sloppy-quorum choice of targets (the exercise's `chooseWriteTargets`, or the reference one). */
export interface TargetPolicy {
  chooseWriteTargets(preferenceList: readonly string[], n: number, reachable: readonly string[], call: HookCall): Promise<HookOutcome<unknown>>;
}

export interface WriterConfig {
  readonly keys: readonly string[];
  readonly preferenceList: (key: string) => readonly string[];
  readonly n: number;
  readonly w: number;
  /** The store's global version counter: called once per write, when it is invoked. */
  readonly nextVersion: () => number;
  readonly timing: LeaderlessTiming;
  /** Pause between writes: uniform in [min, max] ms. */
  readonly intervalMs: { readonly min: number; readonly max: number };
  readonly stopAtMs: number;
  /** Sloppy quorums: fallbacks may stand in for unreachable home replicas. */
  readonly sloppy?: TargetPolicy;
  readonly onPolicyProblem: (node: string, problem: string) => void;
  /** True simulated time, for the write records (history times are true time too). */
  readonly trueNow: () => number;
}

/** A write as the writer saw it. */
export interface WriteRecord {
  readonly client: string;
  readonly opId: number;
  readonly key: string;
  readonly value: string;
  readonly version: number;
  readonly invokedAt: number;
  /** When the w-th distinct home replica's ack arrived; absent when the write was given up. */
  ackedAt?: number;
  /** The home replicas credited, in order. */
  readonly credited: string[];
  /** Targets used, with the home each stood in for. */
  readonly targets: WriteTarget[];
  /**
   * Sloppy mode: the policy's latest choice, as it answered. Only targets standing in for a home
   * replica of the key, and not repeating a copy, are used, so it can differ from `targets`.
   */
  lastChoice?: { readonly t: number; readonly targets: readonly WriteTarget[] };
}

interface InFlight {
  /** The request number every put of this write carries. */
  readonly req: number;
  readonly record: WriteRecord;
  readonly home: readonly string[];
  /** `${node}|${home}`: the copies sent, each counting for one home replica once acknowledged. */
  readonly copies: Set<string>;
  done: boolean;
  choosing: boolean;
  reachableWhenChosen: string;
}

const POLICY_DEADLINE_MS = 10_000;
/** How long a writer avoids a node that went silent before trying it again. */
const RETRY_SUSPECTED_MS = 400;

export function createWriter(ctx: NodeContext<LeaderlessMessage>, config: WriterConfig, records: WriteRecord[]): NodeBehaviour<LeaderlessMessage> {
  return new Writer(ctx, config, records);
}

class Writer implements NodeBehaviour<LeaderlessMessage> {
  private seq = 0;
  private nextReq = 1;
  private readonly byReq = new Map<number, InFlight>();
  private readonly inFlight: InFlight[] = [];
  /** node → local time of the oldest put to it still unanswered. */
  private readonly silentSince = new Map<string, number>();

  constructor(
    private readonly ctx: NodeContext<LeaderlessMessage>,
    private readonly config: WriterConfig,
    private readonly records: WriteRecord[],
  ) {
    ctx.setTimer('write', this.pause());
    ctx.setTimer('retransmit', config.timing.writeRetransmitMs);
  }

  onMessage(from: string, msg: LeaderlessMessage): void {
    this.silentSince.delete(from);
    if (msg.type !== 'put-ok') return;
    const w = this.byReq.get(msg.req);
    if (w === undefined || w.done) return;
    const home = msg.hintFor ?? from;
    if (!w.copies.has(`${from}|${home}`) || w.record.credited.includes(home)) return;
    w.record.credited.push(home);
    if (w.record.credited.length >= this.config.w) {
      w.done = true;
      w.record.ackedAt = this.config.trueNow();
      this.ctx.complete(w.record.opId, 'ok');
      this.ctx.record('write-acked', { client: this.ctx.id, key: w.record.key, version: w.record.version, credited: [...w.record.credited] });
    }
  }

  onTimer(name: string, payload: unknown): void {
    switch (name) {
      case 'write':
        if (this.config.trueNow() >= this.config.stopAtMs) return;
        if (this.inFlight.filter((w) => !w.done).length < 2) this.startWrite();
        this.ctx.setTimer('write', this.pause());
        return;
      case 'retransmit':
        for (const w of this.inFlight) if (!w.done) this.resend(w);
        this.ctx.setTimer('retransmit', this.config.timing.writeRetransmitMs);
        return;
      case 'give-up': {
        const w = this.inFlight.find((x) => x.record.opId === payload);
        if (w !== undefined && !w.done) {
          w.done = true;
          this.ctx.record('write-gave-up', { client: this.ctx.id, key: w.record.key, version: w.record.version, credited: [...w.record.credited] });
        }
        this.inFlight.splice(0, this.inFlight.length, ...this.inFlight.filter((x) => !x.done));
        return;
      }
    }
  }

  private pause(): number {
    const { min, max } = this.config.intervalMs;
    return min + Math.floor(this.ctx.random() * (max - min + 1));
  }

  private startWrite(): void {
    const { keys, preferenceList, n } = this.config;
    const key = keys[Math.floor(this.ctx.random() * keys.length)]!;
    const version = this.config.nextVersion();
    const value = `${this.ctx.id}-${++this.seq}`;
    const opId = this.ctx.invoke('write', { key, value, version });
    const record: WriteRecord = { client: this.ctx.id, opId, key, value, version, invokedAt: this.config.trueNow(), credited: [], targets: [] };
    this.records.push(record);
    const home = preferenceList(key).slice(0, n);
    const req = this.nextReq++;
    const w: InFlight = { req, record, home, copies: new Set(), done: false, choosing: false, reachableWhenChosen: '' };
    this.byReq.set(req, w);
    this.inFlight.push(w);
    this.ctx.setTimer('give-up', this.config.timing.writeTimeoutMs, opId);
    if (this.config.sloppy === undefined) {
      for (const h of home) this.target(w, { node: h });
      this.resend(w);
    } else {
      this.choose(w);
    }
  }

  private target(w: InFlight, t: WriteTarget): void {
    const home = t.hintFor ?? t.node;
    const copy = `${t.node}|${home}`;
    if (!w.home.includes(home) || w.copies.has(copy)) return;
    w.copies.add(copy);
    w.record.targets.push(t);
  }

  private resend(w: InFlight): void {
    const { req } = w;
    const { key, value, version } = w.record;
    const now = this.ctx.now();
    for (const copy of w.copies) {
      const [node, home] = copy.split('|') as [string, string];
      if (w.record.credited.includes(home)) continue;
      if (!this.silentSince.has(node)) this.silentSince.set(node, now);
      this.ctx.send(node, { type: 'put', req, key, value, version, ...(node !== home ? { hintFor: home } : {}) });
    }
    if (this.config.sloppy !== undefined && !w.choosing && this.reachableKey() !== w.reachableWhenChosen) this.choose(w);
  }

  private reachable(): string[] {
    const now = this.ctx.now();
    const all = this.config.preferenceList(this.config.keys[0]!);
    return [...all].sort().filter((node) => {
      const since = this.silentSince.get(node);
      if (since === undefined || now - since < this.config.timing.suspectAfterMs) return true;
      // Suspected long enough: try it again (it may have restarted); silence suspects it anew.
      if (now - since >= RETRY_SUSPECTED_MS) {
        this.silentSince.delete(node);
        return true;
      }
      return false;
    });
  }

  private reachableKey(): string {
    return this.reachable().join(',');
  }

  /** Sloppy mode: asks the target policy where this write goes, given who looks reachable now. */
  private choose(w: InFlight): void {
    const policy = this.config.sloppy!;
    w.choosing = true;
    const reachable = this.reachable();
    w.reachableWhenChosen = reachable.join(',');
    const call: HookCall = { node: this.ctx.id, now: this.ctx.now(), busy: (p) => void this.ctx.external(p) };
    const list = this.config.preferenceList(w.record.key);
    this.ctx.task('choose write targets', () => policy.chooseWriteTargets(list, this.config.n, reachable, call), {
      deadlineMs: POLICY_DEADLINE_MS,
      onSettled: (result) => {
        w.choosing = false;
        const outcome =
          result.status === 'ok'
            ? result.value
            : { ok: false as const, problem: result.status === 'threw' ? `the writer failed: ${String(result.error)}` : 'chooseWriteTargets never settled' };
        if (!outcome.ok) {
          this.config.onPolicyProblem(this.ctx.id, outcome.problem);
          return;
        }
        const targets = readTargets(outcome.value);
        this.ctx.record('targets-chosen', { client: this.ctx.id, key: w.record.key, version: w.record.version, reachable, targets });
        w.record.lastChoice = { t: this.ctx.now(), targets };
        if (w.done) return;
        for (const t of targets) this.target(w, t);
        this.resend(w);
      },
    });
  }
}

function readTargets(value: unknown): WriteTarget[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((t): t is WriteTarget => typeof t === 'object' && t !== null && typeof t.node === 'string' && (t.hintFor === undefined || typeof t.hintFor === 'string'))
    .map((t) => (t.hintFor === undefined ? { node: t.node } : { node: t.node, hintFor: t.hintFor }));
}
