/**
 * The session proxy (design §1.5): one node between user devices and the members, keeping read
 * positions in its memory as MaxScale's causal_reads and ProxySQL's GTID causal reads do. It never
 * crashes. Writes go to the believed leader and are retried with the same id; on an ack it asks the
 * write hook, stores the session, and only then forwards the ack, so a user's other device can never
 * read before the session knows the write. Reads take at most `members + 3` attempts, each offering
 * every member not yet tried in this read plus the believed leader, which is never excluded.
 */
import type { ReadReply, ReplicaStatus } from '../../exercise/index.ts';
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { HookCall, HookOutcome } from '../hook.ts';
import { maxAttempts, type DeviceMessage, type MemberStatus, type ProxyMessage, type ProxyTiming } from './messages.ts';
import type { RoutedRead, SessionCallRecord, SessionPolicy } from './session-policy.ts';

export interface SessionProxyConfig {
  readonly members: readonly string[];
  readonly timing: ProxyTiming;
  readonly policy: SessionPolicy;
  /** The user a device belongs to, and the device's name (`u1a` → u1, a). */
  readonly deviceOf: (node: string) => { readonly user: string; readonly device: string };
  /** The user's home follower, when the exercise assigns homes. */
  readonly homeOf?: (user: string) => string | undefined;
  /** A hook gave no usable answer (threw, timed out, malformed): the run stops. */
  readonly onPolicyProblem: (record: SessionCallRecord) => void;
  /** Told each change of the believed leader (scripted operations place reads on it). */
  readonly onBelief?: (leader: string | null) => void;
}

const HOOK_DEADLINE_MS = 10_000;

interface Heard extends MemberStatus {
  readonly heardAt: number;
  readonly timedOut: boolean;
}

interface PendingRead {
  readonly op: number;
  readonly from: string;
  readonly read: RoutedRead;
  readonly tried: Set<string>;
  attempts: number;
  /** The request in flight, and its timeout timer. */
  req?: { readonly id: number; readonly to: string; readonly timer: number };
}

export function createSessionProxy(ctx: NodeContext<ProxyMessage>, config: SessionProxyConfig): NodeBehaviour<ProxyMessage> {
  return new SessionProxy(ctx, config);
}

class SessionProxy implements NodeBehaviour<ProxyMessage> {
  private readonly sessions = new Map<string, unknown>();
  /** Device → its session key, or the ops waiting while sessionKey is asked. */
  private readonly keys = new Map<string, string | { waiting: (() => void)[] }>();
  private readonly heard = new Map<string, Heard>();
  private readonly writes = new Map<string, { op: number; device: string; key: string; value: string; done: boolean }>();
  private readonly reads = new Map<number, PendingRead>();
  private believed: string | null = null;
  private nextReq = 1;
  private nextRead = 1;
  private stopped = false;

  constructor(
    private readonly ctx: NodeContext<ProxyMessage>,
    private readonly config: SessionProxyConfig,
  ) {
    this.poll();
  }

  onMessage(from: string, msg: ProxyMessage): void {
    if (this.stopped) return;
    switch (msg.type) {
      case 'put':
      case 'get':
        return this.withKey(from, () => (msg.type === 'put' ? this.startWrite(from, msg) : this.startRead(from, msg)));
      case 'status':
      case 'read-ok':
        this.hear(from, msg);
        if (msg.type === 'read-ok') this.onReadReply(from, msg);
        return;
      case 'write-ok':
        return this.onWriteOk(msg.writeId, msg.lsn);
      case 'redirect':
      case 'write-rejected':
        return; // The retry timer resends to whoever is believed to lead by then.
      default:
        return;
    }
  }

  onTimer(name: string, payload: unknown): void {
    if (this.stopped) return;
    if (name === 'poll') return this.poll();
    if (name === 'write-retry') return this.sendWrite(payload as string);
    if (name === 'attempt') return this.attempt(payload as number);
    if (name === 'read-timeout') return this.onReadTimeout(payload as { op: number; req: number });
  }

  private poll(): void {
    for (const m of this.config.members) this.ctx.send(m, { type: 'status?' });
    this.ctx.setTimer('poll', this.config.timing.statusIntervalMs);
    this.updateBelief();
  }

  private hear(from: string, s: MemberStatus): void {
    this.heard.set(from, { appliedLsn: s.appliedLsn, role: s.role, epoch: s.epoch, heardAt: this.ctx.now(), timedOut: false });
    this.updateBelief();
  }

  private reachable(id: string): boolean {
    const h = this.heard.get(id);
    return h !== undefined && !h.timedOut && this.ctx.now() - h.heardAt <= this.config.timing.reachableMs;
  }

