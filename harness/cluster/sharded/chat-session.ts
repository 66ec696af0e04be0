/**
 * A chat session (a user or an observer) doing one thing at a time, as design §F.2 says, since a
 * session that wrote before its last write was acknowledged could not know its own position:
 *  - a read asks one follower of every shard, waits for all of them or `readTimeoutMs` (a silent
 *    shard is left out), asks consistentCut, shows the messages up to the cut, then
 *    `seen = observe(seen, cut)`;
 *  - a write posts to the shard's leader with `deps = seen` (the same id and deps on every retry),
 *    and after the ack at `lsn`, `seen = observe(seen, { [shard]: lsn })`.
 * Both are recorded in the history in true time, so the checkers judge what was shown against what
 * the authors had seen, whatever the learner's deps said.
 */
import type { ShardPositions, ShardReply } from '../../exercise/index.ts';
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import type { HookCall, HookOutcome } from '../hook.ts';
import { shardLeader, shardMembers, type ShardedMessage } from './messages.ts';

export interface ChatPolicy {
  observe(seen: ShardPositions, observed: ShardPositions, call: HookCall): Promise<HookOutcome<unknown>>;
  consistentCut(replies: readonly ShardReply[], call: HookCall): Promise<HookOutcome<unknown>>;
}

/** One operation, `thinkMs` after the previous one ended; a read names the follower to ask per shard, or a random one. */
export type ChatOpSpec = { readonly kind: 'read'; readonly thinkMs: number; readonly from?: Readonly<Record<string, string>> } | { readonly kind: 'write'; readonly shard: string; readonly thinkMs: number };

export interface ChatSessionConfig {
  readonly shards: readonly string[];
  readonly members: number;
  readonly ops: readonly ChatOpSpec[];
  readonly policy: ChatPolicy;
  readonly readTimeoutMs: number;
  readonly retryMs: number;
  /** A call gave no usable answer (threw, timed out, malformed): the run stops. */
  readonly onProblem: (fn: string, problem: string) => void;
}

/** What the session notes for each call (`chat-call`): the learner's question and answer. */
export interface ChatCallRecord {
  readonly session: string;
  readonly fn: 'observe' | 'consistentCut';
  readonly args: readonly unknown[];
  readonly answer: unknown;
}

const HOOK_DEADLINE_MS = 10_000;

const isPositions = (v: unknown): v is ShardPositions => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((n) => typeof n === 'number' && Number.isFinite(n));

export function createChatSession(ctx: NodeContext<ShardedMessage>, config: ChatSessionConfig): NodeBehaviour<ShardedMessage> {
  let seen: ShardPositions = {};
  let next = 0;
  let nextReq = 1;
  let stopped = false;
  let reading: { req: number; history: number; replies: Map<string, Extract<ShardedMessage, { type: 'shard-reply' }>>; timer: number } | undefined;
  let writing: { id: string; shard: string; history: number; deps: ShardPositions; value: string } | undefined;

  const ask = (fn: 'observe' | 'consistentCut', args: readonly unknown[], run: (call: HookCall) => Promise<HookOutcome<unknown>>, then: (v: ShardPositions) => void): void => {
    const call: HookCall = { node: ctx.id, now: ctx.now(), busy: (p) => void ctx.external(p) };
    ctx.task(fn, () => ctx.external(run(call)), {
      deadlineMs: HOOK_DEADLINE_MS,
      onSettled: (result) => {
        if (stopped) return;
        const outcome: HookOutcome<unknown> = result.status === 'ok' ? result.value : { ok: false, problem: `${fn} ${result.status === 'threw' ? `failed: ${String(result.error)}` : 'never settled'}` };
        const problem = !outcome.ok ? outcome.problem : isPositions(outcome.value) ? undefined : `${fn} must return positions (shard → number), got ${JSON.stringify(outcome.value) ?? String(outcome.value)}`;
        ctx.record('chat-call', { session: ctx.id, fn, args, answer: outcome.ok ? outcome.value : undefined, ...(problem ? { problem } : {}) });
        if (problem !== undefined) {
          stopped = true;
          return config.onProblem(fn, problem);
        }
        then((outcome as { value: ShardPositions }).value);
      },
    });
  };

  const done = (): void => {
    next++;
    const op = config.ops[next];
    if (op !== undefined) ctx.setTimer('op', op.thinkMs);
  };

  const finishRead = (): void => {
    const r = reading!;
    ctx.cancelTimer(r.timer);
    reading = undefined;
    const got = config.shards.flatMap((s) => (r.replies.has(s) ? [r.replies.get(s)!] : []));
    const replies: ShardReply[] = got.map((g) => ({ shard: g.shard, appliedLsn: g.appliedLsn, dependents: g.dependents }));
    ask('consistentCut', [replies], (call) => config.policy.consistentCut(replies, call), (cut) => {
      // What a reader can show is bounded by what it was sent, whatever the cut says.
      const shown = got.flatMap((g) => g.ids.slice(0, Math.max(0, Math.min(cut[g.shard] ?? 0, g.appliedLsn))));
      ctx.complete(r.history, 'ok', { shown, cut, replies });
      ask('observe', [seen, cut], (call) => config.policy.observe(seen, cut, call), (s) => {
        seen = s;
        done();
      });
    });
  };

  const sendWrite = (): void => {
    if (writing === undefined) return;
    ctx.send(shardLeader(writing.shard), { type: 'write', write: { id: writing.id, key: writing.id, value: writing.value } });
    ctx.setTimer('write-retry', config.retryMs, writing.id);
  };

  const behaviour: NodeBehaviour<ShardedMessage> = {
    onTimer(name, payload) {
      if (stopped) return;
      if (name === 'read-timeout' && reading?.req === payload) return finishRead();
      if (name === 'write-retry' && writing?.id === payload) return sendWrite();
      if (name !== 'op' || reading !== undefined || writing !== undefined) return;
      const op = config.ops[next]!;
      if (op.kind === 'read') {
        const req = nextReq++;
        reading = { req, history: ctx.invoke('read', {}), replies: new Map(), timer: ctx.setTimer('read-timeout', config.readTimeoutMs, req) };
        for (const shard of config.shards) {
          const followers = shardMembers(shard, config.members).slice(1);
          const to = op.from?.[shard] ?? followers[Math.floor(ctx.random() * followers.length)]!;
          ctx.send(to, { type: 'read-shard', req });
        }
      } else {
        const id = `${ctx.id}-${next + 1}`;
        const deps = seen;
        writing = { id, shard: op.shard, deps, history: ctx.invoke('write', { message: id, shard: op.shard, deps }), value: JSON.stringify({ author: ctx.id, text: `message ${id}`, deps }) };
        sendWrite();
      }
    },
    onMessage(_from, msg) {
      if (stopped) return;
      if (msg.type === 'shard-reply' && reading?.req === msg.req) {
        reading.replies.set(msg.shard, msg);
        if (reading.replies.size === config.shards.length) finishRead();
      } else if (msg.type === 'write-ok' && writing?.id === msg.writeId) {
        const w = writing;
        writing = undefined;
        ctx.complete(w.history, 'ok', { lsn: msg.lsn });
        const observed = { [w.shard]: msg.lsn };
        ask('observe', [seen, observed], (call) => config.policy.observe(seen, observed, call), (s) => {
          seen = s;
          done();
        });
      }
    },
  };
  const first = config.ops[0];
  if (first !== undefined) ctx.setTimer('op', first.thinkMs);
  return behaviour;
}
