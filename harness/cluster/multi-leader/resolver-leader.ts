/**
 * A leader of an `any-order` run (conflict-resolution). It holds one user profile. A client write sets
 * one field to a fresh value or adds an interest; the leader stamps it (its clock, or the learner's
 * `nextTimestamp` in runs that ask for it), applies it through the learner's resolver like any
 * incoming version (a stamp lower than what it holds is discarded even here, as in Cassandra), acks
 * once durable, and sends the change to every peer as its own message, resent until acknowledged
 * (`links/at-least-once.ts`): every peer gets it at least once, in any order. With anti-entropy on,
 * every `antiEntropyMs` the leader sends its whole profile to its next peer, which merges it unless
 * the two are equal by harness comparison.
 *
 * A received change is acknowledged only after the job that applied it, so a crash in between makes
 * the sender resend it. Durable: the profile, `highestSeen`, the accepted write ids, the outbox.
 */
import type { Profile, Stamped } from '../../exercise/index.ts';
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import { AtLeastOnce } from '../links/at-least-once.ts';
import { JobQueue } from '../job-queue.ts';
import { HookAsker } from './hook-asker.ts';
import type { ResolverHooks } from './hooks.ts';
import type { ClientWrite, MultiLeaderMessage, ProfileChange } from './messages.ts';
import { profileProblem, sameProfile, stampedProblem } from './profile.ts';

/** Every leader's clock reads this much more than true time (plus its skew), so stamps stay above 0. */
export const CLOCK_BASE_MS = 10_000;

/** The fields a client write sets: the first two are hot (70 % of writes), so leaders conflict. */
export const PROFILE_FIELDS = ['email', 'phone', 'name', 'city'] as const;
const INTEREST_NAMES = ['chess', 'jazz', 'hiking', 'tea', 'go'] as const;

export interface ResolverLeaderConfig {
  readonly hooks: ResolverHooks;
  readonly peers: readonly string[];
  readonly resendMs: number;
  /** Anti-entropy interval; undefined: none. */
  readonly antiEntropyMs: number | undefined;
  /** Stamp new writes with the learner's `nextTimestamp` (the optional group's runs) rather than the clock. */
  readonly learnerStamps: boolean;
  readonly logicDeadlineMs: number;
  readonly note: (name: string, data: unknown) => void;
  readonly onProblem: (fn: string, problem: string) => void;
}

const EMPTY: Profile = { fields: {}, interests: [] };

/** What a client write does: 35 % email, 35 % phone, 10 % name, 10 % city, 10 % adds an interest; a scripted kind says which. */
export function profileOp(write: ClientWrite): { readonly field: string } | { readonly interest: string } {
  if (write.kind.startsWith('set:')) return { field: write.kind.slice(4) };
  const d = write.draw;
  if (write.kind !== 'interest' && d < 0.9) return { field: d < 0.35 ? 'email' : d < 0.7 ? 'phone' : d < 0.8 ? 'name' : 'city' };
  return { interest: `${INTEREST_NAMES[write.amount % INTEREST_NAMES.length]}-${write.write}` };
}

export class ResolverLeader implements NodeBehaviour<MultiLeaderMessage> {
  private readonly jobs: JobQueue;
  private readonly outbox: AtLeastOnce<ProfileChange>;
  private readonly asker: HookAsker;
  private nextPeer = 0;

  constructor(
    private readonly ctx: NodeContext<MultiLeaderMessage>,
    private readonly config: ResolverLeaderConfig,
  ) {
    this.asker = new HookAsker(ctx as never, config.onProblem, 'returned');
    this.jobs = new JobQueue(ctx, config.logicDeadlineMs, (fn, problem) => this.asker.stop(fn, problem), 'leader');
    this.outbox = new AtLeastOnce<ProfileChange>(ctx as never, {
      resendMs: config.resendMs,
      // Acknowledged by the job that applies it, once the learner has answered (see `receive`).
      deliver: (from, change, id) => {
        this.jobs.push('update', () => this.receive(from, change, id));
        return false;
      },
    });
    if (config.antiEntropyMs !== undefined) ctx.setTimer('anti-entropy', config.antiEntropyMs);
  }

  get profile(): Profile {
    return this.ctx.storage.get<Profile>('profile') ?? EMPTY;
  }

  get highestSeen(): number {
    return this.ctx.storage.get<number>('highestSeen') ?? 0;
  }

  /** Accepts a write of `client` now, as if it had just arrived (a scripted step), without acking anyone. */
  acceptNow(client: string, write: string, kind: ClientWrite['kind']): void {
    this.jobs.push('write', () => this.write(client, { type: 'write', write, kind, draw: 0, amount: 0 }, false));
  }

  onMessage(from: string, msg: MultiLeaderMessage): void {
    if (this.outbox.onMessage(from, msg)) return;
    if (msg.type === 'write') this.jobs.push('write', () => this.write(from, msg, true));
    else if (msg.type === 'state') this.jobs.push('anti-entropy', () => this.merge(from, msg.profile));
  }

