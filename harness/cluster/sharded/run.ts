/**
 * Runs the sharded chat (design §F.2) through one phased scenario: shard groups, then sessions doing
 * their operations with the policy's observe and consistentCut; writers stop when recovery begins
 * (their scripts end there), readers go on. The result carries the history as the consistent-prefix
 * checkers read it (who wrote what after seeing what, and what each read showed).
 */
import { runPhased, type PhasedRun, type PhasedScenario, type RunHosting } from '../phased-run.ts';
import { DEFAULT_STANDBY_TIMING, type StandbyTiming } from '../single-leader/standby-messages.ts';
import { createChatSession, type ChatOpSpec, type ChatPolicy } from './chat-session.ts';
import type { ShardedMessage } from './messages.ts';
import { addShardGroup } from './shard-group.ts';

export interface ShardedScenario extends PhasedScenario {
  readonly shards: readonly string[];
  /** Members per shard (3 or 5). */
  readonly members: number;
  readonly sessions: Readonly<Record<string, readonly ChatOpSpec[]>>;
  readonly timing: StandbyTiming;
  readonly readTimeoutMs: number;
  readonly recoveryMs: number;
}

/** A session's write or read as the consistent-prefix checkers read it (their `ChatOp`). */
export type ChatHistoryOp =
  | { readonly kind: 'write'; readonly session: string; readonly message: string; readonly shard: string; readonly invokedAt: number; readonly ackedAt?: number }
  | { readonly kind: 'read'; readonly session: string; readonly invokedAt: number; readonly completedAt: number; readonly shown: readonly string[]; readonly silent?: readonly string[] };

/** Why a run stopped early: a call without a usable answer. */
export interface ChatStop {
  readonly session: string;
  readonly fn: string;
  readonly problem: string;
}

export interface ShardedRun extends PhasedRun<ShardedScenario, null, ChatStop> {
  /** The history as the checkers read it. */
  readonly chat: readonly ChatHistoryOp[];
  /** Learner calls made, by function. */
  readonly calls: Readonly<Record<string, number>>;
}

/** The chat's published constants. */
export const SHARDED_TIMING: StandbyTiming = { ...DEFAULT_STANDBY_TIMING, flushIntervalMs: 0 };

export async function runShardedChat(scenario: ShardedScenario, policy: ChatPolicy, options: RunHosting = {}): Promise<ShardedRun> {
  const calls: Record<string, number> = { observe: 0, consistentCut: 0 };
  const counted: ChatPolicy = {
    observe: (...a) => (calls.observe!++, policy.observe(...a)),
    consistentCut: (...a) => (calls.consistentCut!++, policy.consistentCut(...a)),
  };
  const run = await runPhased<ShardedScenario, null, ChatStop>(scenario, {
    recoveryMs: scenario.recoveryMs,
    trace: options.trace,
    hostYield: options.hostYield,
    nodes: ({ sim, stop }) => {
      const members = scenario.shards.flatMap((shard) => addShardGroup(sim, shard, scenario.members, scenario.timing, () => stop({ session: shard, fn: 'ack', problem: 'the shard leader could not decide' })));
      for (const [session, ops] of Object.entries(scenario.sessions))
        sim.addNode<ShardedMessage>(session, (ctx) =>
          createChatSession(ctx, {
            shards: scenario.shards,
            members: scenario.members,
            ops,
            policy: counted,
            readTimeoutMs: scenario.readTimeoutMs,
            retryMs: scenario.timing.clientRetryMs,
            onProblem: (fn, problem) => stop({ session, fn, problem }),
          }),
        );
      return members;
    },
    final: () => null,
  });
  return { ...run, chat: chatHistory(run.history, scenario.shards), calls };
}

/** The run's history in the checkers' terms. */
function chatHistory(history: ShardedRun['history'], shards: readonly string[]): ChatHistoryOp[] {
  const out: ChatHistoryOp[] = [];
  for (const op of history) {
    if (op.op === 'write') {
      const input = op.input as { message: string; shard: string };
      out.push({ kind: 'write', session: op.client, message: input.message, shard: input.shard, invokedAt: op.invokedAt, ...(op.status === 'ok' ? { ackedAt: op.completedAt! } : {}) });
    } else if (op.op === 'read' && op.status === 'ok') {
      const { shown, replies } = op.output as { shown: string[]; replies: readonly { shard: string }[] };
      const silent = shards.filter((s) => !replies.some((r) => r.shard === s));
      out.push({ kind: 'read', session: op.client, invokedAt: op.invokedAt, completedAt: op.completedAt!, shown, ...(silent.length > 0 ? { silent } : {}) });
    }
  }
  return out;
}
