/**
 * A replica of the leaderless store. It keeps one versioned value per key in durable storage and
 * applies a value (from a write, a read repair, a hand-off or anti-entropy) only if its version is
 * higher than the one held, so its versions never decrease, across crash and restart. It acknowledges
 * a write only once the value (or, as a fallback, the hint) is in durable storage.
 *
 * As a fallback node it keeps hints durably and hands them to their home replica, resending until
 * acknowledged; which hints to send and which to drop on an ack is the `HintPolicy`'s decision.
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { HookCall, HookOutcome } from '../hook.ts';
import type { LeaderlessMessage, StoredHint, Versioned } from './messages.ts';
import type { LeaderlessTiming } from './timing.ts';
import { sameHint, withHint, withoutHint } from './hint-store.ts';

/** A fallback's durable hints as a hint policy sees them; changes apply to durable storage at once. */
export interface HintStoreAccess {
  put(hint: StoredHint): void;
  remove(key: string, hintFor: string, version: number): void;
  /** The hints held now. */
  all(): StoredHint[];
}

/** The fallback's two hint decisions (the sloppy-quorum exercise's functions, or the reference ones). */
export interface HintPolicy {
  hintsToHandOff(store: HintStoreAccess, recovered: string, call: HookCall): Promise<HookOutcome<unknown>>;
  onHandoffAck(store: HintStoreAccess, from: string, key: string, version: number, call: HookCall): Promise<HookOutcome<void>>;
}

export interface ReplicaConfig {
  /** The other home replicas of `key` (empty when this node is not one of them). */
  readonly peersFor: (key: string) => readonly string[];
  readonly timing: LeaderlessTiming;
  readonly hints: HintPolicy;
  /** Called when a hint policy produced no usable decision; the run cannot meaningfully go on. */
  readonly onPolicyProblem: (node: string, problem: string) => void;
  /** Runs anti-entropy rounds (off to watch read repair alone). */
  readonly antiEntropy: boolean;
}

const POLICY_DEADLINE_MS = 10_000;

export function createReplica(ctx: NodeContext<LeaderlessMessage>, config: ReplicaConfig): NodeBehaviour<LeaderlessMessage> {
  return new Replica(ctx, config);
}

/** The value stored for `key` in a replica's durable storage. */
export function storedValue(storage: { get<T>(key: string): T | undefined }, key: string): Versioned {
  return storage.get<Versioned>(`v:${key}`) ?? { value: undefined, version: 0 };
}

class Replica implements NodeBehaviour<LeaderlessMessage> {
  /** A hint decision is in flight: the next hand-off round waits for it. */
  private deciding = false;
  private readonly acks: { from: string; key: string; version: number }[] = [];

  constructor(
    private readonly ctx: NodeContext<LeaderlessMessage>,
    private readonly config: ReplicaConfig,
  ) {
    if (config.antiEntropy) ctx.setTimer('anti-entropy', config.timing.antiEntropyMs * (0.5 + ctx.random()));
    ctx.setTimer('handoff', config.timing.handoffMs);
  }

  onMessage(from: string, msg: LeaderlessMessage): void {
    switch (msg.type) {
      case 'put':
        if (msg.hintFor !== undefined && msg.hintFor !== this.ctx.id) this.storeHint({ key: msg.key, value: msg.value, version: msg.version, hintFor: msg.hintFor });
        else this.apply(msg.key, { value: msg.value, version: msg.version }, 'put');
        this.ctx.send(from, { type: 'put-ok', req: msg.req, key: msg.key, version: msg.version, ...(msg.hintFor !== undefined ? { hintFor: msg.hintFor } : {}) });
        return;
      case 'get': {
        const held = storedValue(this.ctx.storage, msg.key);
        this.ctx.send(from, { type: 'get-ok', req: msg.req, key: msg.key, value: held.value, version: held.version });
        return;
      }
      case 'repair':
        this.apply(msg.key, { value: msg.value, version: msg.version }, 'repair');
        this.ctx.send(from, { type: 'repair-ok', req: msg.req, key: msg.key, version: msg.version });
        return;
      case 'handoff': {
        this.apply(msg.key, { value: msg.value, version: msg.version }, 'handoff');
        const held = storedValue(this.ctx.storage, msg.key);
        this.ctx.send(from, { type: 'handoff-ok', key: msg.key, version: held.version });
        return;
      }
      case 'handoff-ok':
        this.ctx.record('handoff-ack', { from, key: msg.key, version: msg.version });
        this.acks.push({ from, key: msg.key, version: msg.version });
        this.decideNext();
        return;
      case 'sync':
        for (const e of msg.entries) this.apply(e.key, { value: e.value, version: e.version }, 'anti-entropy');
        return;
      case 'put-ok':
      case 'get-ok':
      case 'repair-ok':
        return;
    }
  }

  onTimer(name: string): void {
    switch (name) {
      case 'anti-entropy':
        this.antiEntropyRound();
        this.ctx.setTimer('anti-entropy', this.config.timing.antiEntropyMs);
        return;
      case 'handoff':
        this.handoffRound = true;
        this.decideNext();
        this.ctx.setTimer('handoff', this.config.timing.handoffMs);
        return;
    }
  }

  private handoffRound = false;

