/**
 * Runs the reference single-leader cluster with an external coordinator through one scenario: a
 * fault phase (the schedule), then a recovery phase in which the network heals, loss stops, paused
 * members resume and crashed ones restart (except those the scenario keeps down).
 */
import type { NodeBehaviour, NodeContext } from '../../sim/index.ts';
import { nodeIds, runPhased, type PhasedRun, type PhasedScenario, type RunHosting } from '../phased-run.ts';
import { createClient } from './client.ts';
import { createCoordinator, type DecisionRecord, type FailoverDecider } from './coordinator.ts';
import type { SingleLeaderHooks } from './hooks.ts';
import { createMember } from './member.ts';
import type { ClusterMessage, Entry, ReplicationMode } from './messages.ts';
import { withReadPath, type FollowerPipeline, type ReadPathMessage } from './read-path.ts';
import { referenceSingleLeaderHooks } from './reference-hooks.ts';
import { DEFAULT_FAILOVER_TIMING, serveBoundMs, writeBoundMs, type FailoverTiming } from './timing.ts';

export interface FailoverScenario extends PhasedScenario {
  /** 3 or 5 voting members, named n1 … nN; n1 leads epoch 1 at the start. */
  readonly members: number;
  /** Members left crashed through the recovery phase (a minority at most). */
  readonly keepDown: readonly string[];
}

export interface ClusterOptions extends RunHosting {
  readonly timing?: FailoverTiming;
  readonly mode?: ReplicationMode;
  /** The members' decisions; the reference hooks of `mode` (majority by default) unless given. */
  readonly hooks?: SingleLeaderHooks;
  readonly clients?: number;
  readonly writeIntervalMs?: number;
  readonly maxInFlight?: number;
  /** Applied state and reads on every member (design §1.3–1.4); off by default, which leaves runs as they were. */
  readonly followerPipeline?: FollowerPipeline;
}

/** A member's state when the run ended. */
export interface MemberFinal {
  readonly id: string;
  readonly status: 'up' | 'paused' | 'crashed';
  readonly log: readonly Entry[];
  readonly commit: number;
}

/** `stoppedBy` is set when the run stopped early because a decision was unusable (threw, malformed, …). */
export interface FailoverRun extends PhasedRun<FailoverScenario, readonly MemberFinal[], DecisionRecord> {
  readonly timing: FailoverTiming;
  readonly members: readonly string[];
  readonly decisions: readonly DecisionRecord[];
}

export const COORDINATOR = 'coordinator';

export function memberIds(n: number): string[] {
  return nodeIds('n', n);
}

/** How long the recovery phase lasts: time to elect, to write, and to let followers catch up. */
export function recoveryPhaseMs(timing: FailoverTiming): number {
  return serveBoundMs(timing) + writeBoundMs(timing) + 400;
}

export async function runFailoverCluster(scenario: FailoverScenario, decider: FailoverDecider, options: ClusterOptions = {}): Promise<FailoverRun> {
  const timing = options.timing ?? DEFAULT_FAILOVER_TIMING;
  const members = memberIds(scenario.members);
  const hooks = options.hooks ?? referenceSingleLeaderHooks(options.mode ?? 'majority');
  const run = await runPhased<FailoverScenario, MemberFinal[], DecisionRecord>(scenario, {
    recoveryMs: recoveryPhaseMs(timing),
    trace: options.trace,
    hostYield: options.hostYield,
    nodes: ({ sim, endsAt, stop }) => {
      for (const id of members) {
        sim.addNode<ClusterMessage | ReadPathMessage>(id, (ctx) => {
          if (ctx.storage.get('epoch') === undefined) {
            ctx.storage.set('epoch', 1);
            ctx.storage.set('leader', members[0]);
          }
          const member = createMember(ctx as NodeContext<ClusterMessage>, { members, coordinator: COORDINATOR, timing, hooks });
          return options.followerPipeline === undefined ? (member as NodeBehaviour<ClusterMessage | ReadPathMessage>) : withReadPath(ctx, member, options.followerPipeline);
        });
      }
      sim.addNode<ClusterMessage>(COORDINATOR, (ctx) =>
        createCoordinator(ctx, { members, initialLeader: members[0]!, initialEpoch: 1, timing, decider, onDecisionProblem: stop }),
      );
      for (let c = 1; c <= (options.clients ?? 1); c++) {
        sim.addNode<ClusterMessage>(`c${c}`, (ctx) =>
          createClient(ctx, {
            members,
            initialLeader: members[0]!,
            timing,
            writeIntervalMs: options.writeIntervalMs ?? 40,
            maxInFlight: options.maxInFlight ?? 4,
            stopAtMs: endsAt - 300,
          }),
        );
      }
      return members;
    },
    final: (sim) =>
      members.map((id): MemberFinal => {
        const storage = sim.storageOf(id);
        return {
          id,
          status: sim.status(id),
          log: [...((storage.get('log') as Entry[] | undefined) ?? [])],
          commit: (storage.get('commit') as number | undefined) ?? 0,
        };
      }),
  });
  const decisions: DecisionRecord[] = [];
  for (const e of run.notes) if (e.kind === 'note' && e.name === 'decision') decisions.push(e.data as DecisionRecord);
  return { ...run, timing, members, decisions };
}