  onTimer(name: string): void {
    if (this.outbox.onTimer(name)) return;
    if (name !== 'anti-entropy' || this.config.antiEntropyMs === undefined) return;
    const to = this.config.peers[this.nextPeer++ % this.config.peers.length];
    if (to !== undefined) this.ctx.send(to, { type: 'state', profile: this.profile });
    this.ctx.setTimer('anti-entropy', this.config.antiEntropyMs);
  }

  private async write(client: string, msg: ClientWrite, ack: boolean): Promise<void> {
    const accepted = this.ctx.storage.get<readonly string[]>('accepted') ?? [];
    if (!accepted.includes(msg.write)) {
      const self = this.ctx.id;
      const op = profileOp(msg);
      const clock = this.ctx.now() + CLOCK_BASE_MS;
      const highestSeen = this.highestSeen;
      let change: ProfileChange;
      if ('field' in op) {
        const timestamp = this.config.learnerStamps ? await this.stamp(clock, highestSeen) : clock;
        if (timestamp === undefined) return;
        const version: Stamped<string> = { value: `${op.field}:${msg.write}`, timestamp, leader: self, write: msg.write };
        this.config.note('ml-write', { write: msg.write, client, field: op.field, version, clock, highestSeen });
        change = { kind: 'field', field: op.field, version };
      } else {
        this.config.note('ml-write', { write: msg.write, client, interest: op.interest, clock, highestSeen });
        change = { kind: 'interest', interest: op.interest, write: msg.write, leader: self };
      }
      if (!(await this.apply(change, self))) return;
      this.ctx.storage.set('accepted', [...accepted, msg.write]);
      this.outbox.send(this.config.peers, change);
    }
    if (ack) this.ctx.send(client, { type: 'write-ack', write: msg.write });
  }

  private async receive(from: string, change: ProfileChange, id: number): Promise<void> {
    if (!(await this.apply(change, from))) return;
    this.ctx.send(from, { type: 'update-ack', id });
  }

  /** Applies one change through the learner's resolver; false when the run stopped. */
  private async apply(change: ProfileChange, from: string): Promise<boolean> {
    const own = this.profile;
    let next: Profile;
    if (change.kind === 'field') {
      const held = own.fields[change.field];
      let kept = change.version;
      if (held !== undefined) {
        const answer = await this.ask('lastWriteWins', [held, change.version], () => this.config.hooks.lastWriteWins(held, change.version, this.call()), stampedProblem);
        if (answer === undefined) return false;
        kept = answer as Stamped<string>;
      }
      next = { fields: { ...own.fields, [change.field]: kept }, interests: own.interests };
      this.seen(change.version.timestamp);
      this.config.note('ml-apply', { from, field: change.field, incoming: change.version, held: held ?? null, kept });
    } else {
      const answer = await this.ask('mergeProfiles', [own, { fields: {}, interests: [change.interest] }], (a, b) => this.config.hooks.mergeProfiles(a as Profile, b as Profile, this.call()), profileProblem);
      if (answer === undefined) return false;
      next = answer as Profile;
      this.config.note('ml-apply', { from, interest: change.interest, write: change.write, kept: next.interests.includes(change.interest) });
    }
    this.ctx.storage.set('profile', next);
    return true;
  }

  private async merge(from: string, received: Profile): Promise<void> {
    const own = this.profile;
    for (const v of Object.values(received.fields)) this.seen(v.timestamp);
    if (sameProfile(own, received)) {
      this.config.note('ml-merge', { from, received, skipped: true });
      return;
    }
    const answer = await this.ask('mergeProfiles', [own, received], () => this.config.hooks.mergeProfiles(own, received, this.call()), profileProblem);
    if (answer === undefined) return;
    this.ctx.storage.set('profile', answer);
    this.config.note('ml-merge', { from, received, skipped: false });
  }

  private async stamp(clock: number, highestSeen: number): Promise<number | undefined> {
    const answer = await this.ask('nextTimestamp', [clock, highestSeen], () => this.config.hooks.nextTimestamp(clock, highestSeen, this.call()), (x) => (typeof x === 'number' && Number.isSafeInteger(x) ? null : `${JSON.stringify(x) ?? String(x)}, not an integer timestamp`));
    return answer as number | undefined;
  }

  private seen(timestamp: number): void {
    if (timestamp > this.highestSeen) this.ctx.storage.set('highestSeen', timestamp);
  }

  /** Asks a hook and validates the answer, noting the call; on any problem stops the run and returns undefined. */
  private async ask(fn: string, args: readonly unknown[], call: (...args: unknown[]) => Promise<{ ok: true; value: unknown } | { ok: false; problem: string }>, shape: (x: unknown) => string | null): Promise<unknown> {
    const answer = await this.asker.ask(fn, () => call(...args), shape);
    if (answer !== undefined) this.config.note('ml-call', { fn, args, answer: answer.value });
    return answer?.value;
  }

  private call(): { node: string; now: number } {
    return { node: this.ctx.id, now: this.ctx.now() };
  }
}