  /** The believed leader: reachable, reporting leader, the highest epoch among those. */
  private updateBelief(): void {
    let best: string | null = null;
    for (const id of this.config.members) {
      const h = this.heard.get(id);
      if (h?.role !== 'leader' || !this.reachable(id)) continue;
      if (best === null || h.epoch > this.heard.get(best)!.epoch) best = id;
    }
    if (best === this.believed) return;
    this.believed = best;
    this.ctx.record('leader-belief', { leader: best, epoch: best === null ? null : this.heard.get(best)!.epoch });
    this.config.onBelief?.(best);
  }

  /** Every member's hint, in member order; only the believed leader is called leader. */
  private statusOf(id: string): ReplicaStatus {
    this.updateBelief();
    return { id, role: id === this.believed ? 'leader' : 'follower', reachable: this.reachable(id), appliedLsn: this.heard.get(id)?.appliedLsn ?? 0 };
  }

  private withKey(device: string, then: () => void): void {
    const known = this.keys.get(device);
    if (typeof known === 'string') return then();
    if (known !== undefined) return void known.waiting.push(then);
    const waiting = { waiting: [then] };
    this.keys.set(device, waiting);
    const { user, device: name } = this.config.deviceOf(device);
    this.ask({ fn: 'sessionKey', user, device: name, args: [user, name] }, (call) => this.config.policy.sessionKey(user, name, call), (key) => {
      if (typeof key !== 'string') return this.problem({ fn: 'sessionKey', user, device: name, args: [user, name], answer: key, problem: `sessionKey must return a string, got ${JSON.stringify(key) ?? String(key)}` });
      this.keys.set(device, key);
      for (const run of waiting.waiting) run();
    });
  }

  private sessionOf(device: string): { key: string; session: unknown } {
    const key = this.keys.get(device) as string;
    return { key, session: this.sessions.has(key) ? this.sessions.get(key) : this.config.policy.start };
  }

  private startWrite(device: string, msg: Extract<DeviceMessage, { type: 'put' }>): void {
    const id = `${device}-${msg.op}`;
    if (!this.writes.has(id)) this.writes.set(id, { op: msg.op, device, key: msg.key, value: msg.value, done: false });
    this.sendWrite(id);
  }

  private sendWrite(id: string): void {
    const w = this.writes.get(id);
    if (w === undefined || w.done) return;
    this.updateBelief();
    if (this.believed !== null) this.ctx.send(this.believed, { type: 'write', write: { id, key: w.key, value: w.value } });
    this.ctx.setTimer('write-retry', this.believed === null ? this.config.timing.retryBackoffMs : this.config.timing.writeRetryMs, id);
  }

  private onWriteOk(id: string, lsn: number): void {
    const w = this.writes.get(id);
    if (w === undefined || w.done) return;
    w.done = true;
    const { key, session } = this.sessionOf(w.device);
    const { user, device } = this.config.deviceOf(w.device);
    const forward = (): void => this.ctx.send(w.device, { type: 'put-ok', op: w.op, lsn });
    const hook = this.config.policy.afterWrite;
    if (hook === undefined) return forward();
    const write = { key: w.key, lsn };
    this.ask({ fn: 'afterWrite', user, device, sessionKey: key, args: [session, write] }, (call) => hook(this.sessionOf(w.device).session, write, call), (next) => {
      // Stored before the ack leaves (design §0.6): the user's next read, from any device, sees it.
      this.sessions.set(key, next);
      forward();
    });
  }

  private startRead(device: string, msg: Extract<DeviceMessage, { type: 'get' }>): void {
    const { user, device: name } = this.config.deviceOf(device);
    const home = this.config.homeOf?.(user);
    const read: PendingRead = { op: msg.op, from: device, read: { user, device: name, key: msg.key, ...(home !== undefined ? { home } : {}) }, tried: new Set(), attempts: 0 };
    const readKey = this.nextRead++;
    this.reads.set(readKey, read);
    this.attempt(readKey);
  }

