/**
 * Runs the static-leadership cluster (n1 leads; followers with the three-stage pipeline) through one
 * scenario that ends in a disaster: at `T` the members in `lost` crash for good and, with
 * `powerLoss`, every other member crashes at `T` (losing its unflushed tail and every delivery still
 * addressed to the old incarnation) and restarts at `T + 1`. `T` is a time, or triggered: 1 ms after
 * the first acknowledgement sent from that time on (at the latest 150 ms after it), so the write
 * acknowledged last is the one the disaster tests.
 */
import type { AckPolicy } from '../../exercise/index.ts';
import { nodeIds, runPhased, type PhasedRun, type PhasedScenario, type RunHosting } from '../phased-run.ts';
import type { NodeContext } from '../../sim/index.ts';
import { createClient } from './client.ts';
import type { ClusterMessage, Entry } from './messages.ts';
import { createStandbyFollower, type AppliedState } from './standby-follower.ts';
import { createStandbyLeader, type AckDecider, type AckDecisionRecord } from './standby-leader.ts';
import type { StandbyMessage, StandbyTiming } from './standby-messages.ts';
import { DEFAULT_FAILOVER_TIMING } from './timing.ts';

export interface Disaster {
  /** Members that crash for good at `T`. */
  readonly lost: readonly string[];
  readonly powerLoss: boolean;
  /** `T`, or with `afterNextAck` the time from which the next acknowledgement triggers it. */
  readonly at: number;
  readonly afterNextAck: boolean;
}

export interface StandbyScenario extends PhasedScenario {
  /** 3 to 5 members, n1 … nN; n1 leads for good. */
  readonly members: number;
  readonly policy: AckPolicy;
  readonly disaster: Disaster;
  readonly timing: StandbyTiming;
}

/** A member's disk when the run ended. */
export interface StandbyFinal {
  readonly id: string;
  readonly status: 'up' | 'paused' | 'crashed';
  readonly log: readonly Entry[];
  readonly applied: number;
}

export interface TimedRecord<R> {
  readonly t: number;
  readonly record: R;
}

export interface StandbyRun extends PhasedRun<StandbyScenario, readonly StandbyFinal[], AckDecisionRecord> {
  readonly members: readonly string[];
  readonly decisions: readonly TimedRecord<AckDecisionRecord>[];
  /** Acknowledgements the leader sent, in order. */
  readonly acks: readonly TimedRecord<{ readonly write: string; readonly lsn: number }>[];
  /** When the disaster struck; undefined when the run stopped before it. */
  readonly disasterAt?: number;
}

/** A triggered disaster strikes at the latest this long after its time. */
export const TRIGGER_FALLBACK_MS = 150;
export const STANDBY_LEADER = 'n1';
/** Clients start writing this long after boot. */
export const WARM_UP_MS = 60;

export interface StandbyOptions extends RunHosting {
  readonly writeIntervalMs?: number;
}

export async function runStandbyCluster(scenario: StandbyScenario, decider: AckDecider, options: StandbyOptions = {}): Promise<StandbyRun> {
  const members = nodeIds('n', scenario.members);
  const followers = members.slice(1);
  const { disaster, timing } = scenario;
  let disasterAt: number | undefined;
  const run = await runPhased<StandbyScenario, StandbyFinal[], AckDecisionRecord>(scenario, {
    recoveryMs: 150,
    keepDown: disaster.lost,
    trace: options.trace,
    hostYield: options.hostYield,
    nodes: ({ sim, stop }) => {
      const strike = (): void => {
        if (disasterAt !== undefined) return;
        disasterAt = sim.now;
        const struck = members.filter((id) => sim.status(id) !== 'crashed' && (disaster.powerLoss || disaster.lost.includes(id)));
        for (const id of struck) sim.inject({ kind: 'crash', node: id });
        const back = struck.filter((id) => !disaster.lost.includes(id));
        if (back.length > 0) sim.at(sim.now + 1, 'power back', () => back.forEach((id) => sim.inject({ kind: 'restart', node: id })));
      };
      let armed = false;
      const onAck = (): void => {
        if (!disaster.afterNextAck || armed || sim.now < disaster.at) return;
        armed = true;
        sim.at(sim.now + 1, 'disaster', strike);
      };
      sim.at(disaster.at + (disaster.afterNextAck ? TRIGGER_FALLBACK_MS : 0), 'disaster', strike);
      sim.addNode<StandbyMessage>(members[0]!, (ctx) =>
        createStandbyLeader(ctx, { followers, timing, policy: scenario.policy, decider, onAck, onDecisionProblem: stop }),
      );
      for (const id of followers) sim.addNode<StandbyMessage>(id, (ctx) => createStandbyFollower(ctx, { leader: members[0]!, timing }));
      sim.addNode<ClusterMessage>('c1', (ctx: NodeContext<ClusterMessage>) =>
        createClient(ctx, {
          members,
          initialLeader: members[0]!,
          timing: { ...DEFAULT_FAILOVER_TIMING, clientRetryMs: timing.clientRetryMs },
          writeIntervalMs: options.writeIntervalMs ?? 10,
          maxInFlight: 4,
          stopAtMs: disaster.at + TRIGGER_FALLBACK_MS,
          // Every follower's first report (at boot, position 0) then shows it caught up: all stream from the start.
          startAtMs: WARM_UP_MS,
        }),
      );
      return members;
    },
    final: (sim) =>
      members.map((id): StandbyFinal => {
        const storage = sim.storageOf(id);
        return {
          id,
          status: sim.status(id),
          log: [...((storage.get('log') as Entry[] | undefined) ?? [])],
          applied: (storage.get('applied') as AppliedState | undefined)?.lsn ?? 0,
        };
      }),
  });
  const decisions: TimedRecord<AckDecisionRecord>[] = [];
  const acks: TimedRecord<{ write: string; lsn: number }>[] = [];
  for (const e of run.notes) {
    if (e.kind !== 'note') continue;
    if (e.name === 'ack-decision') decisions.push({ t: e.t, record: e.data as AckDecisionRecord });
    else if (e.name === 'ack') acks.push({ t: e.t, record: e.data as { write: string; lsn: number } });
  }
  return { ...run, members, decisions, acks, ...(disasterAt !== undefined ? { disasterAt } : {}) };
}