  /** Apply-if-newer, durably: a replica's version of a key never goes down. */
  private apply(key: string, incoming: Versioned, via: 'put' | 'repair' | 'handoff' | 'anti-entropy'): void {
    const held = storedValue(this.ctx.storage, key);
    if (!(incoming.version > held.version)) return;
    this.ctx.storage.set(`v:${key}`, { value: incoming.value, version: incoming.version });
    this.ctx.storage.set('keys', [...new Set([...(this.ctx.storage.get<string[]>('keys') ?? []), key])].sort());
    if (via !== 'put' && via !== 'anti-entropy') this.ctx.record('applied', { key, version: incoming.version, via });
  }

  private hints(): StoredHint[] {
    return this.ctx.storage.get<StoredHint[]>('hints') ?? [];
  }

  private storeHint(hint: StoredHint, record = true): void {
    const hints = this.hints();
    const next = withHint(hints, hint);
    if (next === hints) return;
    this.ctx.storage.set('hints', next);
    if (record) this.ctx.record('hint-stored', hint);
  }

  /**
   * The store a hint decision is given. Its changes reach durable storage at once, but are recorded
   * when the decision settles, as their net effect: simulated time stands still while a decision
   * runs, so a hint removed and put back within one was never missing, and no note may say it was.
   */
  private access(): { store: HintStoreAccess; recordNet(): void } {
    const before = this.hints();
    const touched: StoredHint[] = [];
    const touch = (h: StoredHint): void => void (touched.some((x) => sameHint(x, h)) || touched.push(h));
    return {
      store: {
        put: (hint) => {
          touch(hint);
          this.storeHint(hint, false);
        },
        remove: (key, hintFor, version) => {
          touch({ key, hintFor, version, value: undefined });
          const hints = this.hints();
          const kept = withoutHint(hints, { key, hintFor, version });
          if (kept !== hints) this.ctx.storage.set('hints', kept);
        },
        all: () => this.hints().map((h) => ({ ...h })),
      },
      recordNet: () => {
        const now = this.hints();
        for (const t of touched) {
          const was = before.find((h) => sameHint(h, t));
          const is = now.find((h) => sameHint(h, t));
          if (was !== undefined && is === undefined) this.ctx.record('hint-removed', { key: was.key, hintFor: was.hintFor, version: was.version });
          if (was === undefined && is !== undefined) this.ctx.record('hint-stored', is);
        }
      },
    };
  }

  private antiEntropyRound(): void {
    const keys = this.ctx.storage.get<string[]>('keys') ?? [];
    const byPeer = new Map<string, { key: string; value: unknown; version: number }[]>();
    for (const key of keys) {
      const peers = this.config.peersFor(key);
      if (peers.length === 0) continue;
      const peer = peers[Math.floor(this.ctx.random() * peers.length)]!;
      const held = storedValue(this.ctx.storage, key);
      byPeer.set(peer, [...(byPeer.get(peer) ?? []), { key, value: held.value, version: held.version }]);
    }
    for (const [peer, entries] of byPeer) this.ctx.send(peer, { type: 'sync', entries });
  }

  /** One hint decision at a time: acks first (they free space), then a hand-off round when due. */
  private decideNext(): void {
    if (this.deciding) return;
    const ack = this.acks.shift();
    if (ack !== undefined) {
      this.decide('hint ack', (store, call) => this.config.hints.onHandoffAck(store, ack.from, ack.key, ack.version, call), () => undefined);
      return;
    }
    if (!this.handoffRound) return;
    this.handoffRound = false;
    const homes = [...new Set(this.hints().map((h) => h.hintFor))].sort();
    this.handOffTo(homes);
  }

  private handOffTo(homes: string[]): void {
    const home = homes.shift();
    if (home === undefined) {
      this.decideNext();
      return;
    }
    this.decide(
      'hand-off',
      (store, call) => this.config.hints.hintsToHandOff(store, home, call),
      (value) => {
        for (const h of readHints(value)) {
          if (h.hintFor !== home) this.ctx.record('handoff-wrong-home', { hint: h, to: home });
          this.ctx.record('handoff-sent', { to: home, key: h.key, version: h.version, hintFor: h.hintFor });
          this.ctx.send(home, { type: 'handoff', key: h.key, value: h.value, version: h.version });
        }
        // Acks that arrived meanwhile come first; the remaining homes wait for the next round.
        if (this.acks.length === 0) this.handOffTo(homes);
        else this.decideNext();
      },
    );
  }

  private decide<T>(label: string, run: (store: HintStoreAccess, call: HookCall) => Promise<HookOutcome<T>>, then: (value: T) => void): void {
    this.deciding = true;
    const call: HookCall = { node: this.ctx.id, now: this.ctx.now(), busy: (p) => void this.ctx.external(p) };
    const access = this.access();
    this.ctx.task(label, () => run(access.store, call), {
      deadlineMs: POLICY_DEADLINE_MS,
      onSettled: (result) => {
        this.deciding = false;
        access.recordNet();
        const problem =
          result.status === 'ok'
            ? result.value.ok
              ? undefined
              : result.value.problem
            : result.status === 'threw'
              ? `the fallback failed: ${String(result.error)}`
              : `${label}: the decision never settled (a promise that never resolves?)`;
        if (problem !== undefined) {
          this.config.onPolicyProblem(this.ctx.id, problem);
          return;
        }
        then((result as { value: { value: T } }).value.value);
      },
    });
  }
}

/** The hints a policy chose to send, keeping only well-formed ones. */
function readHints(value: unknown): StoredHint[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (h): h is StoredHint =>
      typeof h === 'object' && h !== null && typeof h.key === 'string' && typeof h.hintFor === 'string' && typeof h.version === 'number',
  );
}