  private attempt(readKey: number): void {
    const r = this.reads.get(readKey);
    if (r === undefined) return;
    if (r.attempts >= maxAttempts(this.config.members.length)) {
      this.reads.delete(readKey);
      return this.ctx.send(r.from, { type: 'get-fail', op: r.op, reason: `no acceptable answer in ${r.attempts} attempts` });
    }
    r.attempts++;
    this.updateBelief();
    const offered = this.config.members.filter((m) => !r.tried.has(m) || m === this.believed).map((m) => this.statusOf(m));
    const backoff = (): void => void this.ctx.setTimer('attempt', this.config.timing.retryBackoffMs, readKey);
    if (offered.length === 0) return backoff();
    const { key, session } = this.sessionOf(r.from);
    const base = { user: r.read.user, device: r.read.device, sessionKey: key };
    this.ask({ ...base, fn: 'chooseReplica', args: [session, r.read, offered] }, (call) => this.config.policy.chooseReplica(session, r.read, offered, call), (chosen) => {
      if (chosen === null) return backoff();
      if (typeof chosen !== 'string' || !offered.some((o) => o.id === chosen))
        return this.problem({ ...base, fn: 'chooseReplica', args: [session, r.read, offered], answer: chosen, problem: `chooseReplica must return the id of an offered replica or null, got ${JSON.stringify(chosen) ?? String(chosen)}` });
      const id = this.nextReq++;
      r.req = { id, to: chosen, timer: this.ctx.setTimer('read-timeout', this.config.timing.attemptTimeoutMs, { op: readKey, req: id }) };
      this.ctx.send(chosen, { type: 'read', req: id, key: r.read.key });
    });
  }

  private onReadTimeout(t: { op: number; req: number }): void {
    const r = this.reads.get(t.op);
    if (r?.req?.id !== t.req) return;
    const h = this.heard.get(r.req.to);
    if (h !== undefined) this.heard.set(r.req.to, { ...h, timedOut: true });
    r.tried.add(r.req.to);
    delete r.req;
    this.updateBelief();
    this.attempt(t.op);
  }

  private onReadReply(from: string, msg: Extract<ProxyMessage, { type: 'read-ok' }>): void {
    const entry = [...this.reads].find(([, r]) => r.req?.id === msg.req && r.req.to === from);
    if (entry === undefined) return;
    const [readKey, r] = entry;
    this.ctx.cancelTimer(r.req!.timer);
    delete r.req;
    const reply: ReadReply = { replica: from, role: from === this.believed ? 'leader' : 'follower', key: msg.key, value: msg.value, version: msg.version, appliedLsn: msg.appliedLsn };
    const { key, session } = this.sessionOf(r.from);
    const base = { user: r.read.user, device: r.read.device, sessionKey: key };
    this.ask({ ...base, fn: 'acceptsReply', args: [session, reply] }, (call) => this.config.policy.acceptsReply(session, reply, call), (accepted) => {
      if (typeof accepted !== 'boolean') return this.problem({ ...base, fn: 'acceptsReply', args: [session, reply], answer: accepted, problem: `acceptsReply must return true or false, got ${JSON.stringify(accepted) ?? String(accepted)}` });
      if (!accepted) {
        if (from !== this.believed) r.tried.add(from);
        return void this.ctx.setTimer('attempt', this.config.timing.retryBackoffMs, readKey);
      }
      const answer = (): void => {
        this.reads.delete(readKey);
        this.ctx.send(r.from, { type: 'get-ok', op: r.op, key: reply.key, value: reply.value, version: reply.version, replica: from });
      };
      const hook = this.config.policy.afterRead;
      if (hook === undefined) return answer();
      this.ask({ ...base, fn: 'afterRead', args: [this.sessionOf(r.from).session, reply] }, (call) => hook(this.sessionOf(r.from).session, reply, call), (next) => {
        this.sessions.set(key, next);
        answer();
      });
    });
  }

  /** Asks a hook in a task; records the call; a usable answer goes to `then`, anything else stops the run. */
  private ask(record: SessionCallRecord, run: (call: HookCall) => Promise<HookOutcome<unknown>>, then: (value: unknown) => void): void {
    const call: HookCall = { node: this.ctx.id, now: this.ctx.now(), busy: (p) => void this.ctx.external(p) };
    this.ctx.task(record.fn, () => this.ctx.external(run(call)), {
      deadlineMs: HOOK_DEADLINE_MS,
      onSettled: (result) => {
        if (this.stopped) return;
        const outcome: HookOutcome<unknown> =
          result.status === 'ok' ? result.value : { ok: false, problem: result.status === 'threw' ? `${record.fn} failed: ${String(result.error)}` : `${record.fn} never settled` };
        if (!outcome.ok) return this.problem({ ...record, problem: outcome.problem });
        this.ctx.record('session-call', { ...record, answer: outcome.value });
        then(outcome.value);
      },
    });
  }

  private problem(record: SessionCallRecord): void {
    this.stopped = true;
    this.ctx.record('session-call', record);
    this.config.onPolicyProblem(record);
  }
}
